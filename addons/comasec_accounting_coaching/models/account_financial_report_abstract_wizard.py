from odoo import api, models
from odoo.exceptions import UserError


class AccountFinancialReportAbstractWizard(models.AbstractModel):
    """The OCA's ledgers, trial balance and VAT report, for users who work in several
    cooperatives' companies: a report is of a company the user works in, read in it."""

    _inherit = "account_financial_report_abstract_wizard"

    @api.constrains("company_id")
    def _check_comasec_company(self):
        # the superuser's reports (and Odoo's own tests) are not a user's choice
        if self.env.su:
            return
        allowed = self.env.user.company_ids
        for wizard in self:
            if wizard.company_id and wizard.company_id not in allowed:
                if self.env.user.has_group("comasec_coop.comasec_coop_group_supervisor"):
                    raise UserError(
                        self.env._(
                            "You can read only the books of the companies you work in (%(allowed)s): choose one "
                            "of them, or open the cooperative's books first (Open books on the cooperative).",
                            allowed=", ".join(allowed.mapped("name")),
                        )
                    )
                raise UserError(
                    self.env._(
                        "You can read only the books of the companies you work in (%(allowed)s): "
                        "choose one of them.",
                        allowed=", ".join(allowed.mapped("name")),
                    )
                )

    # Odoo's multi-company rules read the records of the active companies: each button makes
    # the report's company the active one, as a supervisor reads any cooperative's books they
    # opened.
    def _comasec_in_report_company(self):
        return self.with_company(self.company_id) if self.company_id else self

    def button_export_html(self):
        return super(AccountFinancialReportAbstractWizard, self._comasec_in_report_company()).button_export_html()

    def button_export_pdf(self):
        return super(AccountFinancialReportAbstractWizard, self._comasec_in_report_company()).button_export_pdf()

    def button_export_xlsx(self):
        return super(AccountFinancialReportAbstractWizard, self._comasec_in_report_company()).button_export_xlsx()
