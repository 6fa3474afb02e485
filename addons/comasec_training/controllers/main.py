from odoo.addons.comasec_coop.controllers.main import PublicDocumentCheck, public_document_route


class ComasecTrainingCertificateCheck(PublicDocumentCheck):
    @public_document_route("/training/verify")
    def verify_certificate(self, number, code=None, **kwargs):
        return self._verify_public_document("comasec.training.certificate", number, code, **kwargs)
