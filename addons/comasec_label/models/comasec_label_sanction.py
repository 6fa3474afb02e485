from odoo import fields, models

SANCTION_KINDS = [
    ("warning", "Warning"),
    ("suspension", "Suspension"),
    ("withdrawal", "Withdrawal"),
    ("reinstatement", "Reinstatement"),
]


class ComasecLabelSanction(models.Model):
    """A sanction on a certificate's record, made by the certificate's _apply_sanction only
    and kept as made: a label manager may neither forge one nor rewrite its reason."""

    _name = "comasec.label.sanction"
    _description = "Label sanction"
    _inherit = ["comasec.workflow.mixin"]
    _comasec_workflow_fields = ("certificate_id", "kind", "cause", "reason", "date", "user_id")
    _order = "date desc, id desc"

    certificate_id = fields.Many2one("comasec.label.certificate", required=True, index=True, ondelete="cascade")
    cooperative_id = fields.Many2one(related="certificate_id.cooperative_id", store=True)
    kind = fields.Selection(SANCTION_KINDS, required=True)
    cause = fields.Selection(
        [("manual", "Decision"), ("overdue", "Surveillance audit overdue"), ("critical", "Critical non-conformity")],
        default="manual",
        required=True,
    )
    reason = fields.Text(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True)
