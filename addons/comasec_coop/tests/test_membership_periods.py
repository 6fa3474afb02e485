from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..models.comasec_facts import render_fact, to_fact
from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestMembershipPeriods(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = cls.users["supervisor"]
        cls.members = cls.add_members(cls.coop, 4, join=date(2016, 1, 1))
        cls.leaver = cls.members[0]

    def leave_and_rejoin(self, exit_date=date(2020, 6, 30), return_date=date(2023, 3, 1)):
        """As the supervisor who keeps the register: the exit on the member's form, the
        return through the Rejoin button's dialog."""
        with Form(self.leaver.with_user(self.supervisor)) as form:
            form.exit_date = exit_date
            form.exit_reason = "resignation"
        self.assertEqual(self.leaver.state, "exited")
        action = self.leaver.with_user(self.supervisor).action_rejoin_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(self.supervisor).with_context(**action["context"]))
        wizard.join_date = return_date
        wizard.save().action_rejoin()

    def test_a_member_who_comes_back_gets_a_new_period_and_the_register_keeps_both(self):
        self.leave_and_rejoin()
        member = self.leaver.with_user(self.supervisor)
        self.assertEqual(member.state, "active")
        self.assertEqual((member.join_date, member.exit_date), (date(2023, 3, 1), False))
        self.assertEqual(
            [(p.join_date, p.exit_date, p.exit_reason) for p in member.period_ids],
            [(date(2016, 1, 1), date(2020, 6, 30), "resignation"), (date(2023, 3, 1), False, False)],
        )
        self.assertEqual(member.number, 1, "the member keeps their number")
        # the register printed today shows both periods
        html = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render_qweb_html("comasec_coop.report_member_register", self.coop.ids)[0]
            .decode()
        )
        row = html[html.index(self.leaver.partner_id.name) : html.index(self.members[1].partner_id.name)]
        for printed in ("01/01/2016", "06/30/2020", "Resignation", "03/01/2023"):
            self.assertIn(printed, row)

    def test_counts_and_convocations_read_the_periods_in_force_that_day(self):
        self.leave_and_rejoin()
        rule = self.env.ref("comasec_coop.comasec_compliance_rule_leg_05")
        counts = ((date(2019, 1, 1), 4), (date(2020, 6, 30), 3), (date(2022, 1, 1), 3), (date(2024, 1, 1), 4))
        for on_date, count in counts:
            with self.subTest(on_date=on_date):
                _result, why = rule._evaluate(self.coop, on_date)[self.coop.id]
                self.assertIn(f"{count} active members", render_fact(to_fact(why), "en_US"))
        Assembly = self.env["comasec.coop.assembly"].with_user(self.supervisor)
        during_absence = Assembly.create(
            {"cooperative_id": self.coop.id, "fiscal_year": 2021, "convocation_date": date(2022, 4, 1)}
        )
        after_return = Assembly.create(
            {"cooperative_id": self.coop.id, "fiscal_year": 2023, "convocation_date": date(2024, 4, 1)}
        )
        (during_absence | after_return).action_convene()
        self.assertNotIn(self.leaver, during_absence.attendance_ids.member_id)
        self.assertEqual(during_absence.member_count, 3)
        self.assertIn(self.leaver, after_return.attendance_ids.member_id)
        # the quorum is over the members convened that day: 2 of 3 present
        during_absence.attendance_ids[:2].status = "present"
        self.assertAlmostEqual(during_absence.attendance_rate, 200 / 3)
        self.assertTrue(during_absence.quorum_reached)

    def test_refusals_say_what_to_do(self):
        member = self.leaver.with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, "is still a member: only a member who has left can rejoin"):
            member._rejoin(date(2024, 1, 1))
        member.write({"exit_date": date(2020, 6, 30), "exit_reason": "death"})
        with self.assertRaisesRegex(ValidationError, r"left on 2020-06-30: the return \(2020-01-01\) cannot be"):
            member._rejoin(date(2020, 1, 1))
        # a period that overlaps another, however it is made, is refused
        with self.assertRaisesRegex(ValidationError, "starts before the one from 2016-01-01 has ended"):
            self.env["comasec.coop.member.period"].with_user(self.supervisor).create(
                {"member_id": member.id, "join_date": date(2019, 1, 1)}
            )
        self.assertEqual(len(member.period_ids), 1)
        # no mandate starting while the member was away
        member._rejoin(date(2023, 3, 1))
        Mandate = self.env["comasec.coop.mandate"].with_user(self.supervisor)
        with self.assertRaisesRegex(ValidationError, "had left the cooperative on 2021-01-01"):
            Mandate.create(
                {
                    "member_id": member.id,
                    "role": "president",
                    "date_start": date(2021, 1, 1),
                    "date_end": date(2024, 1, 1),
                },
            )
        Mandate.create(
            {"member_id": member.id, "role": "president", "date_start": date(2023, 6, 1), "date_end": date(2026, 6, 1)},
        )

    def test_only_the_register_keepers_record_a_return(self):
        self.leaver.write({"exit_date": date(2020, 6, 30), "exit_reason": "resignation"})
        bookkeeper = self.bookkeeper_of(self.coop, "comasec_bookkeeper", "Tifawin books")
        Period = self.env["comasec.coop.member.period"].with_user(bookkeeper)
        self.assertEqual(Period.search([]).member_id, self.members)
        with self.assertRaises(AccessError):
            self.leaver.with_user(bookkeeper)._rejoin(date(2023, 3, 1))
        other = self.add_members(self.other_coop, 1)
        self.assertFalse(Period.search([("member_id", "=", other.id)]))
        self.assertEqual(len(self.leaver.period_ids), 1)
