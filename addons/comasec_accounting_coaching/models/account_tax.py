from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    # Odoo reads a company's taxes by company at every onboarding and invoice: with a region's
    # hundreds of companies, each of their ~75 taxes, unindexed that was a scan of all of them
    # (docs/performance.md, "Region at 1,000 companies").
    company_id = fields.Many2one(index=True)
