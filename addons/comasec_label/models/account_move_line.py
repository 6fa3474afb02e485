from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    comasec_lot_id = fields.Many2one(
        "stock.lot",
        string="Lot",
        index="btree_not_null",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
        help="The lot sold on this invoice line (or, on a member's bill, the lot delivered): "
        "the label's recall reads it.",
    )

    @api.constrains("comasec_lot_id", "product_id")
    def _check_comasec_lot_id(self):
        for line in self.filtered("comasec_lot_id"):
            if line.comasec_lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "The lot %(lot)s is a lot of %(lot_product)s, not of %(product)s: "
                        "choose a lot of the line's product.",
                        lot=line.comasec_lot_id.name,
                        lot_product=line.comasec_lot_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
