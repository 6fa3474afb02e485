from odoo import models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY


class AccountFinancialReportAbstractReportXlsx(models.AbstractModel):
    """A partner or label typed as "=HYPERLINK(...)" stays text in the OCA's workbooks."""

    _inherit = "report.account_financial_report.abstract_report_xlsx"

    def get_workbook_options(self):
        return {**super().get_workbook_options(), **TEXT_ONLY}
