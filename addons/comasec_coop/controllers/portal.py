from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class CompliancePortal(CustomerPortal):
    """A cooperative's portal users read their closed compliance reviews and download them
    as PDF; record rules limit every read to their own cooperative."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "compliance_review_count" in counters:
            Review = request.env["comasec.compliance.review"]
            values["compliance_review_count"] = (
                Review.search_count([("state", "=", "done")]) if Review.has_access("read") else 0
            )
        return values

    @http.route(["/my/compliance"], type="http", auth="user", website=True)
    def portal_my_compliance_reviews(self, **kwargs):
        Review = request.env["comasec.compliance.review"]
        if not Review.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        # Closed reviews only: one in progress is the supervisor's work, not yet a finding.
        values.update({"page_name": "compliance", "reviews": Review.search([("state", "=", "done")])})
        return request.render("comasec_coop.portal_my_compliance_reviews", values)

    @http.route(["/my/compliance/<int:review_id>"], type="http", auth="user", website=True)
    def portal_my_compliance_review(self, review_id, report_type=None, download=False, **kwargs):
        try:
            # Returns the review as superuser once the user's own read access is checked:
            # the page and PDF show its follow-up deadlines (activities the portal cannot read).
            review_sudo = self._document_check_access("comasec.compliance.review", review_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if review_sudo.state != "done":
            return request.redirect("/my/compliance")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=review_sudo,
                report_type=report_type,
                report_ref="comasec_coop.action_report_comasec_compliance_review",
                download=download,
            )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "compliance_review", "review": review_sudo.with_context(lang=request.env.lang)})
        return request.render("comasec_coop.portal_my_compliance_review", values)
