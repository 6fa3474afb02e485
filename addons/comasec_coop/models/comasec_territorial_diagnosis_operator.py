from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecTerritorialDiagnosisOperator(models.Model):
    _name = "comasec.territorial.diagnosis.operator"
    _description = "Local operator surveyed in a territorial diagnosis"
    _order = "diagnosis_id, interview_date, id"

    diagnosis_id = fields.Many2one("comasec.territorial.diagnosis", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Operator", required=True, ondelete="restrict")
    kind = fields.Selection(
        [
            ("cooperative", "Cooperative"),
            ("association", "Association"),
            ("authority", "Local authority"),
            ("producer", "Producer"),
            ("trader", "Trader"),
            ("other", "Other"),
        ],
        default="cooperative",
    )
    interview_date = fields.Date()
    notes = fields.Text(string="Interview notes")

    _sql_constraints = [
        ("partner_unique", "unique(diagnosis_id, partner_id)", "This operator is already listed in the diagnosis.")
    ]

    @api.constrains("interview_date", "diagnosis_id")
    def _check_interview_date(self):
        for operator in self:
            diagnosis = operator.diagnosis_id
            if operator.interview_date and not diagnosis.date_start <= operator.interview_date <= diagnosis.date_end:
                raise ValidationError(
                    self.env._(
                        "%(operator)s: the interview (%(date)s) must fall within the diagnosis %(diagnosis)s "
                        "(%(start)s to %(end)s).",
                        operator=operator.partner_id.name,
                        date=operator.interview_date,
                        diagnosis=diagnosis.name,
                        start=diagnosis.date_start,
                        end=diagnosis.date_end,
                    )
                )
