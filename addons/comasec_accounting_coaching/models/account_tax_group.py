from odoo import fields, models


class AccountTaxGroup(models.Model):
    _inherit = "account.tax.group"

    # read by company like the taxes (account_tax.py)
    company_id = fields.Many2one(index=True)
