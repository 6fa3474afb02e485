import json

from odoo import http
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import public_page_values
from odoo.http import request


def public_document_route(path):
    """The route of a public document's page, ``path`` followed by the number and the code (the
    model's _comasec_verify_route): a GET that anyone may open. website=True: the page follows
    the language of the URL (/fr/..., /ar/...)."""
    return http.route(
        [f"{path}/<string:number>", f"{path}/<string:number>/<string:code>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        # Reads only: with a replica configured (db_replica_host), Odoo serves it there.
        readonly=True,
    )


class PublicDocumentCheck(http.Controller):
    """The public check of the documents of comasec.public.document.mixin: their page and
    its JSON, found by the number and verification code printed on them. Each addon routes
    its document's path (the model's _comasec_verify_route, printed in the QR codes) to
    _verify_public_document."""

    def _verify_public_document(self, model, number, code=None, **kwargs):
        # sudo: public visitors have no access to the documents; _public_lookup finds one by
        # its exact number and verification code and returns only its public values.
        Document = request.env[model].sudo()
        as_json = kwargs.get("format") == "json" or (code or number).endswith(".json")
        number = number.removesuffix(".json")
        code = code and code.removesuffix(".json")
        if as_json:
            data = Document._public_lookup(number, code)
            return request.make_response(
                json.dumps(data or {"error": "not found"}),
                headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                status=200 if data else 404,
            )
        return self._render_public_document(Document, number, code, params=kwargs)

    def _render_public_document(self, Document, number, code, params=None, status=200, **values):
        """The page of the document of ``number`` and ``code`` (``Document``: its model, as
        superuser), or its plain 404 when there is none; ``values`` are added to the page's."""
        data = Document._public_lookup(number, code)
        if not data:
            return request.render(Document._comasec_verify_not_found_template, public_page_values(), status=404)
        page_values = Document._public_page_values(data, code, params or {})
        return request.render(
            Document._comasec_verify_template, public_page_values(**page_values, **values), status=status
        )
