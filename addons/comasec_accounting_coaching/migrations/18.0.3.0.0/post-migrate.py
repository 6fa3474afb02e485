from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The capital register's accounts (1111, 3462, 4463) for cooperatives already onboarded."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"].search(
        [("comasec_coop_company_id", "!=", False)]
    ).comasec_coop_company_id._comasec_set_default_accounts()
