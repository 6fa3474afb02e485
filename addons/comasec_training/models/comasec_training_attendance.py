from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ComasecTrainingAttendance(models.Model):
    _name = "comasec.training.attendance"
    _description = "Training attendance"
    _order = "day_id, registration_id"

    registration_id = fields.Many2one(
        "event.registration", string="Participant", required=True, ondelete="cascade", index=True
    )
    day_id = fields.Many2one(
        "comasec.training.session.day", string="Day", required=True, ondelete="cascade", index=True
    )
    event_id = fields.Many2one(related="day_id.event_id", store=True, index=True, string="Session")
    cooperative_id = fields.Many2one(related="registration_id.comasec_cooperative_id", store=True, index=True)
    date = fields.Date(related="day_id.date")
    half_day = fields.Selection(related="day_id.half_day")
    hours = fields.Float(related="day_id.hours")
    present = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "registration_day_unique",
            "unique(registration_id, day_id)",
            "A participant's attendance is recorded once per session day.",
        ),
    ]

    @api.constrains("registration_id", "day_id")
    def _check_enrolled(self):
        for attendance in self:
            registration = attendance.registration_id
            if registration.event_id != attendance.day_id.event_id or registration.state == "cancel":
                raise ValidationError(
                    self.env._(
                        "%(person)s is not enrolled in %(session)s: enrol them before recording their attendance.",
                        person=registration.name or registration.partner_id.name,
                        session=attendance.day_id.event_id.name,
                    )
                )

    def write(self, vals):
        # Record rules are checked before a write, on the session the attendance belongs to:
        # it stays there, so a trainer records only their own sessions' attendance.
        if any(
            attendance[name].id != vals[name]
            for attendance in self
            for name in ("registration_id", "day_id")
            if name in vals
        ):
            raise UserError(
                self.env._(
                    "An attendance stays with its participant and session day: mark it present or absent, "
                    "or delete it and record the right one."
                )
            )
        return super().write(vals)
