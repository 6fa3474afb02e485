from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class MisReportInstancePeriod(models.Model):
    _inherit = "mis.report.instance.period"

    # mis_builder's years are calendar years; a cooperative's fiscal year may end in June
    type = fields.Selection(
        selection_add=[("comasec_fy", "Fiscal year")],
        ondelete={"comasec_fy": lambda periods: periods.write({"type": "y"})},
    )

    @api.depends("report_instance_id.company_id", "report_instance_id.query_company_ids")
    def _compute_dates(self):
        res = super()._compute_dates()
        for period in self:
            instance = period.report_instance_id
            if not (instance.comparison_mode and period.mode == "relative" and period.type == "comasec_fy"):
                continue
            company = instance.company_id or instance.query_company_ids[:1] or self.env.company
            start = company._comasec_fiscal_year(instance.pivot_date)[0] + relativedelta(years=period.offset)
            period.date_from = company._comasec_fiscal_year(start)[0]
            period.date_to = company._comasec_fiscal_year(start + relativedelta(years=period.duration - 1))[1]
            period.valid = True
        return res
