import io

import openpyxl

from odoo import Command
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestXlsxExports(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        tax = cls.env_a["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        customer = cls.env_a["res.partner"].create({"name": "Client"})
        supplier = cls.env_a["res.partner"].create({"name": "Fournisseur"})
        moves = cls.env_a["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": cls.today,
                    "invoice_line_ids": [
                        Command.create({"name": "x", "quantity": 1, "price_unit": price, "tax_ids": taxes})
                    ],
                }
                for move_type, partner, price, taxes in (
                    ("out_invoice", customer, 1000.0, [Command.set(tax.ids)]),
                    ("out_invoice", customer, 250.5, []),
                    ("in_invoice", supplier, 300.0, []),
                )
            ]
        )
        moves.action_post()
        cls.ledger = cls.env["account.move.line"].search(
            [("company_id", "=", cls.company.id), ("parent_state", "=", "posted")]
        )

    def export(self, report):
        wizard = self.env_a["comasec.accounting.export"].create({"report": report})
        content = wizard._decode(wizard.action_export())
        return (
            openpyxl.load_workbook(io.BytesIO(content)),
            openpyxl.load_workbook(io.BytesIO(content), data_only=True),
        )

    def total_row(self, sheet, label_col):
        for row in sheet.iter_rows(min_row=5):
            if row[label_col].value and str(row[label_col].value).startswith("Total"):
                return row[0].row
        raise AssertionError("no total row")

    def test_trial_balance(self):
        formulas, values = self.export("trial_balance")
        sheet, cached = formulas["Balance"], values["Balance"]
        self.assertEqual(sheet.freeze_panes, "A5")
        row = self.total_row(sheet, 1)
        self.assertEqual(sheet.cell(row, 4).value, f"=SUM(D5:D{row - 1})")
        self.assertEqual(sheet.cell(5, 4).number_format, "#,##0.00")
        debit = sum(self.ledger.mapped("debit"))
        self.assertAlmostEqual(cached.cell(row, 4).value, debit, places=2)
        self.assertAlmostEqual(cached.cell(row, 5).value, sum(self.ledger.mapped("credit")), places=2)
        self.assertAlmostEqual(cached.cell(row, 6).value, 0.0, places=2)
        # the cached totals are what the formulas give
        self.assertAlmostEqual(sum(cached.cell(r, 4).value for r in range(5, row)), debit, places=2)

    def test_general_ledger(self):
        formulas, values = self.export("general_ledger")
        sheet, cached = formulas["Grand livre"], values["Grand livre"]
        self.assertEqual(sheet.freeze_panes, "A5")
        row = self.total_row(sheet, 6)
        self.assertEqual(row - 5, len(self.ledger), "one row per posted line")
        self.assertEqual(sheet.cell(row, 8).value, f"=SUM(H5:H{row - 1})")
        self.assertAlmostEqual(cached.cell(row, 8).value, sum(self.ledger.mapped("debit")), places=2)
        self.assertAlmostEqual(sum(cached.cell(r, 9).value for r in range(5, row)), cached.cell(row, 9).value, 2)

    def test_bilan_and_cpc(self):
        _formulas, values = self.export("statements")
        cpc = values["CPC"]
        labels = {cpc.cell(r, 2).value: cpc.cell(r, 3).value for r in range(5, cpc.max_row + 1)}
        self.assertAlmostEqual(labels["Total produits"], 1250.5, places=2)
        self.assertAlmostEqual(labels["Total charges"], 300.0, places=2)
        self.assertAlmostEqual(labels["Résultat net de l'exercice"], 950.5, places=2)
        bilan = values["Bilan"]
        totals = {bilan.cell(r, 2).value: bilan.cell(r, 3).value for r in range(5, bilan.max_row + 1)}
        self.assertAlmostEqual(totals["Total actif"], totals["Total passif"], places=2)
        receivable = sum(
            self.ledger.filtered(lambda li: li.account_id.with_company(self.company).code.startswith("34")).mapped(
                "balance"
            )
        )
        self.assertAlmostEqual(totals["Créances de l'actif circulant"], receivable, places=2)
