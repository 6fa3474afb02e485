import json

from odoo import http
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import public_page_values
from odoo.http import request


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
        # sudo: public visitors have no access to certificates; _public_lookup finds one by
        # its exact number and verification code and returns only its public fields.
        data = request.env["comasec.label.certificate"].sudo()._public_lookup(number, code)
        if as_json:
            body = data if data else {"error": "not found"}
            return request.make_response(
                json.dumps(body),
                headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                status=200 if data else 404,
            )
        if not data:
            return request.render("comasec_label.label_verify_not_found", public_page_values(), status=404)
        return request.render("comasec_label.label_verify_page", public_page_values(certificate=data))
