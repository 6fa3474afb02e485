from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError, ValidationError

KINDS = [
    ("fake", "Suspected fake"),
    ("quality", "Quality"),
    ("misuse", "Misuse of the mark"),
    ("appeal", "Appeal of a committee decision"),
]
# what a visitor of the public verification page may report
PUBLIC_KINDS = ("fake", "quality", "misuse")
STATES = [
    ("received", "Received"),
    ("acknowledged", "Acknowledged"),
    ("investigating", "Under investigation"),
    ("decided", "Decided"),
    ("closed", "Replied and closed"),
]
# set by the complaint's buttons and the overdue job only
WORKFLOW_FIELDS = (
    "name",
    "state",
    "received_date",
    "acknowledged_date",
    "decision_date",
    "reply_date",
    "remote_ip",
    "lot_id",
    "overdue_reminded",
)
# longest text kept from a public form: enough to tell what happened, not a storage service
MAX_TEXT = 5000
MAX_LINE = 200
# records handled per cron run; the cron is re-triggered while some remain
CRON_BATCH = 500


def _text(value):
    """A form's text as stored: without the NUL characters PostgreSQL refuses, trimmed."""
    return (value or "").replace("\x00", "").strip()


class ComasecLabelComplaint(models.Model):
    """A complaint about the label (a suspected fake, a product's quality, a misuse of the
    mark) or a cooperative's appeal of a committee decision, from its receipt to the reply."""

    _name = "comasec.label.complaint"
    _description = "Label complaint or appeal"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
    _order = "received_date desc, id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    kind = fields.Selection(KINDS, required=True, tracking=True)
    channel = fields.Selection(
        [("public", "Public verification page"), ("portal", "Cooperative portal"), ("staff", "Label team")],
        required=True,
        default="staff",
        readonly=True,
    )
    certificate_id = fields.Many2one("comasec.label.certificate", index=True, ondelete="restrict", tracking=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        help="The labelled lot whose public page the report was sent from.",
    )
    application_id = fields.Many2one(
        "comasec.label.application",
        string="Decision appealed",
        index=True,
        ondelete="restrict",
        help="For an appeal: the application whose committee decision the cooperative appeals.",
    )
    cooperative_id = fields.Many2one(
        "res.partner", compute="_compute_cooperative_id", store=True, index=True, string="Cooperative"
    )
    complainant_name = fields.Char(string="Complainant")
    complainant_contact = fields.Char(string="Contact", help="E-mail or phone given to receive the reply.")
    description = fields.Text(required=True)
    remote_ip = fields.Char(
        string="Sender's address",
        readonly=True,
        groups="comasec_coop.comasec_coop_group_label_manager",
        help="Network address of a report from the public page, kept to limit reports per address.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("comasec_coop.comasec_coop_group_label_manager").ids)],
    )
    state = fields.Selection(STATES, default="received", required=True, tracking=True, index=True)
    received_date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    acknowledge_due_date = fields.Date(compute="_compute_due_dates", store=True, index=True)
    reply_due_date = fields.Date(compute="_compute_due_dates", store=True, index=True)
    acknowledged_date = fields.Date(readonly=True, copy=False)
    investigation = fields.Text(tracking=True)
    decision = fields.Text(tracking=True)
    decision_date = fields.Date(readonly=True, copy=False)
    reply = fields.Text(help="The answer sent to the complainant or the cooperative.")
    reply_date = fields.Date(readonly=True, copy=False)
    session_id = fields.Many2one(
        "comasec.label.committee.session",
        string="Appeal heard by",
        index=True,
        tracking=True,
        help="The committee session that hears the appeal: none of its members took the decision appealed.",
    )
    overdue_reminded = fields.Selection(
        [("acknowledge", "Acknowledgement"), ("reply", "Reply")], readonly=True, copy=False
    )

    @api.depends("certificate_id", "application_id")
    def _compute_cooperative_id(self):
        for complaint in self:
            complaint.cooperative_id = (
                complaint.application_id.cooperative_id or complaint.certificate_id.cooperative_id
            )

    @api.depends("received_date")
    def _compute_due_dates(self):
        acknowledge = get_param(self.env, "comasec_label.complaint_acknowledge_days")
        reply = get_param(self.env, "comasec_label.complaint_reply_days")
        for complaint in self:
            complaint.acknowledge_due_date = complaint.received_date + timedelta(days=acknowledge)
            complaint.reply_due_date = complaint.received_date + timedelta(days=reply)

    def _comasec_workflow_create_values(self, vals_list):
        self.env["ir.sequence"]._comasec_number_new("comasec.label.complaint", vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            # a form sends the default date of receipt: today, which is no choice of date
            if vals.get("received_date") and fields.Date.to_date(vals["received_date"]) == today:
                del vals["received_date"]
        managers = self.env.ref("comasec_coop.comasec_coop_group_label_manager").users.filtered("active")
        complaints = super().create(vals_list)
        for complaint in complaints.filtered(lambda c: not c.user_id):
            # the label manager responsible for the cooperative's label file, else the first one
            responsible = (complaint.application_id or complaint.certificate_id.application_id).user_id
            complaint.user_id = responsible if responsible in managers else managers[:1]
        complaints._notify_label_managers(managers)
        return complaints

    def _notify_label_managers(self, managers):
        """The label managers follow every new complaint; its owner gets a to-do to acknowledge it."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for complaint in self:
            complaint.message_subscribe(partner_ids=managers.partner_id.ids)
            # from OdooBot: the sender (a visitor, a portal user) may have no email address
            complaint.message_post(
                body=self.env._("New %(kind)s received: %(name)s.", kind=complaint._kind_label(), name=complaint.name),
                partner_ids=managers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.ref("base.partner_root").id,
            )
            if complaint.user_id:
                complaint.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=complaint.acknowledge_due_date,
                    summary=self.env._("Acknowledge the complaint %s", complaint.name),
                    user_id=complaint.user_id.id,
                )

    def action_recall(self):
        """The recall of the lot the complaint is about."""
        self.ensure_one()
        if not self.lot_id:
            raise UserError(self.env._("The complaint %s is about no lot.", self.name))
        return self.env["comasec.label.recall"]._open(self.lot_id)

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def write(self, vals):
        if not self.env.su and self.filtered(lambda c: c.state == "closed"):
            raise UserError(self.env._("A closed complaint is not changed; file a new one."))
        return super().write(vals)

    @api.constrains("kind", "certificate_id", "application_id")
    def _check_subject(self):
        for complaint in self:
            if complaint.kind == "appeal":
                if not complaint.application_id:
                    raise ValidationError(self.env._("An appeal names the application whose decision it appeals."))
                if complaint.application_id.state not in ("approved", "rejected"):
                    raise ValidationError(
                        self.env._(
                            "The committee has not decided on %s yet: there is no decision to appeal.",
                            complaint.application_id.name,
                        )
                    )

    @api.constrains("session_id", "application_id")
    def _check_session(self):
        """An appeal is heard by members who did not take the decision appealed (nor have a
        link with the cooperative): the committee's conflict-of-interest rule."""
        Declaration = self.env["comasec.label.conflict.declaration"]
        for complaint in self.filtered("session_id"):
            if complaint.kind != "appeal":
                raise ValidationError(self.env._("Only an appeal goes to a committee session."))
            conflicts = Declaration._find_appeal_conflicts(complaint.application_id, complaint.session_id.member_ids)
            if conflicts:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s cannot hear the appeal %(appeal)s: %(reasons)s "
                        "Choose a session without these members.",
                        session=complaint.session_id.display_name,
                        appeal=complaint.name,
                        reasons=" ".join(conflicts.values()),
                    )
                )

    # workflow --------------------------------------------------------------

    def _set_state(self, state, **vals):
        """The only way to a new status, for the buttons below once they checked it may change."""
        self.check_access("write")
        # sudo: the status and its dates are protected from direct writes (WORKFLOW_FIELDS);
        # this is the complaint's own method, for a user just checked to have write access
        self.sudo().write({"state": state, **vals})

    def _check_state(self, states, action):
        wrong = self.filtered(lambda c: c.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s: the complaint %(name)s is %(state)s.",
                    action=action,
                    name=wrong[0].name,
                    state=dict(wrong[0]._fields["state"]._description_selection(self.env))[wrong[0].state],
                )
            )

    def action_acknowledge(self):
        self._check_state(("received",), self.env._("Acknowledge"))
        self._set_state("acknowledged", acknowledged_date=fields.Date.context_today(self))
        self.activity_feedback(["mail.mail_activity_data_todo"], user_id=self.env.user.id)

    def action_investigate(self):
        self._check_state(("acknowledged",), self.env._("Investigate"))
        self._set_state("investigating")

    def action_decide(self):
        self._check_state(("investigating",), self.env._("Decide"))
        for complaint in self:
            if not (complaint.decision or "").strip():
                raise UserError(self.env._("Write the decision on %s first.", complaint.name))
            if complaint.kind == "appeal" and not complaint.session_id:
                raise UserError(
                    self.env._("An appeal is decided by a committee session: choose it on %s.", complaint.name)
                )
        self._set_state("decided", decision_date=fields.Date.context_today(self))

    def action_reply(self):
        self._check_state(("decided",), self.env._("Reply"))
        for complaint in self:
            if not (complaint.reply or "").strip():
                raise UserError(self.env._("Write the reply to %s first.", complaint.name))
        self._set_state("closed", reply_date=fields.Date.context_today(self))

    @api.model
    def _cron_remind_overdue(self, batch_size=CRON_BATCH):
        """A to-do for the owner of each complaint not acknowledged, or not replied to, in time;
        once for each of the two deadlines."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        done, domains = 0, []
        for stage, domain in [
            (
                "reply",
                [("state", "!=", "closed"), ("reply_due_date", "<", today), ("overdue_reminded", "!=", "reply")],
            ),
            (
                "acknowledge",
                [("state", "=", "received"), ("acknowledge_due_date", "<", today), ("overdue_reminded", "=", False)],
            ),
        ]:
            domains.append(domain)
            complaints = self.search(domain, limit=max(batch_size - done, 0))
            for complaint in complaints:
                complaint.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=today,
                    summary=(
                        self.env._("Overdue: reply to the complaint %s", complaint.name)
                        if stage == "reply"
                        else self.env._("Overdue: acknowledge the complaint %s", complaint.name)
                    ),
                    user_id=(complaint.user_id or self.env.user).id,
                )
            complaints.write({"overdue_reminded": stage})
            done += len(complaints)
        remaining = sum(self.search_count(domain) for domain in domains) if done >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    # public and portal entries ------------------------------------------------

    @api.model
    def _public_report(self, certificate, kind, name, contact, description, remote_ip, lot=None):
        """A report from the public verification page of ``certificate`` (found by its number
        and code) or of its labelled ``lot``, as text; refused once the address sent the
        configured number in an hour."""
        if kind not in PUBLIC_KINDS:
            raise UserError(self.env._("Choose what the problem is."))
        description = _text(description)
        if not description:
            raise UserError(self.env._("Describe the problem."))
        if len(description) > MAX_TEXT:
            raise UserError(self.env._("Describe the problem in %s characters at most.", MAX_TEXT))
        limit = get_param(self.env, "comasec_label.complaint_rate_limit_per_hour")
        since = fields.Datetime.now() - timedelta(hours=1)
        if self.search_count([("remote_ip", "=", remote_ip), ("create_date", ">=", since)]) >= limit:
            raise RateLimited(self.env._("Too many reports from your connection: try again in an hour."))
        return self.create(
            {
                "kind": kind,
                "channel": "public",
                "certificate_id": certificate.id,
                "lot_id": lot.id if lot else False,
                "complainant_name": _text(name)[:MAX_LINE],
                "complainant_contact": _text(contact)[:MAX_LINE],
                "description": description,
                "remote_ip": remote_ip,
            }
        )

    @api.model
    def _portal_appeal(self, application, reason):
        """A portal user of the cooperative appeals the committee's decision on ``application``."""
        # the record rule of the caller decides: a portal user reaches only their own cooperative's
        application = application.with_env(self.env)
        application.check_access("read")
        reason = _text(reason)
        if not reason:
            raise UserError(self.env._("Say why you appeal the decision on %s.", application.name))
        if len(reason) > MAX_TEXT:
            raise UserError(self.env._("Explain the appeal in %s characters at most.", MAX_TEXT))
        # sudo: portal users cannot read complaints of others nor create them; this looks for
        # an open appeal of the application checked above and files theirs
        Complaint = self.sudo()
        if Complaint.search_count([("application_id", "=", application.id), ("state", "!=", "closed")]):
            raise UserError(self.env._("An appeal of the decision on %s is already being handled.", application.name))
        return Complaint.create(
            {
                "kind": "appeal",
                "channel": "portal",
                "application_id": application.id,
                "certificate_id": application.certificate_ids[:1].id,
                "complainant_name": self.env.user.name,
                "complainant_contact": self.env.user.email,
                "description": reason,
            }
        )


class RateLimited(UserError):
    """Refused: too many reports from one address."""
