import re

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestSalesEntry(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.members = cls.add_members(cls.coop, 2)
        cls.outsider = cls.add_members(cls.other_coop, 1)
        cls.kernels = cls.env["product.product"].create({"name": "Amandons d'argan (kg)"})
        # the price paid to members is the cost of the produce in the cooperative's company
        cls.kernels.with_company(cls.company).standard_price = 12.0
        cls.oil = cls.env["product.product"].create({"name": "Huile d'argan 1 L", "list_price": 180.0})

    def test_member_deliveries_become_vendor_bills(self):
        form = Form(self.env_a["comasec.member.delivery"])
        # the bookkeeper's only company is their cooperative's: its members are offered
        self.assertEqual(form.cooperative_id, self.coop)
        offered = self.env_a["comasec.coop.member"].name_search(
            self.members[0].partner_id.name, [("cooperative_id", "=", form.cooperative_id.id), ("state", "=", "active")]
        )
        self.assertEqual([member_id for member_id, _name in offered], self.members[0].ids)
        for member, qty in ((self.members[0], 40), (self.members[1], 25), (self.members[0], 10)):
            with form.line_ids.new() as line:
                line.member_id = member
                line.product_id = self.kernels
                line.quantity = qty
        action = form.save().action_create_bills()
        bills = self.env_a["account.move"].search(action["domain"])
        self.assertEqual(len(bills), 2, "one bill per member")
        self.assertEqual(set(bills.mapped("move_type")), {"in_invoice"})
        bill = bills.filtered(lambda b: b.partner_id == self.members[0].partner_id)
        self.assertEqual(bill.amount_total, 600.0)
        self.assertEqual(bill.company_id, self.company)
        bill.action_post()
        self.assertEqual(bill.state, "posted")

    def test_negative_quantity_refused(self):
        # the members' capital register has its entries already
        entries = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.env_a["comasec.member.delivery"].create(
                {
                    "line_ids": [
                        Command.create({"member_id": self.members[0].id, "product_id": self.kernels.id, "quantity": -3})
                    ]
                }
            )
        self.assertEqual(self.env["account.move"].search_count([("company_id", "=", self.company.id)]), entries)

    def test_delivery_of_another_cooperative_member_refused(self):
        with self.assertRaisesRegex(Exception, "not an active member of"):
            self.env["comasec.member.delivery"].with_company(self.company).create(
                {
                    "company_id": self.company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "member_id": self.outsider.id,
                                "product_id": self.kernels.id,
                                "quantity": 1,
                                "price_unit": 1,
                            }
                        )
                    ],
                }
            )

    def cash_lines(self, receipt):
        """The receipt's cash-journal items, as the bookkeeper reads them in Journal Items."""
        return self.env_a["account.move.line"].search(
            [("journal_id.type", "=", "cash"), ("move_id.origin_payment_id.invoice_ids", "in", receipt.ids)]
        )

    def test_daily_cash_sales_receipt_paid_in_cash(self):
        form = Form(self.env_a["comasec.cash.sale"])
        self.assertEqual(form.journal_id.type, "cash")
        with form.line_ids.new() as line:
            line.product_id = self.oil
            line.quantity = 3
            line.price_unit = 180.0
        wizard = form.save()
        receipt = self.env_a["account.move"].browse(wizard.action_create()["res_id"])
        self.assertEqual(receipt.move_type, "out_receipt")
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(receipt.partner_id.company_id, self.company, "the cash customer belongs to the cooperative")
        # the cash account (CGNC 5161) receives the money, in the cash journal
        cash = self.cash_lines(receipt)
        debit = cash.filtered("debit")
        self.assertEqual(len(debit), 1)
        self.assertTrue(debit.account_id.code.startswith("5161"), debit.account_id.code)
        self.assertEqual(
            (debit.debit, debit.credit, debit.move_id.state), (648.0, 0.0, "posted"), "3 x 180.00 + 20% VAT"
        )
        # and the customer's receivable is settled: nothing is due on the receipt
        receivable = receipt.line_ids.filtered(lambda li: li.account_id.account_type == "asset_receivable")
        self.assertTrue(receivable.reconciled)
        self.assertEqual(receivable.account_id, cash.filtered("credit").account_id)
        self.assertEqual(receipt.amount_residual, 0.0)
        # a second day reuses the same cash customer
        second = self.env_a["comasec.cash.sale"].create(
            {"line_ids": [Command.create({"product_id": self.oil.id, "quantity": 1, "price_unit": 180.0})]}
        )
        again = self.env_a["account.move"].browse(second.action_create()["res_id"])
        self.assertEqual(again.partner_id, receipt.partner_id)

    def test_cash_sales_priced_and_taxed_from_the_products(self):
        tax20 = self.env["account.tax"].search(
            [("company_id", "=", self.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        honey = self.env["product.product"].create(
            {"name": "Miel de thym 500 g", "list_price": 150.0, "taxes_id": [Command.set(tax20.ids)]}
        )
        form = Form(self.env_a["comasec.cash.sale"])
        for product, qty in ((self.oil, 2), (honey, 1)):
            with form.line_ids.new() as line:
                line.product_id = product
                line.quantity = qty
        wizard = form.save()
        self.assertRecordValues(
            wizard.line_ids,
            [
                {"price_unit": 180.0, "tax_ids": tax20.ids, "amount_tax": 72.0, "amount_total": 432.0},
                {"price_unit": 150.0, "tax_ids": tax20.ids, "amount_tax": 30.0, "amount_total": 180.0},
            ],
        )
        receipt = self.env_a["account.move"].browse(wizard.action_create()["res_id"])
        self.assertEqual(receipt.amount_total, 612.0)
        self.assertEqual(self.cash_lines(receipt).filtered("debit").debit, 612.0)

    def test_cash_sale_taxes_read_as_vat_rates(self):
        """The bookkeeper reads "VAT 20%" on each taxed line of the form and of the receipt,
        not l10n_ma's box number "20% 80", also in a language activated after onboarding."""
        tax = self.company.account_sale_tax_id
        honey = self.env["product.product"].create(
            {"name": "Miel de thym 500 g", "list_price": 150.0, "taxes_id": [Command.set(tax.ids)]}
        )
        self.oil.taxes_id = tax
        form = Form(self.env_a["comasec.cash.sale"])
        for product in (self.oil, honey):
            with form.line_ids.new() as line:
                line.product_id = product
                self.assertEqual([t.display_name for t in line.tax_ids], ["VAT 20%"])
        receipt = self.env_a["account.move"].browse(form.save().action_create()["res_id"])
        self.assertEqual(receipt.invoice_line_ids.tax_ids.mapped("display_name"), ["VAT 20%"])
        self.env["res.lang"]._activate_lang("fr_FR")
        # Odoo's chart translations, loaded with the language, leave the name alone
        self.env["ir.module.module"]._load_module_terms(["account"], ["fr_FR"])
        for lang in ("en_US", "fr_FR"):
            html, _kind = (
                self.env_a["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_html("account.report_invoice", receipt.ids)
            )
            cells = re.findall(r'<span id="line_tax_ids">([^<]*)</span>', html.decode())
            self.assertEqual(len(cells), 2, "one tax cell per line")
            self.assertTrue(all(cell == "VAT 20%" for cell in cells), cells)
            self.assertNotIn("20% 80", html.decode())
        # in French, the label the addon's translation gives
        self.assertEqual(tax.with_context(lang="fr_FR").name, "TVA 20%")
        # a company the suite did not onboard keeps Odoo's names
        self.assertEqual(self.env.ref("base.main_company").account_sale_tax_id.name, "20% 80")

    def test_cash_sale_without_price_says_what_to_fix(self):
        free = self.env["product.product"].create({"name": "Savon à l'argan", "list_price": 0.0})
        form = Form(self.env_a["comasec.cash.sale"])
        with form.line_ids.new() as line:
            line.product_id = free
        with form.line_ids.new() as line:
            line.product_id = self.oil
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "Enter the unit price of Savon à l'argan"):
            wizard.action_create()
        self.assertFalse(self.env_a["account.move"].search_count([("move_type", "=", "out_receipt")]))

    def test_payments_recorded_before_the_fix_get_their_entry(self):
        """A cooperative onboarded before payments were posted: the upgrade posts its journals'
        payments to the cash account, those already recorded included."""
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "cash")])
        methods = journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
        methods.payment_account_id = False
        invoice = self.env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.members[0].partner_id.id,
                "invoice_line_ids": [Command.create({"product_id": self.oil.id, "price_unit": 180.0})],
            }
        )
        invoice.action_post()
        self.env_a["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"journal_id": journal.id}
        )._create_payments()
        self.assertFalse(self.cash_lines(invoice), "without an outstanding account, Odoo makes no entry")

        self.env["res.company"].search(
            [("partner_id.comasec_is_cooperative", "=", True)]
        )._comasec_book_payments_in_liquidity_accounts()

        debit = self.cash_lines(invoice).filtered("debit")
        self.assertEqual((debit.account_id, debit.debit), (journal.default_account_id, 216.0), "180.00 + 20% VAT")
        self.assertTrue(debit.account_id.code.startswith("5161"))
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(methods.payment_account_id, journal.default_account_id)
