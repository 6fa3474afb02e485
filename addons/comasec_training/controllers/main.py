import re

from odoo import fields, http
from odoo.http import request

# Certificate numbers are letters, digits and dashes (FC-2026-0001); anything else (a NUL
# byte, a wildcard, 5000 characters) is not a number and gets the plain 404 page.
NUMBER_PATTERN = re.compile(r"[A-Za-z0-9-]{1,32}")


class ComasecTrainingCertificateCheck(http.Controller):
    @http.route("/training/verify/<string:number>", type="http", auth="public", methods=["GET"], sitemap=False)
    def verify_certificate(self, number, **_kw):
        if not NUMBER_PATTERN.fullmatch(number):
            raise request.not_found()
        # sudo is safe: the search is by the exact number printed on the certificate (no
        # pattern, no listing), and the page shows only what the certificate itself shows.
        certificate = request.env["comasec.training.certificate"].sudo().search([("name", "=", number)], limit=1)
        if not certificate:
            raise request.not_found()
        values = {
            "number": certificate.name,
            "holder": certificate.partner_id.name,
            "course": certificate.course_id.name,
            "session_end": certificate.event_id.date_end.date(),
            "hours": certificate.hours,
            "issue_date": certificate.issue_date,
            "expiry_date": certificate.expiry_date,
            "status": certificate._status_on(fields.Date.context_today(certificate)),
        }
        return request.render("comasec_training.certificate_verify_page", values)
