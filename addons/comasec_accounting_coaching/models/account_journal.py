from odoo import api, fields, models

from ..tools.vat_deduction import DGI_PAYMENT_MODES


class AccountJournal(models.Model):
    _inherit = "account.journal"

    comasec_dgi_payment_mode = fields.Selection(
        DGI_PAYMENT_MODES,
        string="Payment mode for the DGI",
        compute="_compute_comasec_dgi_payment_mode",
        store=True,
        readonly=False,
        help="How the payments of this journal are declared in the VAT deductions statement: cash for a cash "
        "journal, bank transfer for a bank journal; choose cheque for a journal of cheques.",
    )

    @api.depends("type")
    def _compute_comasec_dgi_payment_mode(self):
        modes = {"cash": "1", "bank": "4"}
        for journal in self:
            journal.comasec_dgi_payment_mode = modes.get(journal.type, "7")
