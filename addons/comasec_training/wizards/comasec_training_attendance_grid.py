from odoo import Command, api, fields, models


class ComasecTrainingAttendanceGrid(models.TransientModel):
    _name = "comasec.training.attendance.grid"
    _description = "Attendance grid of a session"

    event_id = fields.Many2one("event.event", string="Session", required=True, readonly=True)
    day_ids = fields.One2many(related="event_id.comasec_day_ids")
    line_ids = fields.One2many("comasec.training.attendance.grid.line", "grid_id", string="Participants")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        event = self.env["event.event"].browse(values.get("event_id") or self.env.context.get("default_event_id"))
        if event and "line_ids" in fields_list:
            registrations = event.registration_ids.filtered(lambda r: r.state != "cancel").sorted(
                lambda r: (r.comasec_cooperative_id.name or "", r.name or "")
            )
            # A participant without any attendance yet is shown present every day:
            # the trainer then only unticks the absences.
            values["line_ids"] = [
                Command.create(
                    {
                        "registration_id": registration.id,
                        "present_day_ids": [
                            Command.set(
                                registration.comasec_attendance_ids.filtered("present").day_id.ids
                                if registration.comasec_attendance_ids
                                else event.comasec_day_ids.ids
                            )
                        ],
                    }
                )
                for registration in registrations
            ]
        return values

    def action_save(self):
        """Saves the whole grid: one search, one batched create and two writes."""
        self.ensure_one()
        Attendance = self.env["comasec.training.attendance"]
        days = self.event_id.comasec_day_ids
        existing = Attendance.search([("registration_id", "in", self.line_ids.registration_id.ids)])
        by_key = {(a.registration_id.id, a.day_id.id): a for a in existing}
        to_create, present_ids, absent_ids = [], [], []
        for line in self.line_ids:
            present_days = set(line.present_day_ids.ids)
            for day in days:
                is_present = day.id in present_days
                attendance = by_key.get((line.registration_id.id, day.id))
                if not attendance:
                    to_create.append(
                        {"registration_id": line.registration_id.id, "day_id": day.id, "present": is_present}
                    )
                elif attendance.present != is_present:
                    (present_ids if is_present else absent_ids).append(attendance.id)
        Attendance.create(to_create)
        Attendance.browse(present_ids).write({"present": True})
        Attendance.browse(absent_ids).write({"present": False})
        return {"type": "ir.actions.act_window_close"}


class ComasecTrainingAttendanceGridLine(models.TransientModel):
    _name = "comasec.training.attendance.grid.line"
    _description = "Attendance grid line"

    grid_id = fields.Many2one("comasec.training.attendance.grid", required=True, ondelete="cascade")
    registration_id = fields.Many2one("event.registration", string="Participant", required=True, readonly=True)
    cooperative_id = fields.Many2one(related="registration_id.comasec_cooperative_id")
    present_day_ids = fields.Many2many(
        "comasec.training.session.day",
        "comasec_training_grid_line_day_rel",
        "line_id",
        "day_id",
        string="Present on",
        help="Untick the slots the participant missed.",
    )
