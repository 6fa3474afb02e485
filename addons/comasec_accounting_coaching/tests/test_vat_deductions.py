import base64
import io
from datetime import date

import openpyxl
from lxml import etree

from odoo import Command
from odoo.addons.comasec_coop.tests.common import RpcCase
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..tools.vat_deduction import deduction_xml, prorate
from .common import ComasecAccountingCase

SUPPLIER_ICE = "000076447000091"


@tagged("post_install", "-at_install")
class TestVatDeductionTools(TransactionCase):
    def test_prorate(self):
        self.assertEqual(prorate(100000, 60000, 120000), 50000)
        self.assertEqual(prorate(20000, 96000, 120000), 16000)
        # half up, away from zero: 1/3 of 1.00 is 0.33, 2/3 is 0.67
        self.assertEqual(prorate(100, 1, 3), 33)
        self.assertEqual(prorate(100, 2, 3), 67)
        with self.assertRaises(ValueError):
            prorate(100, 1, 0)

    def test_xml_escapes_and_rate_formats(self):
        row = {
            "num": "F<1>",
            "des": "Bocaux & couvercles",
            "mht": -10000,
            "tva": -2000,
            "ttc": -12000,
            "supplier_if": "11223344",
            "supplier_name": "Verre & Cie",
            "supplier_ice": SUPPLIER_ICE,
            "rate": 20.0,
            "mode": "2",
            "payment_date": date(2026, 3, 2),
            "invoice_date": date(2026, 3, 1),
        }
        header = {"if": "12345678", "year": 2026, "period": 3, "regime": 1}
        root = etree.fromstring(deduction_xml(header, [row]))
        self.assertEqual(root.findtext("releveDeductions/rd/des"), "Bocaux & couvercles")
        self.assertEqual(root.findtext("releveDeductions/rd/refF/nom"), "Verre & Cie")
        self.assertEqual(root.findtext("releveDeductions/rd/mht"), "-100.00")
        self.assertEqual(root.findtext("releveDeductions/rd/tx"), "0.2")
        percent = etree.fromstring(deduction_xml(header, [row], rate_as_fraction=False))
        self.assertEqual(percent.findtext("releveDeductions/rd/tx"), "20")


@tagged("post_install", "-at_install")
class TestVatDeductionStatement(ComasecAccountingCase):
    """March 2026 of a VAT-registered cooperative: a bill paid in part (the rest in April), a
    bill at two rates paid in cash, an unpaid bill, a bill reduced by a refund and paid the
    rest, and a refund the supplier paid back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write({"vat": "MA12345678", "comasec_vat_registered": True})
        cls.other_coop.write({"vat": "MA87654321", "comasec_vat_registered": True})
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.env_b = cls.company_env(cls.other_bookkeeper, cls.other_company)
        cls.supplier = cls.env["res.partner"].create(
            {
                "name": "Verrerie du Souss",
                "is_company": True,
                "comasec_coop_if": "11223344",
                "company_registry": SUPPLIER_ICE,
            }
        )
        cls.jars = cls.env["product.product"].create({"name": "Bocaux en verre"})
        cls.vat20 = cls.company.account_purchase_tax_id
        cls.vat10 = cls.env["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "purchase"), ("amount", "=", 10)], limit=1
        )
        cls.bank = cls.journal(cls.env_a, "bank")
        cls.cash = cls.journal(cls.env_a, "cash")

        cls.partly_paid = cls.bill(cls.env_a, "in_invoice", "F-101", date(2026, 2, 20), [(1000, cls.vat20)])
        cls.pay(cls.env_a, cls.partly_paid, cls.bank, date(2026, 3, 5), 600)
        cls.pay(cls.env_a, cls.partly_paid, cls.bank, date(2026, 4, 2))
        cls.two_rates = cls.bill(
            cls.env_a, "in_invoice", "F-102", date(2026, 3, 10), [(500, cls.vat20), (300, cls.vat10)]
        )
        cls.pay(cls.env_a, cls.two_rates, cls.cash, date(2026, 3, 15))
        cls.unpaid = cls.bill(cls.env_a, "in_invoice", "F-103", date(2026, 3, 12), [(400, cls.vat20)])
        cls.refunded = cls.bill(cls.env_a, "in_invoice", "F-104", date(2026, 3, 1), [(1000, cls.vat20)])
        refund = cls.bill(cls.env_a, "in_refund", "AV-104", date(2026, 3, 8), [(200, cls.vat20)])
        refund_line = refund.line_ids.filtered(lambda li: li.account_type == "liability_payable")
        cls.refunded.js_assign_outstanding_line(refund_line.id)
        cls.pay(cls.env_a, cls.refunded, cls.bank, date(2026, 3, 20))
        january = cls.bill(cls.env_a, "in_invoice", "F-090", date(2026, 1, 10), [(500, cls.vat20)])
        cls.pay(cls.env_a, january, cls.bank, date(2026, 1, 15))
        cls.paid_back = cls.bill(cls.env_a, "in_refund", "AV-090", date(2026, 3, 2), [(100, cls.vat20)])
        cls.pay(cls.env_a, cls.paid_back, cls.bank, date(2026, 3, 25))
        # the other cooperative's bill, paid in March too
        other_bank = cls.journal(cls.env_b, "bank")
        cls.other_bill = cls.bill(
            cls.env_b, "in_invoice", "F-900", date(2026, 3, 3), [(700, cls.other_company.account_purchase_tax_id)]
        )
        cls.pay(cls.env_b, cls.other_bill, other_bank, date(2026, 3, 4))

    @classmethod
    def journal(cls, env, kind):
        return env["account.journal"].search([("type", "=", kind), ("company_id", "=", env.company.id)], limit=1)

    @classmethod
    def bill(cls, env, move_type, ref, on_date, lines):
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.supplier.id,
                "ref": ref,
                "invoice_date": on_date,
                "invoice_line_ids": [
                    Command.create({"product_id": cls.jars.id, "quantity": 1, "price_unit": price, "tax_ids": tax.ids})
                    for price, tax in lines
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def pay(cls, env, move, journal, on_date, amount=None):
        vals = {"journal_id": journal.id, "payment_date": on_date}
        if amount:
            vals["amount"] = amount
        env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
            vals
        )._create_payments()

    def statement(self, env, **vals):
        return env["comasec.vat.deduction.statement"].create(
            {"company_id": env.company.id, "periodicity": "monthly", "year": 2026, "period": 3, **vals}
        )

    def xml_of(self, wizard):
        action = wizard.action_export_xml()
        self.assertIn("/file_data/", action["url"])
        self.assertTrue(wizard.file_name.endswith(".xml"))
        return etree.fromstring(base64.b64decode(wizard.file_data))

    def test_lines_follow_the_payments_of_the_month(self):
        rows = self.statement(self.env_a)._rows()
        got = sorted(
            (r["num"], r["rate"], r["mht"], r["tva"], r["ttc"], r["mode"], str(r["payment_date"])) for r in rows
        )
        self.assertEqual(
            got,
            [
                # the refund the supplier paid back counts negative
                ("AV-090", 20.0, -10000, -2000, -12000, "4", "2026-03-25"),
                # half the bill paid in March deducts half its VAT; April's payment is April's
                ("F-101", 20.0, 50000, 10000, 60000, "4", "2026-03-05"),
                # one line per rate, paid in cash
                ("F-102", 10.0, 30000, 3000, 33000, "1", "2026-03-15"),
                ("F-102", 20.0, 50000, 10000, 60000, "1", "2026-03-15"),
                # the refund set off is no payment: the 960 paid deduct the VAT net of it
                ("F-104", 20.0, 80000, 16000, 96000, "4", "2026-03-20"),
            ],
        )
        self.assertNotIn(self.unpaid, [r["bill"] for r in rows])
        self.assertNotIn(self.other_bill, [r["bill"] for r in rows])

    def test_xml_as_the_bookkeeper(self):
        root = self.xml_of(self.statement(self.env_a))
        self.assertEqual(root.tag, "DeclarationReleveDeduction")
        self.assertEqual(
            [root.findtext(tag) for tag in ("identifiantFiscal", "annee", "periode", "regime")],
            ["12345678", "2026", "3", "1"],
        )
        rds = root.findall("releveDeductions/rd")
        self.assertEqual([rd.findtext("ord") for rd in rds], ["1", "2", "3", "4", "5"])
        self.assertEqual(sum(float(rd.findtext("tva")) for rd in rds), 370.0)  # 100 + 100 + 30 + 160 - 20
        first = next(rd for rd in rds if rd.findtext("num") == "F-101")
        self.assertEqual(
            {child.tag: child.text for child in first if len(child) == 0},
            {
                "ord": first.findtext("ord"),
                "num": "F-101",
                "des": "Bocaux en verre",
                "mht": "500.00",
                "tva": "100.00",
                "ttc": "600.00",
                "tx": "0.2",
                "dpai": "2026-03-05",
                "dfac": "2026-02-20",
            },
        )
        self.assertEqual(
            [first.findtext(f"refF/{tag}") for tag in ("if", "nom", "ice")],
            ["11223344", "Verrerie du Souss", SUPPLIER_ICE],
        )
        self.assertEqual(first.findtext("mp/id"), "4")

    def test_xlsx_as_a_supervisor(self):
        supervisor = self.company_env(self.users["supervisor"], self.company)
        wizard = self.statement(supervisor)
        wizard.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertIn("Coopérative Tifawin", rows[0][0])
        self.assertEqual(rows[2][:4], ["No.", "Invoice number", "Description", "Amount excl. tax"])
        body = rows[3:-1]
        self.assertEqual(len(body), 5)
        f101 = next(row for row in body if row[1] == "F-101")
        self.assertEqual(f101[3:10], [500.0, 100.0, 600.0, "11223344", "Verrerie du Souss", SUPPLIER_ICE, 20])
        self.assertEqual(f101[10], "Bank transfer")
        self.assertEqual((f101[11].date(), f101[12].date()), (date(2026, 3, 5), date(2026, 2, 20)))
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(rows[-1][4], 370.0)

    def test_quarter(self):
        root = self.xml_of(self.statement(self.env_a, periodicity="quarterly", period=1))
        self.assertEqual([root.findtext("periode"), root.findtext("regime")], ["1", "2"])
        self.assertIn("F-090", [rd.findtext("num") for rd in root.findall("releveDeductions/rd")])

    def test_refusals(self):
        with self.assertRaisesRegex(UserError, "period 13 does not exist"):
            self.statement(self.env_a, period=13).action_export_xml()
        with self.assertRaisesRegex(UserError, "period 5 does not exist"):
            self.statement(self.env_a, periodicity="quarterly", period=5).action_export_xlsx()
        with self.assertRaisesRegex(UserError, "nothing to deduct"):
            self.statement(self.env_a, period=2).action_export_xlsx()
        with self.assertRaisesRegex(UserError, "has not begun"):
            self.statement(self.env_a, year=2099, period=1).action_export_xlsx()
        self.other_coop.comasec_vat_registered = False
        with self.assertRaisesRegex(UserError, "not registered for VAT"):
            self.statement(self.env_b).action_export_xml()
        # a bookkeeper cannot read another cooperative's statement
        with self.assertRaisesRegex(UserError, "companies you work in"):
            self.env_b["comasec.vat.deduction.statement"].create(
                {"company_id": self.company.id, "year": 2026, "period": 3}
            ).action_export_xlsx()

    def test_supplier_identifiers_needed_for_the_xml(self):
        self.supplier.comasec_coop_if = False
        wizard = self.statement(self.env_a)
        with self.assertRaisesRegex(UserError, "IF and the ICE of every supplier.*Verrerie du Souss"):
            wizard.action_export_xml()
        self.assertFalse(wizard.file_data)
        wizard.action_export_xlsx()  # the worksheet still lists them, to check
        self.assertTrue(wizard.file_data)

    def test_rate_in_percent_setting(self):
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.vat_edi_rate_format", "percent")
        root = self.xml_of(self.statement(self.env_a))
        self.assertEqual({rd.findtext("tx") for rd in root.findall("releveDeductions/rd")}, {"20", "10"})


@tagged("post_install", "-at_install")
class TestVatDeductionStatementOverRpc(RpcCase, ComasecAccountingCase):
    def test_another_cooperatives_statement_is_refused(self):
        """A bookkeeper with a password asks for another cooperative's statement over JSON-RPC."""
        self.coop.write({"vat": "MA12345678", "comasec_vat_registered": True})
        self.other_bookkeeper.password = self.other_bookkeeper.login
        wizard_id = self.call_as(
            self.other_bookkeeper,
            "comasec.vat.deduction.statement",
            "create",
            {"company_id": self.company.id, "year": 2026, "period": 3},
        )
        self.assertRefused(
            self.other_bookkeeper,
            "comasec.vat.deduction.statement",
            "action_export_xml",
            [wizard_id],
            error="companies you work in",
        )
        self.assertFalse(self.env["comasec.vat.deduction.statement"].browse(wizard_id).file_data)
