from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Label managers and committee members now read the cooperatives' lots: give those
    already in these groups the cooperatives' companies, as new ones get them."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Users = env["res.users"].with_context(active_test=False)
    Users.search(
        [("groups_id", "in", Users._comasec_company_reader_groups().ids)]
    )._comasec_grant_cooperative_companies()
