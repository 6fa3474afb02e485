import re

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
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


class ComasecLabelCertificate(models.Model):
    _name = "comasec.label.certificate"
    _description = "Maroc Solidaire certificate"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.public.document.mixin"]
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
    expiry_date = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        CERTIFICATE_STATES, default="valid", required=True, tracking=True, index=True, readonly=True
    )
    conditions = fields.Text(readonly=True, help="Conditions set by the committee with the approval.")
    conditions_deadline = fields.Date(readonly=True)

    _sql_constraints = [
        ("number_unique", "unique(name)", "A certificate number is unique."),
        ("application_unique", "unique(application_id)", "An application gives one certificate only."),
    ]

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
        certificates = self.create(
            [
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
        )
        template = self.env.ref("comasec_label.mail_template_certificate_issued")
        for certificate in certificates:
            certificate.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return certificates

    def action_print(self):
        return self.env.ref("comasec_label.comasec_label_certificate_report").report_action(self)

    # public verification ---------------------------------------------------

    def _public_values(self):
        """What anyone may know of the certificate: the fields below, never its members,
        scores or audit findings."""
        certificate = self.ensure_one()
        today = fields.Date.context_today(self)
        state = certificate.state
        # the nightly job may not have run yet: a buyer must never read "valid" after expiry
        if state == "valid" and certificate.expiry_date < today:
            state = "expired"
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
