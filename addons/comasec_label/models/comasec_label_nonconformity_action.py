from markupsafe import escape

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError

ACTION_KINDS = [("corrective", "Corrective"), ("preventive", "Preventive")]
# set by action_mark_done and the reminder job only
WORKFLOW_FIELDS = ("done_date", "last_reminder_date")
# records handled per cron run; the cron is re-triggered while some remain
CRON_BATCH = 500


class ComasecLabelNonconformityAction(models.Model):
    """One action of the plan that answers a non-conformity: corrective (removes the cause
    found) or preventive (keeps it from happening again), with its owner and dates."""

    _name = "comasec.label.nonconformity.action"
    _description = "Corrective or preventive action"
    _order = "due_date, id"
    _inherit = ["comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS

    nonconformity_id = fields.Many2one(
        "comasec.label.nonconformity", string="Non-conformity", required=True, ondelete="cascade", index=True
    )
    cooperative_id = fields.Many2one(related="nonconformity_id.cooperative_id", store=True, index=True)
    kind = fields.Selection(ACTION_KINDS, required=True, default="corrective")
    description = fields.Text(required=True)
    owner_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        domain=[("share", "=", False)],
        help="Who follows the action up and receives its reminders.",
    )
    due_date = fields.Date(required=True)
    done_date = fields.Date(readonly=True, copy=False)
    state = fields.Selection([("todo", "To do"), ("done", "Done")], compute="_compute_state", store=True, index=True)
    last_reminder_date = fields.Date(readonly=True, copy=False)

    @api.depends("done_date")
    def _compute_state(self):
        for action in self:
            action.state = "done" if action.done_date else "todo"

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions.nonconformity_id._check_open_for_actions()
        return actions

    def write(self, vals):
        if not self.env.su:
            self.nonconformity_id._check_open_for_actions()
            if self.filtered(lambda action: action.done_date):
                raise UserError(self.env._("A done action is not changed: add another one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done_or_closed(self):
        self.nonconformity_id._check_open_for_actions()
        if not self.env.su and self.filtered("done_date"):
            raise UserError(self.env._("A done action stays on record: it cannot be deleted."))

    def action_mark_done(self):
        if self.filtered("done_date"):
            raise UserError(self.env._("This action is already done."))
        self.nonconformity_id._check_open_for_actions()
        self.check_access("write")
        # sudo: the done date is protected from direct writes (WORKFLOW_FIELDS); this is the
        # action's own button, for a user just checked to have write access to it
        self.sudo().done_date = fields.Date.context_today(self)
        for action in self:
            # logged, not posted: a note needs no sender's email address, which an owner may not have
            action.nonconformity_id._message_log(
                body=escape(
                    self.env._(
                        "%(kind)s action done: %(description)s",
                        kind=dict(ACTION_KINDS)[action.kind],
                        description=action.description,
                    )
                ),
            )
        return True

    @api.model
    def _cron_remind(self, batch_size=CRON_BATCH):
        """A to-do for the owner of each action not done, the configured days before its due
        date, then again every configured days until it is done."""
        today = fields.Date.context_today(self)
        before = get_param(self.env, "comasec_label.capa_reminder_days_before")
        repeat = max(get_param(self.env, "comasec_label.capa_reminder_repeat_days"), 1)
        domain = [
            ("state", "=", "todo"),
            ("due_date", "<=", fields.Date.add(today, days=before)),
            "|",
            ("last_reminder_date", "=", False),
            ("last_reminder_date", "<=", fields.Date.subtract(today, days=repeat)),
        ]
        actions = self.search(domain, limit=batch_size)
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("comasec.label.nonconformity")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": action.nonconformity_id.id,
                    "activity_type_id": todo.id,
                    "date_deadline": max(action.due_date, today),
                    "summary": (
                        self.env._(
                            "Overdue since %(date)s: %(action)s", date=action.due_date, action=action.description
                        )
                        if action.due_date < today
                        else self.env._("Due on %(date)s: %(action)s", date=action.due_date, action=action.description)
                    )[:250],
                    "user_id": action.owner_id.id,
                }
                for action in actions
            ]
        )
        actions.write({"last_reminder_date": today})
        remaining = self.search_count(domain) if len(actions) >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)
        return len(actions)
