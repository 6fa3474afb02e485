from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _comasec_book_payments_in_liquidity_accounts(self):
        """Post the payments of these companies' cash and bank journals straight to the
        journal's own account (5161 cash, 5141 bank). l10n_ma leaves the payment methods
        without an outstanding account, and Odoo then records payments without any journal
        entry: the cash never moves and the receivable stays open. Cooperatives keep no bank
        statements to reconcile against, so no transit account is wanted either.
        Payments already recorded without an entry get theirs, reconciled with their invoices."""
        journals = self.env["account.journal"].search(
            [("company_id", "in", self.ids), ("type", "in", ("cash", "bank"))]
        )
        for journal in journals:
            methods = journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
            methods.filtered(lambda m: not m.payment_account_id).payment_account_id = journal.default_account_id
        payments = self.env["account.payment"].search(
            [
                ("journal_id", "in", journals.ids),
                ("move_id", "=", False),
                ("state", "in", ("in_process", "paid")),
            ]
        )
        payments._compute_outstanding_account_id()
        payments._generate_journal_entry()
        payments.move_id.action_post()
        for payment in payments:
            counterpart = payment.move_id.line_ids.filtered(
                lambda li, p=payment: li.account_id == p.destination_account_id
            )
            invoice_lines = payment.invoice_ids.line_ids.filtered(
                lambda li, a=counterpart.account_id: li.account_id == a and not li.reconciled
            )
            if invoice_lines:
                (counterpart + invoice_lines).reconcile()
