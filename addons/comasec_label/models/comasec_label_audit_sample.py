from odoo import fields, models
from odoo.exceptions import UserError


class ComasecLabelAuditSample(models.Model):
    """A member drawn for the external audit of a cooperative's internal control system:
    the auditor reads the member's internal inspection of the year and says whether what
    they saw confirms it."""

    _name = "comasec.label.audit.sample"
    _description = "Member sampled by an audit"
    _order = "audit_id, member_number, id"

    audit_id = fields.Many2one("comasec.label.audit", required=True, ondelete="cascade", index=True)
    member_id = fields.Many2one("comasec.coop.member", string="Member", required=True, ondelete="restrict")
    member_number = fields.Integer(related="member_id.number", store=True)
    inspection_id = fields.Many2one(
        "comasec.label.internal.inspection",
        string="Internal inspection",
        ondelete="set null",
        help="The member's internal inspection of the audit's year, when there is one.",
    )
    internal_result = fields.Selection(related="inspection_id.result")
    external_result = fields.Selection(
        [("confirmed", "Confirms the internal inspection"), ("differs", "Differs from the internal inspection")],
        string="Auditor's finding",
    )
    comment = fields.Text()

    def write(self, vals):
        if set(vals) - {"external_result", "comment"} and not self.env.su:
            raise UserError(self.env._("The members sampled are drawn by the audit's button, not chosen."))
        if self.filtered(lambda sample: sample.audit_id.state != "in_progress"):
            raise UserError(self.env._("Record results only while the audit is in progress."))
        return super().write(vals)
