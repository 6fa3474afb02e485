from odoo import fields, models, tools
from odoo.tools import SQL

SALE_TYPES = ("out_invoice", "out_refund", "out_receipt")
PURCHASE_TYPES = ("in_invoice", "in_refund", "in_receipt")
REFUND_TYPES = ("out_refund", "in_refund")


class ComasecAccountingSalesReport(models.Model):
    """Sales and member deliveries of every cooperative company, one row per posted
    invoice line, for the supervisors' pivot and graph views.

    Each cooperative counts under one sector only (its main sector, the one with the
    lowest sequence) so that totals by sector add up to the cooperatives' total."""

    _name = "comasec.accounting.sales.report"
    _description = "Cooperative sales and member deliveries"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_id"

    date = fields.Date(readonly=True, help="Invoice date (accounting date when the invoice has none).")
    cooperative_id = fields.Many2one("res.partner", string="Cooperative", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    province_id = fields.Many2one("comasec.province", readonly=True)
    sector_id = fields.Many2one(
        "comasec.sector",
        string="Main sector",
        readonly=True,
        help="The cooperative's sector with the lowest sequence: one sector per cooperative so totals add up.",
    )
    product_id = fields.Many2one("product.product", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer or member", readonly=True, help="The customer of a sale or the member."
    )
    move_id = fields.Many2one("account.move", string="Invoice or bill", readonly=True)
    kind = fields.Selection(
        [("sale", "Customer sale"), ("member_delivery", "Member delivery")],
        readonly=True,
        help="Member delivery: a vendor bill to a member of the cooperative (refunds count negative).",
    )
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure", help="Negative for refunds.")
    amount_untaxed = fields.Monetary(
        string="Untaxed amount",
        readonly=True,
        help="Sold (sales) or bought from members (member deliveries), refunds negative.",
    )
    amount_paid = fields.Monetary(
        string="Paid to members",
        readonly=True,
        help="Member deliveries only: the line's share of what is paid on its bill (the bill total minus what "
        "remains due, plus payments recorded without a journal entry).",
    )

    _depends = {
        "account.move": [
            "state",
            "move_type",
            "date",
            "invoice_date",
            "partner_id",
            "commercial_partner_id",
            "amount_total",
            "amount_residual",
        ],
        "account.move.line": ["move_id", "company_id", "display_type", "product_id", "quantity", "balance"],
        "res.company": ["partner_id", "currency_id"],
        "res.partner": ["comasec_is_cooperative", "comasec_coop_province_id", "comasec_coop_sector_ids"],
        "comasec.sector": ["sequence"],
        "comasec.coop.member": ["cooperative_id", "partner_id"],
        "account.payment": ["move_id", "state", "amount", "invoice_ids"],
    }

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._view_query(),
            )
        )

    def _view_query(self):
        is_sale = SQL("move.move_type IN %s", SALE_TYPES)
        return SQL(
            """
            SELECT line.id AS id,
                   COALESCE(move.invoice_date, move.date) AS date,
                   line.company_id AS company_id,
                   company.currency_id AS currency_id,
                   coop.id AS cooperative_id,
                   coop.comasec_coop_province_id AS province_id,
                   sector.id AS sector_id,
                   line.product_id AS product_id,
                   move.commercial_partner_id AS partner_id,
                   move.id AS move_id,
                   CASE WHEN %(is_sale)s THEN 'sale' ELSE 'member_delivery' END AS kind,
                   CASE WHEN move.move_type IN %(refunds)s THEN -line.quantity ELSE line.quantity END AS quantity,
                   -- sales are credits, deliveries debits: both shown positive
                   CASE WHEN %(is_sale)s THEN -line.balance ELSE line.balance END AS amount_untaxed,
                   CASE WHEN %(is_sale)s OR move.amount_total = 0 THEN 0
                        ELSE line.balance * LEAST(1, (move.amount_total - move.amount_residual
                                                      + COALESCE(unbooked.amount, 0)) / move.amount_total)
                   END AS amount_paid
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_company company ON company.id = line.company_id
              JOIN res_partner coop ON coop.id = company.partner_id AND coop.comasec_is_cooperative
              LEFT JOIN LATERAL (
                    SELECT s.id
                      FROM comasec_sector_res_partner_rel rel
                      JOIN comasec_sector s ON s.id = rel.comasec_sector_id
                     WHERE rel.res_partner_id = coop.id
                  ORDER BY s.sequence, s.id
                     LIMIT 1
                   ) sector ON TRUE
              -- Payments without a journal entry (no outstanding account on the journal) leave the
              -- bill's residual unchanged: count them too. One paying several bills cannot be split,
              -- so it only counts once reconciled.
              LEFT JOIN LATERAL (
                    SELECT SUM(pay.amount) AS amount
                      FROM account_move__account_payment paid_bill
                      JOIN account_payment pay ON pay.id = paid_bill.payment_id
                     WHERE paid_bill.invoice_id = move.id
                       AND NOT %(is_sale)s
                       AND pay.move_id IS NULL
                       AND pay.state IN ('in_process', 'paid')
                       AND NOT EXISTS (SELECT 1
                                         FROM account_move__account_payment other
                                        WHERE other.payment_id = pay.id AND other.invoice_id != move.id)
                   ) unbooked ON TRUE
             WHERE move.state = 'posted'
               AND line.display_type = 'product'
               AND (%(is_sale)s
                    OR (move.move_type IN %(purchases)s
                        AND EXISTS (SELECT 1
                                      FROM comasec_coop_member member
                                     WHERE member.cooperative_id = coop.id
                                       AND member.partner_id IN (move.partner_id, move.commercial_partner_id))))
            """,
            is_sale=is_sale,
            refunds=REFUND_TYPES,
            purchases=PURCHASE_TYPES,
        )
