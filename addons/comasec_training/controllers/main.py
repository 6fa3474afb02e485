from odoo import fields, http
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import public_page_values
from odoo.http import request


class ComasecTrainingCertificateCheck(http.Controller):
    # website=True: the page follows the language of the URL (/fr/..., /ar/...), as the label's
    @http.route(
        ["/training/verify/<string:number>", "/training/verify/<string:number>/<string:code>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        # Reads only: with a replica configured (db_replica_host), Odoo serves it there.
        readonly=True,
    )
    def verify_certificate(self, number, code=None, **_kw):
        # sudo is safe: _public_find needs the exact number and the verification code printed
        # on the certificate (no pattern, no listing), and the page shows only what the
        # certificate itself shows.
        certificate = request.env["comasec.training.certificate"].sudo()._public_find(number, code)
        if not certificate:
            return request.render("comasec_training.certificate_verify_not_found", public_page_values(), status=404)
        status = certificate._status_on(fields.Date.context_today(certificate))
        values = {
            "number": certificate.name,
            "holder": certificate.partner_id.name,
            "course": certificate.course_id.name,
            "session_end": certificate.event_id.date_end.date(),
            "hours": certificate.hours,
            "issue_date": certificate.issue_date,
            "expiry_date": certificate.expiry_date,
            "status": status,
        }
        return request.render("comasec_training.certificate_verify_page", public_page_values(**values))
