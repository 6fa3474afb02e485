from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# What a certificate says: set when it is issued, then changed only by its methods (revoke).
PROTECTED_FIELDS = {
    "name",
    "registration_id",
    "state",
    "issue_date",
    "expiry_date",
    "event_id",
    "course_id",
    "partner_id",
    "member_id",
    "cooperative_id",
    "post_score",
    "max_score",
    "attendance_rate",
    "hours",
}


class ComasecTrainingCertificate(models.Model):
    _name = "comasec.training.certificate"
    _description = "Training certificate"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.public.document.mixin"]
    _order = "issue_date desc, id desc"
    _comasec_sequence_code = "comasec.training.certificate"
    _comasec_verify_route = "/training/verify"
    _comasec_verify_template = "comasec_training.certificate_verify_page"
    _comasec_verify_not_found_template = "comasec_training.certificate_verify_not_found"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index=True)
    registration_id = fields.Many2one(
        "event.registration", string="Enrolment", required=True, readonly=True, ondelete="restrict", index=True
    )
    event_id = fields.Many2one(related="registration_id.event_id", store=True, string="Session")
    course_id = fields.Many2one(related="registration_id.comasec_course_id", store=True, index=True)
    partner_id = fields.Many2one(related="registration_id.partner_id", store=True, string="Holder")
    member_id = fields.Many2one(related="registration_id.comasec_member_id", store=True)
    cooperative_id = fields.Many2one(related="registration_id.comasec_cooperative_id", store=True, index=True)
    post_score = fields.Float(related="registration_id.comasec_post_score")
    max_score = fields.Float(related="registration_id.comasec_max_score")
    attendance_rate = fields.Float(related="registration_id.comasec_attendance_rate")
    hours = fields.Float(related="event_id.comasec_hours")
    issue_date = fields.Date(required=True, readonly=True, default=fields.Date.context_today, tracking=True)
    expiry_date = fields.Date(
        compute="_compute_expiry_date", store=True, help="Empty when the course's certificates do not expire."
    )
    state = fields.Selection(
        [("issued", "Issued"), ("revoked", "Revoked")], default="issued", readonly=True, tracking=True
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "Certificate numbers are unique."),
        ("registration_unique", "unique(registration_id)", "A participant gets one certificate per session."),
    ]

    @api.depends("issue_date", "course_id.certificate_validity_months")
    def _compute_expiry_date(self):
        for certificate in self:
            months = certificate.course_id.certificate_validity_months
            certificate.expiry_date = certificate.issue_date + relativedelta(months=months) if months else False

    def _status_on(self, on_date):
        """'valid', 'expired' or 'revoked' on a date (used by the public check)."""
        self.ensure_one()
        if self.state == "revoked":
            return "revoked"
        return "expired" if self.expiry_date and self.expiry_date < on_date else "valid"

    def _check_protected_fields(self, field_names):
        protected = sorted(PROTECTED_FIELDS.intersection(field_names))
        if protected and not self.env.su:
            names = ", ".join(self._fields[name]._description_string(self.env) for name in protected)
            raise AccessError(
                self.env._(
                    "A certificate's %(fields)s cannot be set by hand: it is numbered and dated when issued "
                    "from a session, and changes only through Revoke.",
                    fields=names,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a certificate is issued for an enrolment, which it names
            self._check_protected_fields(set(vals) - {"registration_id"})
        registrations = self.env["event.registration"].browse([vals["registration_id"] for vals in vals_list])
        not_passed = registrations.filtered(lambda r: r.comasec_result != "passed")
        if not_passed:
            labels = dict(not_passed._fields["comasec_result"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "No certificate for %(people)s: a certificate is issued only when the result is Passed "
                    "(attendance and post score at the course's thresholds).",
                    people=", ".join(
                        f"{r.name} ({labels.get(r.comasec_result, r.comasec_result)})" for r in not_passed
                    ),
                )
            )
        return super().create(vals_list)

    def _public_values(self):
        """What the printed certificate shows, and its status today."""
        certificate = self.ensure_one()
        return {
            "number": certificate.name,
            "holder": certificate.partner_id.name,
            "course": certificate.course_id.name,
            "session_end": certificate.event_id.date_end.date().isoformat(),
            "hours": certificate.hours,
            "issue_date": certificate.issue_date.isoformat(),
            "expiry_date": certificate.expiry_date.isoformat() if certificate.expiry_date else None,
            "status": certificate._status_on(fields.Date.context_today(certificate)),
        }

    def write(self, vals):
        self._check_protected_fields(vals)
        return super().write(vals)

    def action_revoke(self):
        """Revokes the certificates; the public check then says so."""
        # The caller's rights and record rules (a trainer: the sessions they teach) decide.
        self.check_access("write")
        # sudo: the state is protected against writes by hand; the check above applied the caller's rights.
        self.sudo().write({"state": "revoked"})
        return True
