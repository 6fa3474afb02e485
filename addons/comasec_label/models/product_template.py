from odoo import fields, models
from odoo.exceptions import UserError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    comasec_label_certificate_ids = fields.Many2many(
        "comasec.label.certificate", string="Label certificates", compute="_compute_comasec_label_certificate"
    )
    comasec_label_certificate_id = fields.Many2one(
        "comasec.label.certificate",
        string="Maroc Solidaire certificate",
        compute="_compute_comasec_label_certificate",
        search="_search_comasec_label_certificate_id",
        help="The valid Maroc Solidaire certificate covering this product.",
    )

    def _compute_comasec_label_certificate(self):
        # sudo: product users may not read certificates; only the number of the valid
        # certificate covering each product, public on its verification page, is shown.
        certificates = (
            self.env["comasec.label.certificate"]
            .sudo()
            .search([("product_ids", "in", self.ids), ("state", "=", "valid")], order="expiry_date desc")
        )
        for product in self:
            covering = certificates.filtered(lambda c, product=product: product.id in c.product_ids.ids)
            product.comasec_label_certificate_ids = covering.with_env(self.env)
            product.comasec_label_certificate_id = covering[:1].with_env(self.env)

    def _search_comasec_label_certificate_id(self, operator, value):
        if operator not in ("=", "!=") or value is not False:
            raise UserError(self.env._("Search labelled or unlabelled products only."))
        # sudo: the search only tells whether a product is covered by a valid certificate
        labelled = self.env["comasec.label.certificate"].sudo().search([("state", "=", "valid")]).product_ids
        return [("id", "not in" if operator == "=" else "in", labelled.ids)]
