import base64

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.image import image_data_uri

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
    _comasec_verify_route = "/training/verify"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index=True)
    registration_id = fields.Many2one(
        "event.registration", string="Enrolment", required=True, readonly=True, ondelete="restrict", index=True
    )
    event_id = fields.Many2one(related="registration_id.event_id", store=True, string="Session")
    course_id = fields.Many2one(related="registration_id.course_id", store=True, index=True)
    partner_id = fields.Many2one(related="registration_id.partner_id", store=True, string="Holder")
    member_id = fields.Many2one(related="registration_id.member_id", store=True)
    cooperative_id = fields.Many2one(related="registration_id.cooperative_id", store=True, index=True)
    post_score = fields.Float(related="registration_id.post_score")
    max_score = fields.Float(related="registration_id.max_score")
    attendance_rate = fields.Float(related="registration_id.attendance_rate")
    hours = fields.Float(related="event_id.hours")
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

    def _get_report_base_filename(self):
        """File name of the certificate downloaded from the portal."""
        self.ensure_one()
        return self.name

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
        not_passed = registrations.filtered(lambda r: r.result != "passed")
        if not_passed:
            labels = dict(not_passed._fields["result"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "No certificate for %(people)s: a certificate is issued only when the result is Passed "
                    "(attendance and post score at the course's thresholds).",
                    people=", ".join(f"{r.name} ({labels.get(r.result, r.result)})" for r in not_passed),
                )
            )
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("comasec.training.certificate")
        return super().create(vals_list)

    def qr_code_data_uri(self):
        """The QR code of the public check, inline so the PDF needs no request to the server."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self.verify_url, width=180, height=180)
        return image_data_uri(base64.b64encode(png))

    def _report_lang(self, prefix):
        """An installed language starting with ``prefix`` (fr, ar), else the current one:
        names are printed translated when the language is installed."""
        codes = [code for code, _name in self.env["res.lang"].get_installed() if code.startswith(prefix)]
        return codes[0] if codes else self.env.lang or "en_US"

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
