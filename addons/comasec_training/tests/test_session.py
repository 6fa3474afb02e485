from datetime import date, datetime

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
        self.assertEqual(session.comasec_hours, 12)
        session.comasec_day_ids[0].hours = 7
        self.assertEqual(session.comasec_hours, 13)

    def test_training_session_needs_a_course_but_a_forum_does_not(self):
        with self.assertRaisesRegex(ValidationError, "needs a course of the catalogue"):
            self.create_session(name="No course", comasec_course_id=False)
        forum = self.create_session(name="Argan forum", comasec_training_kind="forum", comasec_course_id=False)
        self.assertFalse(forum.comasec_course_id)

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
        self.assertIn(self.trainer, afternoon.comasec_trainer_ids)
        with self.assertRaisesRegex(ValidationError, "already teaches in session Morning"):
            afternoon.comasec_day_ids.half_day = "full"

    def half_day_session(self, name, slot, start, end, **vals):
        """A one-day session of the trainer on 2026-03-02 from ``start`` to ``end`` o'clock (UTC)."""
        return self.create_session(
            name=name,
            days=[(date(2026, 3, 2), slot)],
            trainers=self.trainer,
            date_begin=datetime(2026, 3, 2, start),
            date_end=datetime(2026, 3, 2, end),
            **{"date_tz": "UTC", **vals},
        )

    def test_session_days_overlapping_by_an_hour_are_refused(self):
        self.half_day_session("Morning", "morning", 8, 12)
        with self.assertRaisesRegex(ValidationError, "Salma Trainer already teaches in session Morning"):
            self.half_day_session("Late afternoon", "afternoon", 11, 15)
        self.assertFalse(self.env["event.event"].search([("name", "=", "Late afternoon")]))
        # the same sessions without session days were already refused
        with self.assertRaisesRegex(ValidationError, "already teaches in session Morning"):
            self.half_day_session("No days", "afternoon", 11, 15, comasec_day_ids=[])

    def test_back_to_back_session_days_are_allowed(self):
        self.half_day_session("Morning", "morning", 8, 12)
        afternoon = self.half_day_session("Afternoon", "afternoon", 12, 16)
        self.assertEqual(afternoon.comasec_trainer_ids, self.trainer)
        with self.assertRaisesRegex(ValidationError, "already teaches in session Morning"):
            afternoon.date_begin = datetime(2026, 3, 2, 11)

    def test_training_sessions_default_to_the_moroccan_time_zone(self):
        self.env.user.tz = "Europe/Brussels"
        session = self.create_session(name="Tiznit")
        self.assertEqual(session.date_tz, "Africa/Casablanca")
        event = self.env["event.event"].create(
            {"name": "Open day", "date_begin": "2026-05-01 08:00:00", "date_end": "2026-05-01 12:00:00"}
        )
        self.assertEqual(event.date_tz, "Europe/Brussels", "other events keep Odoo's default")

    def test_session_days_are_found_by_date_and_slot(self):
        session = self.create_session(days=[(date(2026, 3, 2), "full"), (date(2026, 3, 3), "morning")])
        Day = self.env["comasec.training.session.day"].with_user(self.trainer_user)
        domain = [("event_id", "=", session.id)]
        self.assertEqual(len(Day.name_search("", domain)), 2)
        self.assertEqual([name for _id, name in Day.name_search("morn", domain)], ["2026-03-03 Morning"])
        self.assertEqual([name for _id, name in Day.name_search("03-02", domain)], ["2026-03-02 Full day"])
        self.assertEqual([name for _id, name in Day.name_search("2026 full", domain)], ["2026-03-02 Full day"])
        self.assertFalse(Day.name_search("afternoon", domain))

    def test_a_trainer_opens_sessions_in_the_training_form(self):
        session = self.create_session()
        training_form = self.env.ref("comasec_training.event_event_view_form_training")
        self.assertEqual(session.with_user(self.trainer_user).get_formview_id(), training_form.id)
        self.assertNotEqual(session.get_formview_id(), training_form.id, "event users keep the Events form")

    def test_adding_a_busy_trainer_later_is_refused(self):
        self.create_session(name="Busy", days=[(date(2026, 3, 2), "full")], trainers=self.trainer)
        other = self.create_session(name="Other", days=[(date(2026, 3, 2), "full")], trainers=self.other_trainer)
        with self.assertRaisesRegex(ValidationError, "already teaches in session Busy"):
            other.comasec_trainer_ids = [Command.link(self.trainer.id)]
        self.assertEqual(other.comasec_trainer_ids, self.other_trainer)

    def test_course_counts_its_sessions(self):
        self.create_session(days=[(date(2026, 3, 2), "full")])
        self.assertEqual(self.course.session_count, 1)
        action = self.course.action_view_sessions()
        self.assertEqual(self.env["event.event"].search(action["domain"]).comasec_course_id, self.course)

    def test_event_created_without_course_is_not_a_training_session(self):
        event = self.env["event.event"].create(
            {"name": "Open day", "date_begin": "2026-05-01 08:00:00", "date_end": "2026-05-01 12:00:00"}
        )
        self.assertEqual(event.comasec_training_kind, "other")
        event.comasec_course_id = self.course
        self.assertEqual(event.comasec_training_kind, "course")
