import json

from odoo import http
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import public_page_values
from odoo.exceptions import UserError
from odoo.http import request

from ..models.comasec_label_complaint import RateLimited
from .main import LabelVerification


class LabelLotVerification(LabelVerification):
    """A sticker's QR code opens /label/verify/<certificate>/<lot code>: the page of the
    labelled lot. The lot's code has the certificate code's shape and strength, so the
    same address answers for both; anything else is the certificate's page or its 404."""

    @http.route()
    def label_verify(self, number, code=None, **kwargs):
        lot_code = code and code.removesuffix(".json")
        # sudo: public visitors have no access to lots; _comasec_public_find finds one by the
        # exact certificate number and lot code printed on the sticker, nothing else
        lot = lot_code and request.env["stock.lot"].sudo()._comasec_public_find(number, lot_code)
        if not lot:
            return super().label_verify(number, code, **kwargs)
        if kwargs.get("format") == "json" or code.endswith(".json"):
            # sudo: as above; _comasec_public_lookup returns only the lot's public fields
            data = request.env["stock.lot"].sudo()._comasec_public_lookup(number, lot_code)
            return request.make_response(
                json.dumps(data), headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")]
            )
        return self._render_lot_page(number, lot_code, reported=bool(kwargs.get("reported")))

    @http.route()
    def label_report(self, number, code, **post):
        # sudo: see label_verify
        lot = request.env["stock.lot"].sudo()._comasec_public_find(number, code)
        if not lot:
            return super().label_report(number, code, **post)
        try:
            # sudo: visitors cannot create complaints; _public_report stores the form's text, as
            # text, for the lot found above and its certificate, within the limit per address
            request.env["comasec.label.complaint"].sudo()._public_report(
                lot.comasec_certificate_id,
                post.get("kind"),
                post.get("name"),
                post.get("contact"),
                post.get("description"),
                request.httprequest.remote_addr,
                lot=lot,
            )
        except RateLimited as exc:
            return self._render_lot_page(number, code, status=429, report_error=exc.args[0])
        except UserError as exc:
            return self._render_lot_page(number, code, status=400, report_error=exc.args[0], report_values=post)
        return request.redirect(f"/label/verify/{number}/{lot.comasec_verification_code}?reported=1", 303)

    def _render_lot_page(self, number, code, status=200, **values):
        # sudo: see label_verify
        data = request.env["stock.lot"].sudo()._comasec_public_lookup(number, code)
        report_url = f"/label/verify/{number}/{code.strip().upper()}/report"
        return request.render(
            "comasec_label.label_verify_lot_page",
            public_page_values(lot=data, report_url=report_url, **values),
            status=status,
        )
