from odoo import api, fields, models
from odoo.exceptions import UserError

SEVERITIES = [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")]


class ComasecLabelNonconformity(models.Model):
    _name = "comasec.label.nonconformity"
    _description = "Label non-conformity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"

    name = fields.Char(compute="_compute_name", store=True)
    audit_id = fields.Many2one("comasec.label.audit", required=True, index=True, ondelete="cascade")
    audit_line_id = fields.Many2one("comasec.label.audit.line", ondelete="set null")
    application_id = fields.Many2one(related="audit_id.application_id", store=True, index=True)
    cooperative_id = fields.Many2one(related="audit_id.cooperative_id", store=True, index=True)
    certificate_id = fields.Many2one(related="audit_id.certificate_id", store=True, index=True)
    criterion_id = fields.Many2one("comasec.label.criterion", ondelete="restrict")
    severity = fields.Selection(SEVERITIES, required=True, tracking=True)
    finding = fields.Text(required=True)
    corrective_action = fields.Text(tracking=True, help="Proposed by the cooperative.")
    action_accepted = fields.Boolean(
        tracking=True, copy=False, help="The label team accepted the corrective action proposed by the cooperative."
    )
    due_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("action_proposed", "Action proposed"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    closed_date = fields.Date(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    evidence_ids = fields.Many2many("ir.attachment", string="Evidence of correction")

    @api.depends("audit_id.name", "criterion_id.code")
    def _compute_name(self):
        for nc in self:
            nc.name = f"{nc.audit_id.name} {nc.criterion_id.code or ''}".strip()

    def action_propose(self):
        for nc in self:
            if nc.state != "open":
                raise UserError(self.env._("A corrective action is proposed for an open non-conformity only."))
            if not (nc.corrective_action or "").strip():
                raise UserError(self.env._("Describe the corrective action of %s first.", nc.name))
        self.state = "action_proposed"

    def _portal_propose_action(self, corrective_action, files=()):
        """A portal user of the cooperative proposes the corrective action of an open
        non-conformity and uploads its evidence (``files``: (name, bytes) pairs)."""
        self.ensure_one()
        # the record rule of the caller decides: a portal user reaches only their own cooperative's
        self.check_access("read")
        if self.state != "open":
            raise UserError(self.env._("The corrective action of %s is already proposed.", self.name))
        if not (corrective_action or "").strip():
            raise UserError(self.env._("Describe the corrective action of %s first.", self.name))
        # sudo: portal users may not write non-conformities; access was checked above and only
        # the corrective action, its evidence and the state move to "proposed" are written.
        nc = self.sudo()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [{"name": name, "raw": content, "res_model": self._name, "res_id": self.id} for name, content in files]
            )
        )
        nc.write(
            {"corrective_action": corrective_action, "evidence_ids": [fields.Command.link(a.id) for a in attachments]}
        )
        nc.action_propose()
        nc.message_post(
            body=self.env._("Corrective action proposed by %s.", self.env.user.name), attachment_ids=attachments.ids
        )

    def action_accept(self):
        if self.filtered(lambda nc: nc.state != "action_proposed"):
            raise UserError(self.env._("Only a proposed corrective action can be accepted."))
        self.action_accepted = True

    def action_refuse(self):
        self.filtered(lambda nc: nc.state == "action_proposed").write({"state": "open", "action_accepted": False})

    def action_close(self):
        """Closed after verification that the corrective action was carried out."""
        for nc in self:
            if nc.state != "action_proposed" or not nc.action_accepted:
                raise UserError(
                    self.env._("Accept the corrective action of %s before closing it after verification.", nc.name)
                )
        self.write(
            {"state": "closed", "closed_date": fields.Date.context_today(self), "verified_by_id": self.env.user.id}
        )
        # sudo: the auditor who verified the closure may not edit certificates; this only
        # reinstates those suspended for a cause that is now closed.
        self.certificate_id.sudo()._reinstate_if_clear()

    @api.model
    def _blocking_domain(self):
        """Non-conformities that prevent approval: an open critical one, or a major one
        without an accepted corrective action."""
        return [
            ("state", "!=", "closed"),
            "|",
            ("severity", "=", "critical"),
            "&",
            ("severity", "=", "major"),
            ("action_accepted", "=", False),
        ]
