from odoo import fields, models


class AccountGroup(models.Model):
    _inherit = "account.group"

    # read by company when a chart is loaded and accounts are grouped (account_tax.py)
    company_id = fields.Many2one(index=True)
