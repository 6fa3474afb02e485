from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.entry_date import check_entry_dates

CASH_CUSTOMER_REF = "COMASEC-CASH"


class ComasecCashSale(models.TransientModel):
    """The day's cash sales entered at once; they become a posted receipt (or invoice)
    to the cooperative's cash customer, paid into its cash journal."""

    _name = "comasec.cash.sale"
    _description = "Daily cash sales"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today)
    document = fields.Selection(
        [("out_receipt", "Sales receipt"), ("out_invoice", "Customer invoice")], required=True, default="out_receipt"
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Cash journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'cash'), ('company_id', '=', company_id)]",
        default=lambda self: self.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    line_ids = fields.One2many("comasec.cash.sale.line", "sale_id", string="Sales")

    @api.constrains("date")
    def _check_date(self):
        check_entry_dates(self, self.env._("cash sales"))

    def _cash_customer(self):
        customer = self.env["res.partner"].search(
            [("ref", "=", CASH_CUSTOMER_REF), ("company_id", "=", self.company_id.id)], limit=1
        )
        return customer or self.env["res.partner"].create(
            {
                "name": self.env._("Cash customer"),
                "ref": CASH_CUSTOMER_REF,
                "company_id": self.company_id.id,
            }
        )

    def action_create(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Add at least one sale."))
        move = self.env["account.move"].create(
            {
                "move_type": self.document,
                "company_id": self.company_id.id,
                "partner_id": self._cash_customer().id,
                "invoice_date": self.date,
                "ref": self.env._("Cash sales of %s", fields.Date.to_string(self.date)),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "quantity": line.quantity,
                            "price_unit": line.price_unit,
                            **({"tax_ids": [Command.set(line.tax_ids.ids)]} if line.tax_ids else {}),
                        }
                    )
                    for line in self.line_ids
                ],
            }
        )
        move.action_post()
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
            {"journal_id": self.journal_id.id, "payment_date": self.date}
        )._create_payments()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }


class ComasecCashSaleLine(models.TransientModel):
    _name = "comasec.cash.sale.line"
    _description = "Daily cash sale line"

    sale_id = fields.Many2one("comasec.cash.sale", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit price", digits="Product Price")
    tax_ids = fields.Many2many(
        "account.tax", string="Taxes", domain="[('type_tax_use', '=', 'sale')]", help="Empty: the product's taxes."
    )

    @api.constrains("quantity", "price_unit")
    def _check_positive(self):
        for line in self:
            if line.quantity <= 0 or line.price_unit < 0:
                raise ValidationError(
                    self.env._("%s: the quantity must be positive and the price not negative.", line.product_id.name)
                )
