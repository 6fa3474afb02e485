from datetime import datetime, time

from odoo import Command
from odoo.addons.comasec_coop.tests.common import ComasecCoopCase


class ComasecTrainingCase(ComasecCoopCase):
    """A course of the catalogue on top of the cooperatives of ComasecCoopCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["comasec.training.course"].create(
            {
                "name": "Bookkeeping",
                "theme": "accounting",
                "audience": "bookkeepers",
                "duration_hours": 12,
                "max_score": 20,
                "pass_mark": 10,
                "min_attendance_rate": 75,
                "certificate_validity_months": 24,
                "rule_ids": [(6, 0, cls.env.ref("comasec_coop.comasec_compliance_rule_acc_01").ids)],
            }
        )
        cls.trainer_user = cls.users["trainer"]
        cls.trainer = cls.env["hr.employee"].create({"name": "Salma Trainer", "user_id": cls.trainer_user.id})
        cls.other_trainer = cls.env["hr.employee"].create({"name": "Youssef Trainer"})

    @classmethod
    def create_session(cls, name="Bookkeeping, Tiznit", days=(), trainers=None, course=None, seats=0, **vals):
        """A session of ``cls.course``; ``days`` are (date, half_day) pairs and set its date range."""
        dates = [d for d, _slot in days] or [cls.today]
        return cls.env["event.event"].create(
            {
                "name": name,
                "comasec_training_kind": "course",
                "comasec_course_id": (course or cls.course).id,
                "date_begin": datetime.combine(min(dates), time(8, 0)),
                "date_end": datetime.combine(max(dates), time(17, 0)),
                "seats_limited": bool(seats),
                "seats_max": seats,
                "comasec_province_id": cls.province.id,
                "comasec_trainer_ids": [Command.set((trainers or cls.env["hr.employee"]).ids)],
                "comasec_day_ids": [Command.create({"date": d, "half_day": slot}) for d, slot in days],
                **vals,
            }
        )

    @classmethod
    def enrol(cls, session, members):
        return cls.env["event.registration"].create(
            [{"event_id": session.id, "comasec_member_id": member.id} for member in members]
        )

    def attend(self, registrations, present=True):
        """Records every registration present (or absent) on every day of its session."""
        return self.env["comasec.training.attendance"].create(
            [
                {"registration_id": registration.id, "day_id": day.id, "present": present}
                for registration in registrations
                for day in registration.event_id.comasec_day_ids
            ]
        )
