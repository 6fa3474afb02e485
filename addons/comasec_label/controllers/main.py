from odoo import http
from odoo.addons.comasec_coop.controllers.main import PublicDocumentCheck, public_document_route
from odoo.exceptions import UserError
from odoo.http import request

from ..models.comasec_label_complaint import RateLimited


class LabelVerification(PublicDocumentCheck):
    # The number alone (sequential) is no longer enough: it answers as an unknown number.
    @public_document_route("/label/verify")
    def label_verify(self, number, code=None, **kwargs):
        return self._verify_public_document("comasec.label.certificate", number, code, **kwargs)

    @http.route(
        "/label/verify/<string:number>/<string:code>/report",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def label_report(self, number, code, **post):
        """The "report a problem" form of the public page (Odoo checks its CSRF token)."""
        # sudo: as on the page, the certificate is found by its exact number and code only
        Certificate = request.env["comasec.label.certificate"].sudo()
        certificate = Certificate._public_find(number, code)
        if not certificate:
            return self._render_public_document(Certificate, number, code)
        try:
            # sudo: visitors cannot create complaints; _public_report stores the form's text, as
            # text, for the certificate found above, within the limit of reports per address
            request.env["comasec.label.complaint"].sudo()._public_report(
                certificate,
                post.get("kind"),
                post.get("name"),
                post.get("contact"),
                post.get("description"),
                request.httprequest.remote_addr,
            )
        except RateLimited as exc:
            return self._render_public_document(Certificate, number, code, status=429, report_error=exc.args[0])
        except UserError as exc:
            return self._render_public_document(
                Certificate, number, code, status=400, report_error=exc.args[0], report_values=post
            )
        return request.redirect(f"{certificate._comasec_verify_path()}?reported=1", 303)
