from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class TrainingPortal(CustomerPortal):
    """A cooperative's portal users list their members' training certificates and download
    them; the record rule limits the reads to their own cooperative."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "training_certificate_count" in counters:
            Certificate = request.env["comasec.training.certificate"]
            values["training_certificate_count"] = Certificate.search_count([]) if Certificate.has_access("read") else 0
        return values

    @http.route(["/my/training"], type="http", auth="user", website=True)
    def portal_my_training_certificates(self, **kwargs):
        Certificate = request.env["comasec.training.certificate"]
        if not Certificate.has_access("read"):
            return request.redirect("/my")
        certificates = Certificate.search([])
        # sudo: portal users may not read other contacts; these are the holders of their own
        # cooperative's certificates (found above under its record rule), public on the check page.
        holders = {certificate.id: certificate.sudo().partner_id.name for certificate in certificates}
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "training", "certificates": certificates, "holders": holders})
        return request.render("comasec_training.portal_my_training_certificates", values)

    @http.route(["/my/training/certificate/<int:certificate_id>/pdf"], type="http", auth="user", website=True)
    def portal_my_training_certificate_pdf(self, certificate_id, **kwargs):
        try:
            # Returns the certificate as superuser once the user's own read access is checked:
            # the printed certificate shows its session and trainer, which portal users may not read.
            certificate_sudo = self._document_check_access("comasec.training.certificate", certificate_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._show_report(
            model=certificate_sudo,
            report_type="pdf",
            report_ref="comasec_training.comasec_training_certificate_report",
            download=True,
        )
