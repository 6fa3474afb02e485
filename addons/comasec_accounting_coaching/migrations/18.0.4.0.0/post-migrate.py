"""18.0.4.0.0: supervisors no longer hold every cooperative's company among their allowed
companies (Odoo sends them all with each page load, in a time that grows with their
square); they open a cooperative's books when they read them. The companies the former
grant gave them are taken back, except each user's own company; they open again any
cooperative's books with Open books, as many as the setting keeps."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    group = env.ref("comasec_coop.comasec_coop_group_supervisor")
    companies = env["res.company"]._comasec_cooperative_companies()
    supervisors = env["res.users"].with_context(active_test=False).search([("groups_id", "in", group.ids)])
    for user in supervisors:
        granted = user.company_ids & companies - user.company_id
        if granted:
            user.write({"company_ids": [Command.unlink(company.id) for company in granted]})
