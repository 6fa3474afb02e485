from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_text_param
from odoo.exceptions import UserError

from ..tools.amount_words import amount_in_words
from ..tools.surplus import to_cents
from ..tools.vat_deduction import prorate
from .res_config_settings import CUSTOMER_ICE_POLICY_KEY


class AccountMove(models.Model):
    _inherit = "account.move"

    comasec_amount_words = fields.Char(
        string="Amount in words", compute="_compute_comasec_amount_words", help="Printed on Moroccan invoices."
    )
    comasec_amount_words_ar = fields.Char(string="Amount in words (Arabic)", compute="_compute_comasec_amount_words")
    comasec_customer_ice_missing = fields.Boolean(compute="_compute_comasec_customer_ice_missing")

    @api.depends("amount_total", "currency_id", "partner_id.lang")
    def _compute_comasec_amount_words(self):
        for move in self:
            move.comasec_amount_words = move._comasec_amount_phrase("fr_FR")
            lang = move.partner_id.lang or ""
            move.comasec_amount_words_ar = move._comasec_amount_phrase(lang) if lang.startswith("ar") else False

    def _comasec_amount_phrase(self, lang):
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        currency = self.currency_id.with_context(lang=lang if lang in installed else "en_US")
        words = amount_in_words(
            abs(self.amount_total),
            lang=lang,
            unit=currency.currency_unit_label or currency.name,
            subunit=currency.currency_subunit_label or "",
        )
        if lang.startswith("ar"):
            return f"حصرت هذه الفاتورة في مبلغ {words}."
        return f"Arrêtée la présente facture à la somme de {words}."

    @api.depends("partner_id.commercial_partner_id.company_registry", "partner_id.country_id", "move_type")
    def _compute_comasec_customer_ice_missing(self):
        for move in self:
            move.comasec_customer_ice_missing = move._comasec_needs_customer_ice()

    def _comasec_is_cooperative_sale(self):
        self.ensure_one()
        return self.is_sale_document(include_receipts=False) and self.company_id.partner_id.comasec_is_cooperative

    def _comasec_needs_customer_ice(self):
        """A Moroccan business customer of a cooperative without an ICE."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        return bool(
            self._comasec_is_cooperative_sale()
            and customer.is_company
            and customer.country_id.code in (False, "MA")
            and not customer.company_registry
        )

    def _post(self, soft=True):
        self._comasec_check_moroccan_mentions()
        return super()._post(soft=soft)

    def _comasec_check_moroccan_mentions(self):
        """Refuse to post a cooperative's invoice lacking the mentions CGI art. 145-III requires."""
        policy = get_text_param(self.env, CUSTOMER_ICE_POLICY_KEY)
        for move in self.filtered(lambda m: m._comasec_is_cooperative_sale()):
            seller = move.company_id.partner_id
            missing = []
            if not seller.company_registry:
                missing.append(self.env._("ICE"))
            if not seller.comasec_coop_if:
                missing.append(self.env._("IF (identifiant fiscal)"))
            if missing:
                raise UserError(
                    self.env._(
                        "The invoice %(move)s cannot be posted: the %(missing)s of the cooperative %(coop)s "
                        "is missing. Fill it on the cooperative.",
                        move=move.display_name,
                        missing=self.env._(" and ").join(missing),
                        coop=seller.name,
                    )
                )
            if policy == "refuse" and move._comasec_needs_customer_ice():
                raise UserError(
                    self.env._(
                        "The invoice %(move)s cannot be posted: the customer %(customer)s is a business without "
                        "an ICE. Fill the customer's ICE.",
                        move=move.display_name,
                        customer=move.partner_id.commercial_partner_id.name,
                    )
                )

    @api.model
    def _comasec_vat_deductions(self, company, date_from, date_to):
        """The VAT deductions of ``company`` from ``date_from`` to ``date_to``: one dict per
        payment of a posted supplier bill, and per VAT rate of the bill, in centimes.

        Moroccan VAT is deducted when the bill is paid (CGI art. 101-3°): a payment counts on
        the later of its date and the bill's (the date of the reconciliation, as Odoo's
        cash-basis taxes take it) and deducts the bill's VAT in the proportion of the bill it
        pays. A refund set off against a bill is no payment: the bill's payments then cover
        a smaller remainder and deduct its VAT net of the refund. A refund the supplier pays
        back counts negative. Read with the caller's rights, in ``company``."""
        Partial = self.env["account.partial.reconcile"].with_company(company)
        supplier_types = ("in_invoice", "in_refund")
        partials = Partial.search(
            [
                ("company_id", "=", company.id),
                ("max_date", ">=", date_from),
                ("max_date", "<=", date_to),
                "|",
                ("debit_move_id.move_id.move_type", "in", supplier_types),
                ("credit_move_id.move_id.move_type", "in", supplier_types),
            ],
            order="max_date, id",
        )
        rows = []
        for partial in partials:
            sides = partial.debit_move_id.move_id | partial.credit_move_id.move_id
            bills = sides.filtered(lambda m: m.move_type in supplier_types and m.state == "posted")
            if len(bills) != 1 or sides.filtered(lambda m: m.is_invoice(include_receipts=True)) != bills:
                continue  # a bill set off against a refund (or a customer invoice): no money paid
            bill, payment = bills, sides - bills
            total = to_cents(abs(bill.amount_total_signed))
            paid = to_cents(partial.amount)
            sign = -1 if bill.move_type == "in_refund" else 1
            for rate, base, tax in bill._comasec_vat_by_rate():
                mht, tva = prorate(base, paid, total), prorate(tax, paid, total)
                rows.append(
                    {
                        "bill": bill,
                        "num": bill.ref or bill.name,
                        "des": bill._comasec_vat_description(),
                        "mht": sign * mht,
                        "tva": sign * tva,
                        "ttc": sign * (mht + tva),
                        "supplier": bill.commercial_partner_id,
                        "supplier_if": bill.commercial_partner_id.comasec_coop_if or "",
                        "supplier_name": bill.commercial_partner_id.name,
                        "supplier_ice": bill.commercial_partner_id.company_registry or "",
                        "rate": rate,
                        "mode": payment.journal_id.comasec_dgi_payment_mode or "7",
                        "payment_date": payment.date,
                        "invoice_date": bill.invoice_date or bill.date,
                    }
                )
        return rows

    def _comasec_vat_by_rate(self):
        """[(rate %, base, VAT)] in centimes of this bill's percentage VAT, positive."""
        self.ensure_one()
        by_rate = {}
        for line in self.line_ids:
            if line.tax_line_id.amount_type == "percent" and line.tax_line_id.amount:
                by_rate.setdefault(line.tax_line_id.amount, [0, 0])[1] += line.balance
            elif line.display_type == "product":
                for tax in line.tax_ids.filtered(lambda t: t.amount_type == "percent" and t.amount):
                    by_rate.setdefault(tax.amount, [0, 0])[0] += line.balance
        return [(rate, abs(to_cents(base)), abs(to_cents(tax))) for rate, (base, tax) in sorted(by_rate.items()) if tax]

    def _comasec_vat_description(self):
        """What was bought: the bill's first product or line label."""
        self.ensure_one()
        first = self.invoice_line_ids.filtered(lambda li: li.display_type == "product")[:1]
        return (first.product_id.name or first.name or self.ref or self.name or "")[:200]
