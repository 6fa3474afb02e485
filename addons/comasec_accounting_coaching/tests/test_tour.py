"""Browser tour (static/tests/tours/comasec_accounting_tours.js) in headless Chromium.

Odoo's HttpCase raises unittest.SkipTest when no Chrome or Chromium is installed, so this
test is reported as skipped, not failed, on a machine without a browser."""

import re
from html import unescape

from odoo import Command
from odoo.addons.comasec_coop.tests.common import TourScreenshotCase, prepare_browser_server
from odoo.tests import HttpCase, tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestBookkeeperTour(ComasecAccountingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tax20 = cls.env["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Huile d'argan 1 L",
                "default_code": "TIF-ARG-1L",
                "list_price": 101.25,
                "taxes_id": [Command.set(tax20.ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Épicerie Imintanoute",
                "is_company": True,
                "company_registry": "002136093000040",
                "country_id": cls.env.ref("base.ma").id,
            }
        )

    def test_bookkeeper_enters_and_posts_a_sale(self):
        # The onboarding wizard gave the bookkeeper their cooperative's company only.
        self.assertEqual(self.bookkeeper.company_ids, self.company)
        self.assertTrue(self.bookkeeper.has_group("comasec_coop.comasec_coop_group_bookkeeper"))
        prepare_browser_server(self.env)
        self.start_tour("/odoo", "comasec_accounting_bookkeeper_invoice", login=self.bookkeeper.login)

        invoice = self.env["account.move"].search(
            [("partner_id", "=", self.customer.id), ("move_type", "=", "out_invoice")]
        )
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "company_id": self.company.id,
                    "amount_untaxed": 303.75,
                    "amount_total": 364.5,
                    "create_uid": self.bookkeeper.id,
                }
            ],
        )
        self.assertRegex(invoice.name, r"^INV/\d{4}/\d+$")
        self.assertEqual(invoice.invoice_line_ids.product_id, self.product)
        self.assertEqual(
            invoice.comasec_amount_words,
            "Arrêtée la présente facture à la somme de trois cent soixante-quatre dirhams et cinquante centimes.",
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html("account.report_invoice", invoice.ids)
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html.decode())).split())
        for mention in (
            invoice.name,
            "ICE : 001561191000066",
            "IF : 12345678",
            "TP : 47101234",
            "inscription : T-101",
            "ICE client : 002136093000040",
            invoice.comasec_amount_words,
        ):
            self.assertIn(mention, text)


@tagged("post_install", "-at_install")
class TestBookkeeperDayTour(TourScreenshotCase):
    """The demo bookkeeper's day (tour comasec_accounting_bookkeeper_day) in English, French
    and Arabic, as the demo bookkeeper the onboarding wizard made (password = login)."""

    LOGIN = "compta.tifaout@example.ma"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bookkeeper = cls.env["res.users"].search([("login", "=", cls.LOGIN)])
        if not cls.bookkeeper:
            cls.skipTest(cls, "installed without demo data")
        cls.company = cls.bookkeeper.company_id
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        # the terms of the screens the tour goes through, not of every installed module
        cls.env["ir.module.module"].search(
            [("name", "in", ("web", "account", "comasec_coop", "comasec_accounting_coaching"))]
        )._update_translations(["fr_FR", "ar_001"])

    def test_bookkeeper_day(self):
        prepare_browser_server(self.env)
        receipts = self.env["account.move"]
        for lang in ("en_US", "fr_FR", "ar_001"):
            with self.subTest(lang=lang):
                self.bookkeeper.lang = lang
                self.start_tour("/odoo", "comasec_accounting_bookkeeper_day", login=self.LOGIN)
                receipt = self.env["account.move"].search(
                    [
                        ("move_type", "=", "out_receipt"),
                        ("create_uid", "=", self.bookkeeper.id),
                        ("id", "not in", receipts.ids),
                    ]
                )
                receipts |= receipt
                self.assertRecordValues(
                    receipt,
                    [{"company_id": self.company.id, "state": "posted", "amount_total": 730.0, "amount_residual": 0.0}],
                )
                # prices from the products: 320.00 the litre of food argan oil, 45.00 the jar of amlou
                self.assertEqual(
                    sorted(receipt.invoice_line_ids.mapped(lambda li: (li.quantity, li.price_unit))),
                    [(2, 45.0), (2, 320.0)],
                )
                cash = self.env["account.move.line"].search(
                    [("move_id.origin_payment_id.invoice_ids", "=", receipt.id), ("debit", ">", 0)]
                )
                self.assertEqual((cash.journal_id.type, cash.debit), ("cash", 730.0))
                code = cash.account_id.with_company(self.company).code
                self.assertTrue(code.startswith("5161"), code)
                bill = self.env["account.move"].search(
                    [("move_type", "=", "in_invoice"), ("create_uid", "=", self.bookkeeper.id)],
                    order="id desc",
                    limit=1,
                )
                self.assertRecordValues(
                    bill,
                    [
                        {
                            "company_id": self.company.id,
                            "amount_total": 300.0,
                            "partner_id": self.env.ref("comasec_coop.demo_person_argan_tiznit_1").id,
                        }
                    ],
                )
