from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Cooperatives onboarded before payments were posted: post their cash and bank payments."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search(
        [("partner_id.comasec_is_cooperative", "=", True)]
    )._comasec_book_payments_in_liquidity_accounts()
