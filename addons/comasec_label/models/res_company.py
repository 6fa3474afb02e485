from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _comasec_create_missing_warehouses(self):
        """Stock gives a warehouse to the companies created after its install but, of those
        before, to the first one only: the cooperatives' companies onboarded before get
        theirs here (run on install and upgrade, so the member deliveries can be received)."""
        companies = self.search([("partner_id.comasec_is_cooperative", "=", True)])
        Warehouse = self.env["stock.warehouse"].with_context(active_test=False)
        with_one = Warehouse.search([("company_id", "in", companies.ids)]).company_id
        for company in companies - with_one:
            Warehouse.create(
                {"name": company.name, "code": "WH", "company_id": company.id, "partner_id": company.partner_id.id}
            )
