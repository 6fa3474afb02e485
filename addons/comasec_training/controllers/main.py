from odoo import http
from odoo.addons.comasec_coop.controllers.main import PublicDocumentCheck


class ComasecTrainingCertificateCheck(PublicDocumentCheck):
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
    def verify_certificate(self, number, code=None, **kwargs):
        return self._verify_public_document("comasec.training.certificate", number, code, **kwargs)
