from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ComasecTrainingCase

WEEK = [(date(2026, 3, 2) + timedelta(days=i), "full") for i in range(5)]


@tagged("post_install", "-at_install")
class TestAttendance(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.add_members(cls.coop, 4)
        cls.session = cls.create_session(name="Week session", days=WEEK)
        cls.registrations = cls.enrol(cls.session, cls.members)

    def open_grid(self, session):
        return Form(self.env["comasec.training.attendance.grid"].with_context(default_event_id=session.id))

    def test_grid_starts_with_everyone_present_and_saves_absences(self):
        grid = self.open_grid(self.session)
        self.assertEqual(len(grid.line_ids), 4)
        with grid.line_ids.edit(0) as line:
            line.present_day_ids.remove(id=self.session.comasec_day_ids[0].id)
        grid.save().action_save()
        first, others = self.registrations[0], self.registrations[1:]
        self.assertEqual(len(self.env["comasec.training.attendance"].search([("event_id", "=", self.session.id)])), 20)
        self.assertEqual(first.comasec_attendance_rate, 80)
        self.assertEqual(first.comasec_hours_attended, 24)
        self.assertEqual(set(others.mapped("comasec_attendance_rate")), {100})

    def test_grid_reopens_with_recorded_attendance_and_updates_it(self):
        grid = self.open_grid(self.session)
        with grid.line_ids.edit(1) as line:
            line.present_day_ids.clear()
        grid.save().action_save()
        self.assertEqual(self.registrations[1].comasec_attendance_rate, 0)
        grid = self.open_grid(self.session)
        self.assertFalse(grid.line_ids.edit(1).present_day_ids)
        with grid.line_ids.edit(1) as line:
            line.present_day_ids.add(self.session.comasec_day_ids[2])
        grid.save().action_save()
        self.assertEqual(self.registrations[1].comasec_attendance_rate, 20)
        self.assertEqual(len(self.registrations[1].comasec_attendance_ids), 5)

    def test_attendance_of_someone_not_enrolled_is_refused(self):
        other_session = self.create_session(name="Other session", days=[(date(2026, 4, 1), "morning")])
        outsider = self.enrol(other_session, self.add_members(self.other_coop, 1))
        with self.assertRaisesRegex(ValidationError, "is not enrolled in Week session"):
            self.env["comasec.training.attendance"].create(
                {"registration_id": outsider.id, "day_id": self.session.comasec_day_ids[0].id}
            )
        self.assertFalse(outsider.comasec_attendance_ids)

    def test_cancelled_enrolment_cannot_attend(self):
        self.registrations[3].action_cancel()
        with self.assertRaisesRegex(ValidationError, "is not enrolled in Week session"):
            self.env["comasec.training.attendance"].create(
                {"registration_id": self.registrations[3].id, "day_id": self.session.comasec_day_ids[0].id}
            )

    def test_rate_weights_days_by_their_hours(self):
        session = self.create_session(name="Uneven", days=[(date(2026, 5, 4), "full"), (date(2026, 5, 5), "morning")])
        registration = self.enrol(session, self.members[0])
        full, morning = session.comasec_day_ids.sorted("date")
        self.env["comasec.training.attendance"].create(
            [
                {"registration_id": registration.id, "day_id": full.id, "present": False},
                {"registration_id": registration.id, "day_id": morning.id, "present": True},
            ]
        )
        self.assertAlmostEqual(registration.comasec_attendance_rate, 33.33)

    def test_grid_save_cost_does_not_grow_with_participants(self):
        """Saving the grid of 40 people over 5 days costs what 10 people cost.

        The ORM writes rows in batches of 100 (INSERT/UPDATE_BATCH_SIZE), which would add
        one query per 100 rows whatever our code does: the batch size is lifted so any
        query left that depends on the number of participants is ours.
        """
        self.startPatcher(patch("odoo.models.INSERT_BATCH_SIZE", 100_000))
        self.startPatcher(patch("odoo.models.UPDATE_BATCH_SIZE", 100_000))

        def prepare(name, count, start):
            session = self.create_session(name=name, days=[(start + timedelta(days=i), "full") for i in range(5)])
            self.enrol(session, self.add_members(self.other_coop, count))
            grid = self.env["comasec.training.attendance.grid"].with_context(default_event_id=session.id).create({})
            # Every participant misses the first day: rows are created absent and present.
            grid.line_ids.present_day_ids = [(3, session.comasec_day_ids[0].id)]
            self.env.flush_all()
            self.env.invalidate_all()
            return session, grid

        _small_session, small = prepare("Small", 10, date(2026, 6, 1))
        before = self.cr.sql_log_count
        small.action_save()
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        large_session, large = prepare("Large", 40, date(2026, 7, 1))
        with self.assertQueryCount(queries):
            large.action_save()
            self.env.flush_all()
        registrations = large_session.registration_ids
        self.assertEqual(len(registrations.comasec_attendance_ids), 200)
        self.assertEqual(set(registrations.mapped("comasec_attendance_rate")), {80})
