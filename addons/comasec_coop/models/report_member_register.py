from odoo import api, models
from odoo.exceptions import AccessError


class ReportMemberRegister(models.AbstractModel):
    _name = "report.comasec_coop.report_member_register"
    _description = "Register of members"

    @api.model
    def _get_report_values(self, docids, data=None):
        """The register lists a cooperative's members, their ID numbers and shares: it is
        printed only for cooperatives whose members the user may read (staff: every one; a
        bookkeeper: its own), as the members' record rules say."""
        docs = self.env["res.partner"].browse(docids)
        for coop in docs.filtered("comasec_is_cooperative"):
            # sudo: lists the members only to check that the user may read each of them.
            members = coop.sudo().with_context(active_test=False).comasec_coop_member_ids
            if members.with_env(self.env)._filtered_access("read") != members:
                raise AccessError(
                    self.env._(
                        "You may print the register of members only of your own cooperative, not of %s.",
                        coop.name,
                    )
                )
        return {"doc_ids": docids, "doc_model": "res.partner", "docs": docs}


class ReportCapitalStatement(models.AbstractModel):
    """The capital statement sums a cooperative's capital register: printed, as the
    register of members, only for the cooperatives whose members the user may read."""

    _name = "report.comasec_coop.report_capital_statement"
    _inherit = "report.comasec_coop.report_member_register"
    _description = "Yearly capital statement"
