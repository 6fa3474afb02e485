from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class LabelPortal(CustomerPortal):
    """A cooperative's portal users follow their label file; record rules limit every
    read to their own cooperative (no sudo here)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "label_count" in counters:
            Application = request.env["comasec.label.application"]
            values["label_count"] = Application.search_count([]) if Application.has_access("read") else 0
        return values

    @http.route(["/my/label"], type="http", auth="user", website=True)
    def portal_my_label(self, **kwargs):
        env = request.env
        if not env["comasec.label.application"].has_access("read"):
            return request.redirect("/my")
        certificates = env["comasec.label.certificate"].search([])
        # sudo: portal users may not read products; these are the product names of their own
        # certificates (found above under their record rule), public on the verification page.
        product_names = {c.id: ", ".join(c.sudo().product_ids.mapped("name")) for c in certificates}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "label",
                "applications": env["comasec.label.application"].search([]),
                "certificates": certificates,
                "product_names": product_names,
                "nonconformities": env["comasec.label.nonconformity"].search([]),
            }
        )
        return request.render("comasec_label.portal_my_label", values)

    @http.route(["/my/label/application/<int:application_id>"], type="http", auth="user", website=True)
    def portal_my_label_application(self, application_id, **kwargs):
        application, redirect = self._readable_record("comasec.label.application", application_id, "/my/label")
        if redirect:
            return redirect
        return self._render_application(application)

    @staticmethod
    def _readable_record(model, record_id, missing_url):
        """The record ``record_id`` of ``model`` if the user may read it, and no redirect; else no
        record and where to send the user: /my when it is not theirs, ``missing_url`` when it
        no longer exists."""
        record = request.env[model].browse(record_id).exists()
        try:
            record.check_access("read")
        except AccessError:
            return None, request.redirect("/my")
        if not record:
            return None, request.redirect(missing_url)
        return record, None

    def _render_application(self, application, **values):
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "label_application",
            "application": application,
            # their own cooperative's appeals, under the portal record rule
            "appeals": request.env["comasec.label.complaint"].search([("application_id", "=", application.id)]),
            **values,
        }
        return request.render("comasec_label.portal_my_label_application", values)

    @http.route(
        ["/my/label/application/<int:application_id>/appeal"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_label_appeal(self, application_id, **post):
        application, redirect = self._readable_record("comasec.label.application", application_id, "/my/label")
        if redirect:
            return redirect
        try:
            request.env["comasec.label.complaint"]._portal_appeal(application, post.get("reason"))
        except UserError as exc:
            return self._render_application(application, appeal_error=exc.args[0])
        return request.redirect(f"/my/label/application/{application.id}")

    @http.route(["/my/label/certificate/<int:certificate_id>/pdf"], type="http", auth="user", website=True)
    def portal_my_label_certificate_pdf(self, certificate_id, **kwargs):
        try:
            # Returns the certificate as superuser once the user's own read access is checked:
            # the printed certificate shows its products, which portal users may not read.
            certificate_sudo = self._document_check_access("comasec.label.certificate", certificate_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._show_report(
            model=certificate_sudo,
            report_type="pdf",
            report_ref="comasec_label.comasec_label_certificate_report",
            download=True,
        )

    @http.route(
        ["/my/label/nonconformity/<int:nc_id>"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_my_label_nonconformity(self, nc_id, **post):
        nc, redirect = self._readable_record("comasec.label.nonconformity", nc_id, "/my")
        if redirect:
            return redirect
        error = False
        if request.httprequest.method == "POST":
            files = [
                (upload.filename, upload.read())
                for upload in request.httprequest.files.getlist("evidence")
                if upload.filename
            ]
            try:
                nc._portal_propose_action(post.get("corrective_action"), files)
                return request.redirect(f"/my/label/nonconformity/{nc.id}")
            except UserError as exc:
                error = exc.args[0]
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "label_nonconformity", "nc": nc, "error": error})
        return request.render("comasec_label.portal_my_label_nonconformity", values)
