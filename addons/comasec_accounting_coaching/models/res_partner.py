from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_company_id = fields.Many2one(
        "res.company",
        string="Accounting company",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The company holding this cooperative's books, created by the accounting onboarding.",
    )

    def action_open_accounting_onboarding(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Onboard the cooperative's accounting"),
            "res_model": "comasec.accounting.onboarding",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cooperative_id": self.id},
        }
