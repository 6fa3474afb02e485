from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecTerritorialDiagnosisFeedback(models.Model):
    _name = "comasec.territorial.diagnosis.feedback"
    _description = "Feedback session of a territorial diagnosis"
    _order = "diagnosis_id, date, id"

    diagnosis_id = fields.Many2one("comasec.territorial.diagnosis", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    audience = fields.Selection(
        [("population", "Population"), ("authorities", "Authorities"), ("both", "Population and authorities")],
        required=True,
        default="population",
    )
    attendance = fields.Integer(string="Participants")
    notes = fields.Text()

    @api.constrains("date", "diagnosis_id", "attendance")
    def _check_date(self):
        for session in self:
            if session.attendance < 0:
                raise ValidationError(
                    self.env._(
                        "A feedback session cannot have a negative number of participants (%s).", session.attendance
                    )
                )
            if session.date < session.diagnosis_id.date_start:
                raise ValidationError(
                    self.env._(
                        "A feedback session (%(date)s) cannot precede the diagnosis it reports on (%(start)s).",
                        date=session.date,
                        start=session.diagnosis_id.date_start,
                    )
                )
