from odoo import models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY


class MisReportInstanceXlsx(models.AbstractModel):
    """A cooperative's name typed as "=HYPERLINK(...)" stays text in the statements' workbooks."""

    _inherit = "report.mis_builder.mis_report_instance_xlsx"

    def get_workbook_options(self):
        return {**super().get_workbook_options(), **TEXT_ONLY}
