from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestSession(ComasecTrainingCase):
    def test_hours_are_the_sum_of_session_days(self):
        session = self.create_session(
            days=[(date(2026, 3, 2), "full"), (date(2026, 3, 3), "morning"), (date(2026, 3, 3), "afternoon")]
        )
        self.assertEqual(session.hours, 12)
        session.day_ids[0].hours = 7
        self.assertEqual(session.hours, 13)

    def test_training_session_needs_a_course_but_a_forum_does_not(self):
        with self.assertRaisesRegex(ValidationError, "needs a course of the catalogue"):
            self.create_session(name="No course", course_id=False)
        forum = self.create_session(name="Argan forum", training_kind="forum", course_id=False)
        self.assertFalse(forum.course_id)

    def test_same_slot_twice_in_a_session_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "already has the slot"):
            self.create_session(days=[(date(2026, 3, 2), "full"), (date(2026, 3, 2), "morning")])

    def test_trainer_booked_in_two_overlapping_sessions_is_refused(self):
        self.create_session(name="Tiznit session", days=[(date(2026, 3, 2), "full")], trainers=self.trainer)
        with self.assertRaisesRegex(ValidationError, "Salma Trainer already teaches in session Tiznit session"):
            self.create_session(name="Tata session", days=[(date(2026, 3, 2), "morning")], trainers=self.trainer)
        self.assertFalse(self.env["event.event"].search([("name", "=", "Tata session")]))

    def test_morning_and_afternoon_sessions_of_one_trainer_are_allowed(self):
        self.create_session(name="Morning", days=[(date(2026, 3, 2), "morning")], trainers=self.trainer)
        afternoon = self.create_session(name="Afternoon", days=[(date(2026, 3, 2), "afternoon")], trainers=self.trainer)
        self.assertIn(self.trainer, afternoon.trainer_ids)
        with self.assertRaisesRegex(ValidationError, "already teaches in session Morning"):
            afternoon.day_ids.half_day = "full"

    def test_adding_a_busy_trainer_later_is_refused(self):
        self.create_session(name="Busy", days=[(date(2026, 3, 2), "full")], trainers=self.trainer)
        other = self.create_session(name="Other", days=[(date(2026, 3, 2), "full")], trainers=self.other_trainer)
        with self.assertRaisesRegex(ValidationError, "already teaches in session Busy"):
            other.trainer_ids = [Command.link(self.trainer.id)]
        self.assertEqual(other.trainer_ids, self.other_trainer)

    def test_course_counts_its_sessions(self):
        self.create_session(days=[(date(2026, 3, 2), "full")])
        self.assertEqual(self.course.session_count, 1)
        action = self.course.action_view_sessions()
        self.assertEqual(self.env["event.event"].search(action["domain"]).course_id, self.course)

    def test_event_created_without_course_is_not_a_training_session(self):
        event = self.env["event.event"].create(
            {"name": "Open day", "date_begin": "2026-05-01 08:00:00", "date_end": "2026-05-01 12:00:00"}
        )
        self.assertEqual(event.training_kind, "other")
        event.course_id = self.course
        self.assertEqual(event.training_kind, "course")
