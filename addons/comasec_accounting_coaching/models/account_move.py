from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_text_param
from odoo.exceptions import UserError

from ..tools.amount_words import amount_in_words
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
        return self.is_sale_document(include_receipts=False) and self.company_id.partner_id.is_cooperative

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
            if not seller.coop_if:
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
