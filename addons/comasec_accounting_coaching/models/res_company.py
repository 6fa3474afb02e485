from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_text_param
from odoo.exceptions import UserError
from odoo.osv.expression import AND, OR
from odoo.tools import date_utils

from .comasec_accounting_sales_report import SALE_TYPES

P = "comasec_accounting_coaching."
# company field: setting holding the CGNC code of its default account
ACCOUNT_SETTINGS = {
    "comasec_legal_reserve_account_id": P + "legal_reserve_account_code",
    "comasec_statutory_reserve_account_id": P + "statutory_reserve_account_code",
    "comasec_ristourne_account_id": P + "ristourne_account_code",
    "comasec_wage_expense_account_id": P + "wage_expense_account_code",
    "comasec_social_charges_account_id": P + "social_charges_account_code",
    "comasec_cnss_payable_account_id": P + "cnss_payable_account_code",
    "comasec_wages_payable_account_id": P + "wages_payable_account_code",
    "comasec_capital_account_id": P + "capital_account_code",
    "comasec_capital_unpaid_account_id": P + "capital_unpaid_account_code",
    "comasec_member_current_account_id": P + "member_current_account_code",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    comasec_legal_reserve_account_id = fields.Many2one(
        "account.account", string="Legal reserve account", check_company=True
    )
    comasec_statutory_reserve_account_id = fields.Many2one(
        "account.account", string="Statutory reserve account", check_company=True
    )
    comasec_ristourne_account_id = fields.Many2one(
        "account.account",
        string="Ristournes payable account",
        check_company=True,
        help="Member payable credited with the ristournes of the surplus allocation.",
    )
    comasec_wage_expense_account_id = fields.Many2one(
        "account.account", string="Gross wages account", check_company=True
    )
    comasec_social_charges_account_id = fields.Many2one(
        "account.account", string="Employer social charges account", check_company=True
    )
    comasec_cnss_payable_account_id = fields.Many2one(
        "account.account", string="CNSS payable account", check_company=True
    )
    comasec_wages_payable_account_id = fields.Many2one(
        "account.account", string="Net wages payable account", check_company=True
    )

    comasec_capital_account_id = fields.Many2one("account.account", string="Capital account", check_company=True)
    comasec_capital_unpaid_account_id = fields.Many2one(
        "account.account",
        string="Subscribed capital not paid account",
        check_company=True,
        help="Members' subscribed and called capital not paid up yet (3462).",
    )
    comasec_member_current_account_id = fields.Many2one(
        "account.account",
        string="Members' current accounts",
        check_company=True,
        help="Credited with the paid-up capital a reduction owes to a member (4463).",
    )

    comasec_cnss_scheme = fields.Selection(
        [("general", "General scheme (monthly)"), ("agricultural", "Agricultural scheme (quarterly)")],
        string="CNSS declarations",
        default="general",
        required=True,
        help="A cooperative under the CNSS agricultural scheme declares its workers each quarter, others each month.",
    )

    def _comasec_fiscal_year(self, on_date):
        """(first day, last day) of the company's fiscal year holding ``on_date``, from its last
        month and day: Community's compute_fiscalyear_dates always answers the calendar year."""
        self.ensure_one()
        return date_utils.get_fiscal_year(on_date, day=self.fiscalyear_last_day, month=int(self.fiscalyear_last_month))

    def _comasec_turnover(self, on_date):
        """{company id: (first day, last day, turnover)}: each company's sales excluding tax in
        its fiscal year holding ``on_date``, from its posted customer invoices, receipts and
        credit notes; one grouped query for all the companies."""
        years = {company.id: company._comasec_fiscal_year(on_date) for company in self}
        if not years:
            return {}
        # the companies whose fiscal years are the same dates, one branch of the domain each
        by_year = {}
        for company_id, year in years.items():
            by_year.setdefault(year, []).append(company_id)
        groups = self.env["account.move"]._read_group(
            AND(
                [
                    [("state", "=", "posted"), ("move_type", "in", SALE_TYPES)],
                    OR(
                        [
                            [("company_id", "in", ids), ("invoice_date", ">=", start), ("invoice_date", "<=", end)]
                            for (start, end), ids in by_year.items()
                        ]
                    ),
                ]
            ),
            ["company_id"],
            ["amount_untaxed_signed:sum"],
        )
        totals = {company.id: amount for company, amount in groups}
        return {
            company.id: (*years[company.id], company.currency_id.round(totals.get(company.id, 0.0))) for company in self
        }

    @api.model
    def _comasec_cooperative_companies(self):
        # sudo: every onboarded cooperative's company, whoever asks (an administrator
        # activating a language); only the companies are returned.
        return self.env["res.partner"].sudo().search([("comasec_coop_company_id", "!=", False)]).comasec_coop_company_id

    def install_l10n_modules(self):
        # The onboarding wizard loads the chart of the company it creates itself, at once, to
        # set the suite's accounts and post the capital in the same transaction. Odoo would
        # load it a second time when the transaction commits (a reload, about a third of an
        # onboarding; l10n_ma is installed with this module).
        if self.env.context.get("comasec_onboarding"):
            return False
        return super().install_l10n_modules()

    def write(self, vals):
        res = super().write(vals)
        if "fiscalyear_last_month" in vals:
            # sudo: the cooperative's record mirrors its company's fiscal year (read by the
            # compliance rules); the company is the source.
            coops = self.sudo().partner_id.filtered("comasec_coop_company_id")
            for coop in coops:
                coop.comasec_coop_fiscal_year_end_month = coop.comasec_coop_company_id.fiscalyear_last_month
        return res

    def _comasec_is_vat_registered(self):
        """Whether this cooperative's company is registered for VAT, as its tax regime says."""
        self.ensure_one()
        # sudo: the regime is kept on the cooperative, which bookkeepers read but may not set
        return self.partner_id.sudo().comasec_vat_registered

    def _comasec_label_taxes(self):
        """Name the default sales and purchase taxes of these (cooperatives') companies "VAT 20%"
        in every installed language, on the screens (the tax's name) and on the documents
        (its label on invoices). l10n_ma names them after the boxes of the VAT return
        ("20% 80"), which a cooperative's bookkeeper cannot read, and its French label on
        invoices is the box's description. Other companies keep Odoo's names."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for company in self:
            for tax in company.account_sale_tax_id | company.account_purchase_tax_id:
                if tax.amount_type != "percent":
                    continue
                rate = f"{tax.amount:g}%"
                # no lang: the English source, kept even when English is not installed
                labels = {
                    lang: self.with_context(lang=lang if lang != "en_US" else False).env._("VAT %(rate)s", rate=rate)
                    for lang in {*langs, "en_US"}
                }
                if tax.search_count(
                    [
                        ("company_id", "=", company.id),
                        ("type_tax_use", "=", tax.type_tax_use),
                        ("name", "=", labels["en_US"]),
                        ("id", "!=", tax.id),
                    ]
                ):
                    continue  # the name is taken by another tax of the company: keep Odoo's
                tax.update_field_translations("name", labels)
                tax.update_field_translations("invoice_label", labels)

    def _comasec_check_accounts(self, missing):
        """Refuse an entry whose accounts ``missing`` (their labels) are not set in this
        company's accounting configuration, naming them."""
        self.ensure_one()
        if missing:
            raise UserError(
                self.env._(
                    "Set the %(accounts)s of %(company)s (in the company's accounting configuration) first.",
                    accounts=", ".join(missing),
                    company=self.name,
                )
            )

    def _comasec_set_default_accounts(self):
        """Give each company the accounts named by the settings' CGNC codes, found in its own chart."""
        for company in self:
            Account = self.env["account.account"].with_company(company)
            vals = {}
            for fname, key in ACCOUNT_SETTINGS.items():
                code = get_text_param(self.env, key)
                if code and not company[fname]:
                    vals[fname] = Account.search(
                        [("company_ids", "in", company.ids), ("code", "=like", f"{code}%")], order="code", limit=1
                    ).id
            company.write(vals)

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
