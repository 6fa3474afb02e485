from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Odoo shares a new product with every company. Made in a cooperative's books, it is the
    # cooperative's own: other cooperatives' bookkeepers must not see it, and Odoo gives every
    # shared product that has taxes the default taxes of each company onboarded later, so each
    # onboarding reads them all (bench/populate: 3 to 24 s a company at 180 companies).
    company_id = fields.Many2one(default=lambda self: self._comasec_default_company())

    def _comasec_default_company(self):
        company = self.env.company
        return company if company.partner_id.comasec_is_cooperative else False
