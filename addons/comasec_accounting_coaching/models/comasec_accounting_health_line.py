from odoo import fields, models

INDICATORS = [
    ("last_entry", "Days since the last posted entry"),
    ("old_drafts", "Old draft invoices"),
    ("late_sales", "Sales recorded late"),
    ("numbering", "Gaps or duplicates in invoice numbers"),
    ("unreconciled", "Bank statement lines not reconciled"),
    ("negative_cash", "Days with a negative cash or bank balance"),
    ("overdue", "Receivables overdue (%)"),
    ("tax_lock", "Tax periods not closed"),
    ("year_lock", "Fiscal year not closed"),
    ("trial_balance", "Trial balance imbalance"),
]
STATUSES = [("ok", "OK"), ("warning", "Warning"), ("bad", "Bad"), ("not_applicable", "Not applicable")]


class ComasecAccountingHealthLine(models.Model):
    _name = "comasec.accounting.health.line"
    _description = "Bookkeeping health indicator"
    _order = "date desc, cooperative_id, indicator"

    health_id = fields.Many2one("comasec.accounting.health", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="health_id.cooperative_id", store=True)
    date = fields.Date(related="health_id.date", store=True)
    indicator = fields.Selection(INDICATORS, required=True)
    value = fields.Float(aggregator="avg")
    status = fields.Selection(STATUSES, required=True)
    explanation = fields.Char()
