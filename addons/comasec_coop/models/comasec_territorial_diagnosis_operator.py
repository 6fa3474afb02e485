from odoo import fields, models


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
