import json

from odoo import http
from odoo.http import request


class LabelVerification(http.Controller):
    @http.route(
        ["/label/verify/<string:number>"], type="http", auth="public", methods=["GET"], website=True, sitemap=False
    )
    def label_verify(self, number, **kwargs):
        as_json = kwargs.get("format") == "json" or number.endswith(".json")
        number = number.removesuffix(".json")
        # sudo: public visitors have no access to certificates; _public_lookup searches one
        # exact, well-formed number and returns only the public fields of that certificate.
        data = request.env["comasec.label.certificate"].sudo()._public_lookup(number)
        if as_json:
            body = data if data else {"error": "not found"}
            return request.make_response(
                json.dumps(body),
                headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                status=200 if data else 404,
            )
        if not data:
            return request.render("comasec_label.label_verify_not_found", {"number": number}, status=404)
        return request.render("comasec_label.label_verify_page", {"certificate": data})
