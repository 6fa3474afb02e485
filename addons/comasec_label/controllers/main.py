import json

from odoo import http
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import public_page_values
from odoo.exceptions import UserError
from odoo.http import request

from ..models.comasec_label_complaint import RateLimited


class LabelVerification(http.Controller):
    # The number alone (sequential) is no longer enough: it answers as an unknown number.
    @http.route(
        ["/label/verify/<string:number>", "/label/verify/<string:number>/<string:code>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        # Reads only: with a replica configured (db_replica_host), Odoo serves it there.
        readonly=True,
    )
    def label_verify(self, number, code=None, **kwargs):
        as_json = kwargs.get("format") == "json" or (code or number).endswith(".json")
        number = number.removesuffix(".json")
        code = code and code.removesuffix(".json")
        if as_json:
            # sudo: public visitors have no access to certificates; _public_lookup finds one by
            # its exact number and verification code and returns only its public fields.
            data = request.env["comasec.label.certificate"].sudo()._public_lookup(number, code)
            body = data if data else {"error": "not found"}
            return request.make_response(
                json.dumps(body),
                headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                status=200 if data else 404,
            )
        return self._render_page(number, code, reported=bool(kwargs.get("reported")))

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
        certificate = request.env["comasec.label.certificate"].sudo()._public_find(number, code)
        if not certificate:
            return self._render_page(number, code)
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
            return self._render_page(number, code, status=429, report_error=exc.args[0])
        except UserError as exc:
            return self._render_page(number, code, status=400, report_error=exc.args[0], report_values=post)
        return request.redirect(f"/label/verify/{certificate.name}/{certificate.verification_code}?reported=1", 303)

    def _render_page(self, number, code, status=200, **values):
        # sudo: see label_verify
        data = request.env["comasec.label.certificate"].sudo()._public_lookup(number, code)
        if not data:
            return request.render("comasec_label.label_verify_not_found", public_page_values(), status=404)
        report_url = f"/label/verify/{data['number']}/{code.strip().upper()}/report"
        return request.render(
            "comasec_label.label_verify_page",
            public_page_values(certificate=data, report_url=report_url, **values),
            status=status,
        )
