import re
from html import unescape

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestMoroccanInvoice(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.tax20 = cls.env_a["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        cls.customer = cls.env_a["res.partner"].create(
            {
                "name": "Épicerie Souss",
                "is_company": True,
                "company_registry": "002136093000040",
                "country_id": cls.env.ref("base.ma").id,
            }
        )

    def _invoice(self, partner=None, env=None):
        env = env or self.env_a
        return env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Huile d'argan 1 L",
                            "quantity": 3,
                            "price_unit": 101.25,
                            "tax_ids": [Command.set(self.tax20.ids)],
                        }
                    )
                ],
            }
        )

    def _html(self, invoice):
        """The printed invoice as the text a reader sees."""
        html, _kind = self.env["ir.actions.report"]._render_qweb_html("account.report_invoice", invoice.ids)
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", html.decode())).split())

    def test_post_and_print_mentions(self):
        self.assertTrue(self.tax20, "l10n_ma sale VAT 20% exists in the cooperative's company")
        invoice = self._invoice()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 364.5)
        self.assertEqual(
            invoice.comasec_amount_words,
            "Arrêtée la présente facture à la somme de trois cent soixante-quatre dirhams et cinquante centimes.",
        )
        html = self._html(invoice)
        for mention in (
            "ICE : 001561191000066",
            "IF : 12345678",
            "TP : 47101234",
            "inscription : T-101",
            "ICE client : 002136093000040",
            "Arrêtée la présente facture à la somme de trois cent soixante-quatre dirhams et cinquante centimes.",
            invoice.name,
        ):
            self.assertTrue(mention in html, f"{mention} is printed")
        # the amount in words is said once, in French, not again by Odoo in English
        self.assertTrue(self.company.display_invoice_amount_total_words, "l10n_ma asks for the amount in words")
        self.assertNotIn(invoice.amount_total_words, html)
        self.assertEqual(html.count("Arrêtée la présente facture"), 1)

    def test_arabic_partner_gets_arabic_words(self):
        """Arabic installed after the addon: the dirham and centime words come with its terms
        (the addon's ar.po translates base.MAD's currency labels)."""
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["comasec_accounting_coaching"], ["ar_001"])
        mad = self.env.ref("base.MAD").with_context(lang="ar_001")
        self.assertEqual((mad.currency_unit_label, mad.currency_subunit_label), ("درهم", "سنتيم"), "ar.po's labels")
        self.customer.lang = "ar_001"
        invoice = self._invoice()
        invoice.action_post()
        self.assertIn("درهم", invoice.comasec_amount_words_ar)
        self.assertIn("سنتيم", invoice.comasec_amount_words_ar)
        self.assertTrue(invoice.comasec_amount_words_ar in self._html(invoice))

    def test_post_refused_without_seller_ice_or_if(self):
        self.coop.write({"company_registry": False, "comasec_coop_if": False})
        invoice = self._invoice()
        with self.assertRaisesRegex(UserError, r"ICE and IF \(identifiant fiscal\) of the cooperative"):
            invoice.action_post()
        self.assertEqual(invoice.state, "draft")

    def test_customer_without_ice(self):
        shop = self.env_a["res.partner"].create({"name": "Bazar Agadir", "is_company": True})
        person = self.env_a["res.partner"].create({"name": "Aicha"})
        invoice = self._invoice(shop)
        self.assertTrue(invoice.comasec_customer_ice_missing)
        self.assertFalse(self._invoice(person).comasec_customer_ice_missing)
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.customer_ice_policy", "refuse")
        with self.assertRaisesRegex(UserError, "Bazar Agadir is a business without an ICE"):
            invoice.action_post()
        self.assertEqual(invoice.state, "draft")
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.customer_ice_policy", "warning")
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_posting_in_locked_period_refused(self):
        self.company.sudo().fiscalyear_lock_date = "2030-12-31"
        invoice = self._invoice()
        with self.assertRaisesRegex(UserError, "(?i)lock date"):
            invoice.action_post()
