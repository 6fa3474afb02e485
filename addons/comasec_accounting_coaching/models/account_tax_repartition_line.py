from odoo import fields, models


class AccountTaxRepartitionLine(models.Model):
    _inherit = "account.tax.repartition.line"

    # Odoo reads a tax's repartition lines one tax at a time (loading a chart, computing an
    # invoice's taxes): unindexed, each read scanned the lines of every company's taxes, 47 ms
    # at 700 companies, about a third of each onboarding (docs/performance.md).
    tax_id = fields.Many2one(index=True)
