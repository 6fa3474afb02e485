"""Bad input on comasec_training's forms and wizards: a clear error naming what to fix
and nothing saved; hostile text is escaped in the certificate PDF."""

import base64
import io
from datetime import date, datetime, time, timedelta

import openpyxl

from odoo import Command
from odoo.addons.comasec_coop.tests.common import FORMULA, HUGE, LINKS, BadInputCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ComasecTrainingCase

HOSTILE = '<script>alert("x")</script>'


@tagged("post_install", "-at_install")
class TestTrainingBadInput(BadInputCase, ComasecTrainingCase):
    def test_course_form(self):
        cases = [
            ("duration_hours", -1, r"duration"),
            ("max_score", -5, r"max_score_positive"),
            ("pass_mark", 25, r"pass mark .* must be between 0 and the maximum score 20"),
            ("pass_mark", -1, r"pass mark"),
            ("min_attendance_rate", 150, r"attendance"),
            ("min_attendance_rate", -1, r"attendance"),
            ("certificate_validity_months", -3, r"validity"),
        ]
        for field, value, regex in cases:
            with self.subTest(field=field, value=value):

                def build(field=field, value=value):
                    with Form(self.env["comasec.training.course"]) as form:
                        form.name = "Hygiene"
                        form.theme = "hygiene"
                        form.max_score = 20
                        form.pass_mark = 10
                        setattr(form, field, value)

                self.assertRefused("comasec.training.course", build, regex, Exception)

    def test_course_free_text_is_kept(self):
        course = self.course.copy({"name": HOSTILE, "objectives": HUGE})
        self.assertEqual(course.name, HOSTILE)
        self.assertEqual(len(course.objectives), 100_000)

    def test_session_values(self):
        # a two-day session with one day planned: the second day's values are checked
        session = self.create_session(
            days=[(self.today, "full")], date_end=datetime.combine(self.today + timedelta(days=1), time(17, 0))
        )
        cases = [
            ({"comasec_cost": -100}, r"The cost of session .* cannot be negative"),
            ({"comasec_day_ids": [Command.create({"date": self.today, "half_day": "morning"})]},
             r"already has the slot"),
            ({"comasec_day_ids": [Command.create({"date": self.today + timedelta(days=1), "half_day": "morning",
                                                  "hours": -4})]}, r"teaching hours \(-4.0\) must be between 0 and 24"),
        ]  # fmt: skip
        for vals, regex in cases:
            with self.subTest(vals=str(vals)[:80]):
                with self.assertRaisesRegex(ValidationError, regex):
                    session.write(vals)
                    self.env.flush_all()
                self.assertEqual(len(session.comasec_day_ids), 1)
                self.assertEqual(session.comasec_cost, 0)

    def test_scores(self):
        session = self.create_session(days=[(self.today, "full")])
        registration = self.enrol(session, self.add_members(self.coop, 1))
        for field, value in [("comasec_pre_score", -1), ("comasec_post_score", 21), ("comasec_post_score", 10**9)]:
            with self.subTest(field=field, value=value):
                with self.assertRaisesRegex(
                    ValidationError, r"score of .* must be between 0 and the course maximum 20"
                ):
                    registration.write({field: value})
                self.assertEqual(registration[field], 0)

    def test_member_registered_twice_or_from_nowhere(self):
        session = self.create_session(days=[(self.today, "full")])
        member = self.add_members(self.coop, 1)
        self.enrol(session, member)
        self.assertRefused("event.registration", lambda: self.enrol(session, member), r"is already enrolled in")

    def test_report_export_wizard(self):
        Wizard = self.env["comasec.training.report.export"]
        for vals, regex in [
            ({"date_from": date(2026, 2, 1), "date_to": date(2026, 1, 1)}, r"The period starts after it ends"),
        ]:
            with self.subTest(vals=str(vals)):
                wizard = Wizard.create(vals)
                with self.assertRaisesRegex(UserError, regex):
                    wizard.action_export()

    def test_attendance_grid_with_a_stranger(self):
        """A grid line of someone enrolled in another session (a tampered client) saves nothing."""
        session = self.create_session(days=[(self.today, "full")])
        other = self.create_session(name="Other session", days=[(self.today, "full")])
        registration = self.enrol(session, self.add_members(self.coop, 1))
        stranger = self.enrol(other, self.add_members(self.other_coop, 1))
        grid = self.env["comasec.training.attendance.grid"].with_context(default_event_id=session.id).create({})
        grid.line_ids = [Command.create({"registration_id": stranger.id, "present_day_ids": []})]
        self.assertRefused(
            "comasec.training.attendance",
            grid.action_save,
            r"is not enrolled in Bookkeeping, Tiznit: enrol them before recording their attendance",
        )
        self.assertFalse(registration.comasec_attendance_ids)

    def test_session_days_outside_their_session(self):
        session = self.create_session(days=[(self.today, "full")])
        first = session.comasec_day_ids
        for value in (
            self.today + timedelta(days=3),
            self.today - timedelta(days=1),
            date(1, 1, 1),
            date(9999, 12, 31),
        ):
            with self.subTest(day=value):
                self.assertRefused(
                    "comasec.training.session.day",
                    lambda value=value: session.write(
                        {"comasec_day_ids": [Command.create({"date": value, "half_day": "morning"})]}
                    ),
                    rf"Session Bookkeeping, Tiznit runs from {self.today} to {self.today}: its day {value} is outside",
                )
            with self.subTest(move=value):
                with self.assertRaisesRegex(ValidationError, rf"its day {value} is outside"):
                    first.date = value
                self.assertEqual(first.date, self.today)
        # moving the session away from its days is refused the same way
        later = self.today + timedelta(days=10)
        with self.assertRaisesRegex(ValidationError, rf"runs from {later} to {later}: its day {self.today} is outside"):
            session.write(
                {"date_begin": datetime.combine(later, time(8, 0)), "date_end": datetime.combine(later, time(17, 0))}
            )
        # the day and the session move together
        session.write(
            {
                "date_begin": datetime.combine(later, time(8, 0)),
                "date_end": datetime.combine(later, time(17, 0)),
                "comasec_day_ids": [Command.update(first.id, {"date": later})],
            }
        )
        self.assertEqual(first.date, later)

    def test_training_plan_and_needs(self):
        person = self.env["res.partner"].create({"name": "Not a cooperative"})
        Plan = self.env["comasec.training.plan"]
        self.assertRefused(
            "comasec.training.plan",
            lambda: Plan.create({"cooperative_id": person.id}),
            r"Not a cooperative is not a cooperative: a training plan is for a cooperative",
        )
        plan = Plan.create({"cooperative_id": self.coop.id, "notes": f"<p>ok</p>{HOSTILE}"})
        self.assertNotIn("<script>", plan.notes, "the HTML notes are sanitised")
        with mute_logger("odoo.sql_db"):
            self.assertRefused(
                "comasec.training.plan",
                lambda: Plan.create({"cooperative_id": self.coop.id}),
                r"cooperative_unique",
                Exception,
            )
        unrelated = self.env.ref("comasec_coop.comasec_compliance_rule_soc_01")
        self.assertNotIn(unrelated, self.course.rule_ids)
        Need = self.env["comasec.training.need"]
        cases = [
            ({"rule_id": unrelated.id, "course_id": self.course.id},
             r"The course .* does not address the rule .*: choose a course that addresses it, or leave the course"),
            ({"rule_id": 999_999_999}, r"foreign key"),
            ({"rule_id": unrelated.id, "course_id": 999_999_999}, r"foreign key"),
        ]  # fmt: skip
        for vals, regex in cases:
            with self.subTest(vals=str(vals)), mute_logger("odoo.sql_db"):
                self.assertRefused(
                    "comasec.training.need",
                    lambda vals=vals: Need.create({"plan_id": plan.id, **vals}),
                    regex,
                    Exception,
                )
        need = Need.create({"plan_id": plan.id, "rule_id": unrelated.id})
        self.assertEqual(need.state, "no_course")
        with self.assertRaisesRegex(ValidationError, r"does not address the rule"):
            need.course_id = self.course
        self.assertFalse(need.course_id)

    def test_report_export_keeps_hostile_names_as_text(self):
        """A province named like a spreadsheet formula or a link stays text in the funders' workbook."""
        session = self.create_session(days=[(self.today, "full")])
        self.attend(self.enrol(session, self.add_members(self.coop, 1)))
        for name in (FORMULA, *LINKS):
            with self.subTest(name=name):
                self.province.name = name
                wizard = self.env["comasec.training.report.export"].create(
                    {"date_from": self.today.replace(month=1, day=1), "date_to": self.today}
                )
                action = wizard.action_export()
                attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
                book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
                cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
                hostile = [c for c in cells if "evil.example" in str(c.value)]
                self.assertTrue(hostile, "the province is listed")
                for cell in hostile:
                    self.assertEqual(cell.data_type, "s", f"{cell.coordinate} became a formula")
                self.assertFalse([c.coordinate for c in cells if c.hyperlink], "no cell is a link")
