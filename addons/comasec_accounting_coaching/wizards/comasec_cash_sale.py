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
        free = self.line_ids.filtered(lambda li: li.company_currency_id.is_zero(li.amount_total))
        if free:
            raise UserError(
                self.env._(
                    "Enter the unit price of %s: a sale at 0.00 brings no cash to record.",
                    ", ".join(free.product_id.mapped("display_name")),
                )
            )
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
                            "tax_ids": [Command.set(line.tax_ids.ids)],
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
    _check_company_auto = True

    sale_id = fields.Many2one("comasec.cash.sale", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="sale_id.company_id")
    company_currency_id = fields.Many2one(related="sale_id.company_id.currency_id", string="Currency")
    product_id = fields.Many2one(
        "product.product", required=True, check_company=True, domain="[('sale_ok', '=', True)]"
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(
        string="Unit price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="The product's sales price, tax excluded; change it for the day if needed.",
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
        help="The product's sales taxes in this cooperative; remove them for a sale without VAT.",
    )
    amount_tax = fields.Monetary(
        string="Taxes amount", compute="_compute_amounts", currency_field="company_currency_id"
    )
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", currency_field="company_currency_id")

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.with_company(line.company_id).lst_price

    @api.depends("product_id")
    def _compute_tax_ids(self):
        for line in self:
            line.tax_ids = line.product_id.taxes_id.filtered(lambda t, c=line.company_id: t.company_id == c)

    @api.depends("quantity", "price_unit", "tax_ids")
    def _compute_amounts(self):
        for line in self:
            taxes = line.tax_ids.compute_all(
                line.price_unit, currency=line.company_currency_id, quantity=line.quantity, product=line.product_id
            )
            line.amount_tax = taxes["total_included"] - taxes["total_excluded"]
            line.amount_total = taxes["total_included"]

    @api.constrains("quantity", "price_unit")
    def _check_positive(self):
        for line in self:
            if line.quantity <= 0 or line.price_unit < 0:
                raise ValidationError(
                    self.env._("%s: the quantity must be positive and the price not negative.", line.product_id.name)
                )
