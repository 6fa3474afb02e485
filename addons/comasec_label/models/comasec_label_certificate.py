import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_days_param, get_param
from odoo.exceptions import UserError

from ..tools.certificate_dates import certificate_expiry

# MS-<year>-<serial>: the public page refuses anything else before querying
NUMBER_PATTERN = re.compile(r"MS-\d{4}-\d{4,8}")

CERTIFICATE_STATES = [
    ("valid", "Valid"),
    ("suspended", "Suspended"),
    ("withdrawn", "Withdrawn"),
    ("expired", "Expired"),
    ("renewed", "Renewed"),
]

# set by the approval, the sanctions, the audits, the nightly jobs and the renewal only: a
# state or date written by hand would reinstate or extend a certificate without the committee
WORKFLOW_FIELDS = (
    "name",
    "application_id",
    "cooperative_id",
    "product_ids",
    "standard_id",
    "issue_date",
    "expiry_date",
    "state",
    "conditions",
    "conditions_deadline",
    "surveillance_due_date",
    "surveillance_audit_id",
    "suspension_cause",
    "reminder_days_sent",
    "renewal_application_id",
)

# records handled per cron run; the cron is re-triggered while some remain
CRON_BATCH = 500


class ComasecLabelCertificate(models.Model):
    """A certificate, from its issue through its surveillance, reminders, expiry,
    sanctions and renewal, and its public check."""

    _name = "comasec.label.certificate"
    _description = "Maroc Solidaire certificate"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.public.document.mixin", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
    _order = "issue_date desc, id desc"
    _comasec_sequence_code = "comasec.label.certificate"
    _comasec_number_pattern = NUMBER_PATTERN
    _comasec_verify_route = "/label/verify"
    _comasec_verify_template = "comasec_label.label_verify_page"
    _comasec_verify_not_found_template = "comasec_label.label_verify_not_found"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, index=True, default="/")
    application_id = fields.Many2one(
        "comasec.label.application", required=True, readonly=True, ondelete="restrict", index=True
    )
    cooperative_id = fields.Many2one("res.partner", required=True, readonly=True, index=True, tracking=True)
    product_ids = fields.Many2many("product.template", string="Products", readonly=True)
    standard_id = fields.Many2one("comasec.label.standard", string="Standard", required=True, readonly=True)
    issue_date = fields.Date(required=True, readonly=True, tracking=True)
    expiry_date = fields.Date(required=True, readonly=True, tracking=True, index=True)
    state = fields.Selection(
        CERTIFICATE_STATES, default="valid", required=True, tracking=True, index=True, readonly=True
    )
    conditions = fields.Text(readonly=True, help="Conditions set by the committee with the approval.")
    conditions_deadline = fields.Date(readonly=True)
    surveillance_due_date = fields.Date(
        index=True,
        readonly=True,
        tracking=True,
        copy=False,
        help="Date by which the next yearly surveillance audit must be done.",
    )
    surveillance_audit_id = fields.Many2one(
        "comasec.label.audit", copy=False, readonly=True, help="Surveillance audit planned for the current due date."
    )
    audit_ids = fields.One2many("comasec.label.audit", "certificate_id", string="Surveillance audits")
    nonconformity_ids = fields.One2many("comasec.label.nonconformity", "certificate_id", string="Non-conformities")
    sanction_ids = fields.One2many("comasec.label.sanction", "certificate_id", string="Sanctions")
    suspension_cause = fields.Selection(
        [("manual", "Decision"), ("overdue", "Surveillance audit overdue"), ("critical", "Critical non-conformity")],
        readonly=True,
        copy=False,
    )
    reminder_days_sent = fields.Integer(
        readonly=True,
        copy=False,
        help="Days before expiry of the last expiry reminder sent (the smallest offset reached); 0: none yet.",
    )
    previous_certificate_id = fields.Many2one(
        related="application_id.previous_certificate_id", store=True, string="Renews"
    )
    renewal_application_id = fields.Many2one("comasec.label.application", readonly=True, copy=False)

    _sql_constraints = [
        ("number_unique", "unique(name)", "A certificate number is unique."),
        ("application_unique", "unique(application_id)", "An application gives one certificate only."),
    ]

    def _comasec_workflow_create_values(self, vals_list):
        for vals in vals_list:
            if vals.get("issue_date") and not vals.get("surveillance_due_date"):
                vals["surveillance_due_date"] = fields.Date.to_date(vals["issue_date"]) + self._surveillance_interval()

    @api.model_create_multi
    def create(self, vals_list):
        certificates = super().create(vals_list)
        # the certificate that a renewal replaces is closed as renewed
        certificates.previous_certificate_id.filtered(
            lambda c: c.state in ("valid", "suspended")
        )._comasec_workflow().write({"state": "renewed"})
        return certificates

    def _issue(self, applications):
        """One certificate per approved application, valid from today for the configured years."""
        for application in applications:
            if application.state != "approved":
                raise UserError(self.env._("Only an approved application gives a certificate: %s.", application.name))
        existing = self.search([("application_id", "in", applications.ids)])
        if existing:
            raise UserError(
                self.env._(
                    "The application %(application)s already gave the certificate %(number)s.",
                    application=existing[0].application_id.name,
                    number=existing[0].name,
                )
            )
        today = fields.Date.context_today(self)
        expiry = certificate_expiry(today, get_param(self.env, "comasec_label.certificate_validity_years"))
        vals_list = [
            {
                "application_id": application.id,
                "cooperative_id": application.cooperative_id.id,
                "product_ids": [fields.Command.set(application.product_ids.ids)],
                "standard_id": application.standard_id.id,
                "issue_date": today,
                "expiry_date": expiry,
                "conditions": application.decision_rationale
                if application.decision == "approved_conditions"
                else False,
                "conditions_deadline": application.conditions_deadline,
            }
            for application in applications
        ]
        # the new certificates are handed back without the workflow's right to change them
        certificates = self._comasec_workflow().create(vals_list).with_env(self.env)
        template = self.env.ref("comasec_label.mail_template_certificate_issued")
        for certificate in certificates:
            certificate.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return certificates

    def action_print(self):
        return self.env.ref("comasec_label.comasec_label_certificate_report").report_action(self)

    # public verification ---------------------------------------------------

    def _public_state(self):
        """The state as a buyer must read it today: the nightly job may not have run yet,
        and "valid" is never shown after the expiry date."""
        self.ensure_one()
        if self.state == "valid" and self.expiry_date < fields.Date.context_today(self):
            return "expired"
        return self.state

    def _public_values(self):
        """What anyone may know of the certificate: the fields below, never its members,
        scores or audit findings."""
        certificate = self.ensure_one()
        state = certificate._public_state()
        return {
            "number": certificate.name,
            "label": "Maroc Solidaire",
            "standard": certificate.standard_id.display_name,
            "cooperative": certificate.cooperative_id.name,
            "ice": certificate.cooperative_id.company_registry or None,
            "city": certificate.cooperative_id.city or None,
            "products": certificate.product_ids.mapped("name"),
            "status": state,
            # in the page's language (the visitor's, from the URL or the browser)
            "status_label": dict(self._fields["state"]._description_selection(self.env))[state],
            "issue_date": certificate.issue_date.isoformat(),
            "expiry_date": certificate.expiry_date.isoformat(),
            "is_valid": state == "valid",
        }

    @api.model
    def _public_page_values(self, data, code, params):
        """The page shows the certificate and the form to report a problem with it."""
        return {
            "certificate": data,
            "report_url": f"{self._comasec_verify_route}/{data['number']}/{code.strip().upper()}/report",
            "reported": bool(params.get("reported")),
        }

    # sanctions ---------------------------------------------------------------

    def _apply_sanction(self, kind, reason, cause="manual"):
        """Record a sanction (or a reinstatement) with its reason and apply it."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the sanction."))
        states = {"suspension": "suspended", "withdrawal": "withdrawn", "reinstatement": "valid"}
        allowed = {
            "warning": ("valid", "suspended"),
            "suspension": ("valid",),
            "withdrawal": ("valid", "suspended"),
            "reinstatement": ("suspended",),
        }
        for certificate in self:
            if certificate.state not in allowed[kind]:
                raise UserError(
                    self.env._(
                        "The certificate %(number)s is %(state)s: this sanction does not apply.",
                        number=certificate.name,
                        state=dict(self._fields["state"].selection)[certificate.state],
                    )
                )
        self.env["comasec.label.sanction"]._comasec_workflow().create(
            [{"certificate_id": c.id, "kind": kind, "reason": reason, "cause": cause} for c in self]
        )
        vals = {}
        if kind in states:
            vals["state"] = states[kind]
        if kind == "suspension":
            vals["suspension_cause"] = cause
        elif kind in ("reinstatement", "withdrawal"):
            vals["suspension_cause"] = False
        if vals:
            # the note below says what changed; per-record tracking messages would cost
            # queries for each certificate of a nightly batch
            self.with_context(tracking_disable=True)._comasec_workflow().write(vals)
        kind_label = dict(self.env["comasec.label.sanction"]._fields["kind"].selection)[kind]
        note = self.env._("%(kind)s: %(reason)s", kind=kind_label, reason=reason)
        self._message_log_batch(bodies=dict.fromkeys(self.ids, note))
        if kind == "suspension":
            self.env.ref("comasec_label.mail_template_certificate_suspended")._comasec_send_batch(self)

    def _on_audit_done(self, audits):
        """``audits`` of these certificates are closed: a surveillance audit sets the next due
        date; a critical finding suspends the certificate; a cause now gone reinstates it."""
        for audit in audits.filtered(lambda a: a.certificate_id):
            certificate = audit.certificate_id
            if audit.kind == "surveillance" and certificate.surveillance_audit_id == audit:
                certificate._comasec_workflow().write(
                    {
                        "surveillance_due_date": certificate.surveillance_due_date + self._surveillance_interval(),
                        "surveillance_audit_id": False,
                    }
                )
            criticals = audit.nonconformity_ids.filtered(lambda nc: nc.severity == "critical")
            if criticals and certificate.state == "valid":
                certificate._apply_sanction(
                    "suspension",
                    self.env._(
                        "Critical non-conformity found by %(audit)s: %(codes)s",
                        audit=audit.name,
                        codes=", ".join(criticals.mapped("name")),
                    ),
                    cause="critical",
                )
        self._reinstate()

    def _surveillance_interval(self):
        return relativedelta(months=get_param(self.env, "comasec_label.surveillance_interval_months"))

    def _reinstate(self):
        """Reinstate certificates suspended automatically once their cause is gone: no open
        critical non-conformity and no overdue surveillance audit."""
        today = fields.Date.context_today(self)
        grace = get_param(self.env, "comasec_label.surveillance_grace_days")
        suspended = self.filtered(lambda c: c.state == "suspended" and c.suspension_cause in ("overdue", "critical"))
        if not suspended:
            return
        critical = self.env["comasec.label.nonconformity"]._read_group(
            [("certificate_id", "in", suspended.ids), ("severity", "=", "critical"), ("state", "!=", "closed")],
            ["certificate_id"],
        )
        blocked = {certificate for (certificate,) in critical}
        clear = suspended.filtered(
            lambda c: c not in blocked and c.surveillance_due_date + relativedelta(days=grace) >= today
        )
        for cause in set(clear.mapped("suspension_cause")):
            clear.filtered(lambda c, cause=cause: c.suspension_cause == cause)._apply_sanction(
                "reinstatement", self.env._("The cause of the suspension is closed."), cause=cause
            )

    # nightly jobs ------------------------------------------------------------

    def _cron_done(self, done, domain, batch_size):
        remaining = self.search_count(domain) if done >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _cron_plan_surveillance(self, batch_size=CRON_BATCH):
        """Plan the yearly surveillance audit of valid certificates before it is due."""
        lead = get_param(self.env, "comasec_label.surveillance_lead_days")
        horizon = fields.Date.context_today(self) + relativedelta(days=lead)
        domain = [
            ("state", "=", "valid"),
            ("surveillance_audit_id", "=", False),
            ("surveillance_due_date", "<=", horizon),
            ("expiry_date", ">", horizon),
        ]
        certificates = self.search(domain, limit=batch_size, order="surveillance_due_date, id")
        # mail_notrack: the audit has no tracking template, and Odoo would otherwise look
        # for one per audit just before the commit (a flush each)
        Audit = self.env["comasec.label.audit"].with_context(mail_notrack=True)
        audits = Audit.create(
            [
                {
                    "certificate_id": certificate.id,
                    "cooperative_id": certificate.cooperative_id.id,
                    "standard_id": certificate.standard_id.id,
                    "kind": "surveillance",
                    "date": certificate.surveillance_due_date - relativedelta(days=lead // 2),
                    "auditor_ids": [fields.Command.set(certificate.application_id.audit_ids[:1].auditor_ids.ids)],
                }
                for certificate in certificates
            ]
        )
        # not a tracked field: a write per certificate with tracking would register a
        # tracking check per certificate to run before the commit
        for certificate, audit in zip(
            certificates.with_context(tracking_disable=True)._comasec_workflow(), audits, strict=True
        ):
            certificate.surveillance_audit_id = audit
        return self._cron_done(len(certificates), domain, batch_size)

    @api.model
    def _cron_expiry_reminders(self, batch_size=CRON_BATCH):
        """Remind the cooperative and the label team the days before expiry of the setting
        (90 and 30 by default), once each."""
        today = fields.Date.context_today(self)
        template = self.env.ref("comasec_label.mail_template_certificate_expiring")
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        done, domains = 0, []
        # the smallest offset first: a certificate reminded at 30 days needs no 90-day reminder any more
        for days in get_days_param(self.env, "comasec_label.certificate_reminder_days"):
            domain = [
                ("state", "in", ("valid", "suspended")),
                "|",
                ("reminder_days_sent", "=", 0),
                ("reminder_days_sent", ">", days),
                ("expiry_date", "<=", today + relativedelta(days=days)),
                ("expiry_date", ">=", today),
            ]
            domains.append(domain)
            certificates = self.search(domain, limit=max(batch_size - done, 0))
            template._comasec_send_batch(certificates)
            summary = self.env._("Certificate expires in %s days: open its renewal", days)
            # quick update: the activity is the reminder, no extra "assigned to you" mail per certificate
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": certificate.id,
                        "activity_type_id": todo.id,
                        "date_deadline": certificate.expiry_date - relativedelta(days=days // 3),
                        "summary": summary,
                        "user_id": certificate.application_id.user_id.id or self.env.user.id,
                    }
                    for certificate in certificates
                ]
            )
            certificates._comasec_workflow().write({"reminder_days_sent": days})
            done += len(certificates)
        remaining = sum(self.search_count(domain) for domain in domains) if done >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _cron_expire(self, batch_size=CRON_BATCH):
        """Certificates expire the day after their last day of validity."""
        domain = [("state", "in", ("valid", "suspended")), ("expiry_date", "<", fields.Date.context_today(self))]
        certificates = self.search(domain, limit=batch_size)
        # the note below says it; no per-record tracking message (queries per certificate)
        certificates.with_context(tracking_disable=True)._comasec_workflow().write({"state": "expired"})
        certificates._message_log_batch(
            bodies={c.id: self.env._("The certificate expired on %s.", c.expiry_date) for c in certificates}
        )
        return self._cron_done(len(certificates), domain, batch_size)

    @api.model
    def _cron_suspend_overdue(self, batch_size=CRON_BATCH):
        """Suspend valid certificates whose surveillance audit is overdue (after the grace days)."""
        grace = get_param(self.env, "comasec_label.surveillance_grace_days")
        limit = fields.Date.context_today(self) - relativedelta(days=grace)
        domain = [("state", "=", "valid"), ("surveillance_due_date", "<", limit)]
        certificates = self.search(domain, limit=batch_size)
        if certificates:
            certificates._apply_sanction(
                "suspension", self.env._("The yearly surveillance audit is overdue."), cause="overdue"
            )
        return self._cron_done(len(certificates), domain, batch_size)

    # renewal -----------------------------------------------------------------

    def action_renew(self):
        """Open the renewal application of this certificate (once)."""
        self.ensure_one()
        if self.state not in ("valid", "suspended"):
            raise UserError(self.env._("Only a valid or suspended certificate is renewed."))
        if not self.renewal_application_id:
            self._comasec_workflow().renewal_application_id = (
                self.env["comasec.label.application"]
                ._comasec_workflow()
                .create(
                    {
                        "cooperative_id": self.cooperative_id.id,
                        "product_ids": [fields.Command.set(self.product_ids.ids)],
                        "scope": self.application_id.scope,
                        "previous_certificate_id": self.id,
                    }
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "comasec.label.application",
            "res_id": self.renewal_application_id.id,
            "view_mode": "form",
        }

    def action_open_sanction_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "comasec.label.sanction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_certificate_ids": self.ids},
        }
