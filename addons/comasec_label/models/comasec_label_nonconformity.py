from markupsafe import escape

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError

SEVERITIES = [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")]
# set by the effectiveness check of the next audit only
WORKFLOW_FIELDS = ("effectiveness_audit_id", "effectiveness", "effectiveness_date")
# what was found and answered stays as verified once the non-conformity is closed
LOCKED_WHEN_CLOSED = ("severity", "finding", "root_cause", "corrective_action", "due_date", "action_ids")


class ComasecLabelNonconformity(models.Model):
    _name = "comasec.label.nonconformity"
    _description = "Label non-conformity"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
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
    root_cause = fields.Text(tracking=True, help="Why the requirement was not met: what the actions must remove.")
    action_ids = fields.One2many("comasec.label.nonconformity.action", "nonconformity_id", string="Action plan")
    effectiveness_audit_id = fields.Many2one(
        "comasec.label.audit",
        string="Checked by the audit",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The next audit of the cooperative, which checks that the correction lasted.",
    )
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not effective")], readonly=True, copy=False, tracking=True
    )
    effectiveness_date = fields.Date(readonly=True, copy=False)
    effectiveness_note = fields.Text(help="What the auditor of the next audit saw of the correction.")

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
            todo = nc.action_ids.filtered(lambda action: action.state != "done")
            if todo:
                raise UserError(
                    self.env._(
                        "%(nc)s has actions not done yet: %(actions)s. Mark them done before closing it.",
                        nc=nc.name,
                        actions="; ".join(todo.mapped("description")),
                    )
                )
        self.write(
            {"state": "closed", "closed_date": fields.Date.context_today(self), "verified_by_id": self.env.user.id}
        )
        # sudo: the check's fields are protected (WORKFLOW_FIELDS); a correction found not
        # effective and corrected again is checked afresh by the next audit (the previous
        # check stays in the history: the fields are tracked)
        self.filtered("effectiveness").sudo().write(
            {"effectiveness": False, "effectiveness_audit_id": False, "effectiveness_date": False}
        )
        # sudo: the auditor who verified the closure may not edit certificates; this only
        # reinstates those suspended for a cause that is now closed.
        self.certificate_id.sudo()._reinstate()

    def _check_open_for_actions(self):
        if not self.env.su and self.filtered(lambda nc: nc.state == "closed"):
            raise UserError(self.env._("The actions of a closed non-conformity are not changed."))

    def write(self, vals):
        if not self.env.su and set(vals) & set(LOCKED_WHEN_CLOSED) and self.filtered(lambda nc: nc.state == "closed"):
            raise UserError(
                self.env._("A closed non-conformity is not changed; its effectiveness is checked at the next audit.")
            )
        return super().write(vals)

    # effectiveness, at the next audit -------------------------------------

    def action_check_effective(self):
        return self._check_effectiveness("effective")

    def action_check_not_effective(self):
        return self._check_effectiveness("not_effective")

    def _check_effectiveness(self, effectiveness):
        """The auditor of the next audit says whether the correction lasted; a correction that
        did not last reopens the non-conformity with a new delay to correct."""
        today = fields.Date.context_today(self)
        for nc in self:
            audit = nc.effectiveness_audit_id
            if not audit or audit.state != "in_progress":
                raise UserError(
                    self.env._(
                        "The effectiveness of %s is checked during the next audit, while it is in progress.", nc.name
                    )
                )
            if nc.effectiveness:
                raise UserError(self.env._("The effectiveness of %s is already checked.", nc.name))
            if effectiveness == "not_effective" and not (nc.effectiveness_note or "").strip():
                raise UserError(
                    self.env._("Say what you saw in the note of %s before declaring it not effective.", nc.name)
                )
        # the record rules decide: an auditor of the checking audit, or the label manager
        self.effectiveness_audit_id.check_access("write")
        vals = {"effectiveness": effectiveness, "effectiveness_date": today}
        if effectiveness == "not_effective":
            delays = {nc.id: get_param(self.env, f"comasec_label.nc_due_days_{nc.severity}") for nc in self}
        # sudo: the result of the check is protected from direct writes (WORKFLOW_FIELDS) and a
        # closed non-conformity is locked; this is the check itself, for an auditor of the audit
        # just checked to have write access to it
        for nc in self.sudo():
            nc_vals = dict(vals)
            if effectiveness == "not_effective":
                nc_vals.update(
                    {
                        "state": "open",
                        "action_accepted": False,
                        "closed_date": False,
                        "due_date": fields.Date.add(today, days=delays[nc.id]),
                    }
                )
            nc.write(nc_vals)
            # logged, not posted: a note needs no sender's email address, which an auditor may not have
            nc._message_log(
                body=escape(
                    self.env._(
                        "Effectiveness checked by %(audit)s: %(result)s. %(note)s",
                        audit=nc.effectiveness_audit_id.name,
                        result=dict(nc._fields["effectiveness"]._description_selection(self.env))[effectiveness],
                        note=nc.effectiveness_note or "",
                    )
                )
            )
        return True

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
