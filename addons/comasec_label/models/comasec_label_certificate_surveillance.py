from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_days_param, get_param
from odoo.exceptions import UserError

from .comasec_label_batch import queue_template_mails

# records handled per cron run; the cron is re-triggered while some remain
CRON_BATCH = 500


class ComasecLabelCertificate(models.Model):
    """Surveillance, reminders, expiry, sanctions and renewal of certificates."""

    _inherit = "comasec.label.certificate"

    surveillance_due_date = fields.Date(
        index=True, tracking=True, copy=False, help="Date by which the next yearly surveillance audit must be done."
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("issue_date") and not vals.get("surveillance_due_date"):
                vals["surveillance_due_date"] = fields.Date.to_date(vals["issue_date"]) + self._surveillance_interval()
        certificates = super().create(vals_list)
        # the certificate that a renewal replaces is closed as renewed
        certificates.previous_certificate_id.filtered(lambda c: c.state in ("valid", "suspended")).write(
            {"state": "renewed"}
        )
        return certificates

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
        self.env["comasec.label.sanction"].create(
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
            self.with_context(tracking_disable=True).write(vals)
        kind_label = dict(self.env["comasec.label.sanction"]._fields["kind"].selection)[kind]
        note = self.env._("%(kind)s: %(reason)s", kind=kind_label, reason=reason)
        self._message_log_batch(bodies=dict.fromkeys(self.ids, note))
        if kind == "suspension":
            queue_template_mails(self, self.env.ref("comasec_label.mail_template_certificate_suspended"))

    def _on_audit_done(self, audits):
        """``audits`` of these certificates are closed: a surveillance audit sets the next due
        date; a critical finding suspends the certificate; a cause now gone reinstates it."""
        for audit in audits.filtered(lambda a: a.certificate_id):
            certificate = audit.certificate_id
            if audit.kind == "surveillance" and certificate.surveillance_audit_id == audit:
                certificate.write(
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
        for certificate, audit in zip(certificates.with_context(tracking_disable=True), audits, strict=True):
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
            queue_template_mails(certificates, template)
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
            certificates.write({"reminder_days_sent": days})
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
        certificates.with_context(tracking_disable=True).write({"state": "expired"})
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
            self.renewal_application_id = self.env["comasec.label.application"].create(
                {
                    "cooperative_id": self.cooperative_id.id,
                    "product_ids": [fields.Command.set(self.product_ids.ids)],
                    "scope": self.application_id.scope,
                    "previous_certificate_id": self.id,
                }
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
