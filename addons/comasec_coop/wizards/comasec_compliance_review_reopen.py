from odoo import fields, models


class ComasecComplianceReviewReopen(models.TransientModel):
    _name = "comasec.compliance.review.reopen"
    _description = "Reopen a compliance review"

    review_id = fields.Many2one("comasec.compliance.review", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.review_id._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
