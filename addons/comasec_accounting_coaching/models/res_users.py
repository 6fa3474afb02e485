from odoo import Command, api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._comasec_grant_cooperative_companies()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "groups_id" in vals:
            self._comasec_grant_cooperative_companies()
        return res

    def _comasec_grant_cooperative_companies(self):
        """Give supervisors every cooperative company as an allowed company.

        Odoo's multi-company record rules on accounting are global rules
        (``company_id in company_ids``) that no group rule can widen, so a
        supervisor reads a cooperative's books only when its company is among
        the user's allowed companies; write access stays refused by the ACLs
        (supervisors get ``account.group_account_readonly`` only)."""
        group = self.env.ref("comasec_coop.comasec_coop_group_supervisor")
        # sudo: reads group membership (implied groups included) of the users being saved.
        supervisors = self.sudo().filtered_domain([("groups_id", "in", group.ids)])
        if not supervisors:
            return
        # sudo: lists the companies linked to cooperatives (ids only) to add them to
        # supervisors; it grants no right beyond what the supervisor group is meant to have.
        companies = self.env["res.partner"].sudo().search([("coop_company_id", "!=", False)]).coop_company_id
        # each supervisor on its own: Odoo gives a new company to the user who creates it,
        # and a union over all supervisors would then skip every other supervisor
        for supervisor in supervisors:
            missing = companies - supervisor.company_ids
            if missing:
                # already sudo: the caller may be a supervisor, who cannot edit users.
                supervisor.write({"company_ids": [Command.link(c.id) for c in missing]})
