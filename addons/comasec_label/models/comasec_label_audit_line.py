from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .comasec_label_audit import RESULTS


class ComasecLabelAuditLine(models.Model):
    _name = "comasec.label.audit.line"
    _description = "Label audit checklist line"
    _order = "audit_id, sequence, id"

    audit_id = fields.Many2one("comasec.label.audit", required=True, ondelete="cascade", index=True)
    criterion_id = fields.Many2one("comasec.label.criterion", required=True, ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    code = fields.Char(related="criterion_id.code")
    section = fields.Selection(related="criterion_id.section", store=True)
    requirement = fields.Text(related="criterion_id.requirement")
    kind = fields.Selection(related="criterion_id.kind")
    weight = fields.Float(related="criterion_id.weight", store=True)
    result = fields.Selection(RESULTS)
    comment = fields.Text(help="What the auditor saw; becomes the finding of a non-conformity.")
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence", help="Photos and documents seen.")

    @api.constrains("audit_id", "criterion_id")
    def _check_criterion(self):
        for line in self:
            if line.criterion_id.standard_id != line.audit_id.standard_id:
                raise ValidationError(
                    self.env._(
                        "The criterion %(code)s belongs to %(other)s, not to %(standard)s, the standard of the "
                        "audit %(audit)s.",
                        code=line.criterion_id.code,
                        other=line.criterion_id.standard_id.display_name,
                        standard=line.audit_id.standard_id.display_name,
                        audit=line.audit_id.name,
                    )
                )

    def write(self, vals):
        if {"result", "comment", "attachment_ids"} & set(vals) and self.filtered(
            lambda line: line.audit_id.state != "in_progress"
        ):
            raise UserError(self.env._("Record results only while the audit is in progress."))
        return super().write(vals)
