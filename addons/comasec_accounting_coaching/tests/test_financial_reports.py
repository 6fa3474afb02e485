"""The OCA's ledgers, trial balance and VAT report, as the bookkeeper and the supervisor use
them from CoMaSec > Accounting > Reports (issue 17)."""

import io
import json

import openpyxl

from odoo import Command
from odoo.addons.comasec_coop.tests.common import FORMULA, LINKS, settings_user
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComasecAccountingCase

REPORTS = {
    # menu: (wizard, report of the screen and PDF, report of the workbook)
    "general_ledger": (
        "general.ledger.report.wizard",
        "account_financial_report.general_ledger",
        "a_f_r.report_general_ledger_xlsx",
    ),
    "trial_balance": (
        "trial.balance.report.wizard",
        "account_financial_report.trial_balance",
        "a_f_r.report_trial_balance_xlsx",
    ),
    "journal_ledger": (
        "journal.ledger.report.wizard",
        "account_financial_report.journal_ledger",
        "a_f_r.report_journal_ledger_xlsx",
    ),
    "open_items": (
        "open.items.report.wizard",
        "account_financial_report.open_items",
        "a_f_r.report_open_items_xlsx",
    ),
    "aged_partner_balance": (
        "aged.partner.balance.report.wizard",
        "account_financial_report.aged_partner_balance",
        "a_f_r.report_aged_partner_balance_xlsx",
    ),
    "vat_report": ("vat.report.wizard", "account_financial_report.vat_report", "a_f_r.report_vat_report_xlsx"),
}


@tagged("post_install", "-at_install")
class TestFinancialReports(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        tax = cls.env_a["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        cls.customer = cls.env_a["res.partner"].create({"name": "Client de Tifawin"})
        cls.invoice = cls.env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Huile d'argan", "quantity": 2, "price_unit": 500.0, "tax_ids": [Command.set(tax.ids)]}
                    )
                ],
            }
        )
        cls.invoice.action_post()

    def wizard(self, env, menu, **values):
        model = REPORTS[menu][0]
        dates = (
            {"date_at": self.today}
            if menu in ("open_items", "aged_partner_balance")
            else {"date_from": self.today.replace(month=1, day=1), "date_to": self.today}
        )
        return env[model].create({**dates, **values})

    def render(self, action, report, wizard):
        """What the report's URL returns: its options and context come as JSON in the URL."""
        data, context = json.loads(json.dumps([action["data"], action["context"]], default=str))
        env = wizard.env(context=dict(wizard.env.context, **context))
        return env["ir.actions.report"]._render(report, wizard.ids, data=data)[0]

    def html(self, wizard, menu):
        """The report's screen, as the wizard's "View" button opens it for the user."""
        return self.render(wizard.button_export_html(), REPORTS[menu][1], wizard).decode()

    def workbook(self, wizard, menu):
        return openpyxl.load_workbook(io.BytesIO(self.render(wizard.button_export_xlsx(), REPORTS[menu][2], wizard)))

    def cells(self, book):
        return [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]

    def test_bookkeeper_reads_every_report_of_their_books(self):
        for menu in REPORTS:
            with self.subTest(menu=menu):
                wizard = self.wizard(self.env_a, menu)
                self.assertEqual(wizard.company_id, self.company, "their company by default")
                html = self.html(wizard, menu)
                self.assertIn(self.company.name, html)
                self.assertTrue(self.cells(self.workbook(wizard, menu)))
        # the trial balance: the invoice's 1,200.00 on the customer account, the 200.00 of VAT
        html = self.html(self.wizard(self.env_a, "trial_balance"), "trial_balance")
        self.assertIn("1,200.00", html)
        self.assertIn("200.00", html)
        ledger = self.html(self.wizard(self.env_a, "general_ledger"), "general_ledger")
        self.assertIn(self.invoice.name, ledger)

    def test_menus(self):
        for user in (self.bookkeeper, self.users["supervisor"]):
            env = self.company_env(user, user.company_id)
            menus = env["ir.ui.menu"].load_menus(False)
            xmlids = {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}
            for menu in REPORTS:
                with self.subTest(user=user.login, menu=menu):
                    self.assertIn(f"comasec_accounting_coaching.comasec_{menu}_menu", xmlids)

    def test_other_bookkeeper_gets_a_refusal(self):
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        for menu in REPORTS:
            with self.subTest(menu=menu):
                with self.assertRaisesRegex(UserError, "You can read only the books of the companies you work in"):
                    self.wizard(env_b, menu, company_id=self.company.id)
                own = self.wizard(env_b, menu)
                with self.assertRaisesRegex(UserError, "companies you work in"):
                    own.company_id = self.company
        ledger = self.html(self.wizard(env_b, "general_ledger"), "general_ledger")
        self.assertNotIn(self.invoice.name, ledger)
        self.assertNotIn("Client de Tifawin", ledger)

    def test_supervisor_reads_any_cooperative(self):
        # a supervisor made in Settings > Users, who onboarded nothing
        supervisor = settings_user(self.env, "reports_supervisor", ["comasec_coop.comasec_coop_group_supervisor"])
        env = self.env(user=supervisor, context={"allowed_company_ids": supervisor.company_id.ids})
        with self.assertRaisesRegex(UserError, r"or open the cooperative's books first \(Open books"):
            self.wizard(env, "general_ledger", company_id=self.company.id)
        # Open books on the cooperative: the web client reloads in its company, the wizard's default
        self.coop.with_user(supervisor).action_open_books()
        env = self.env(user=supervisor, context={"allowed_company_ids": self.company.ids})
        wizard = self.wizard(env, "general_ledger")
        self.assertEqual(wizard.company_id, self.company)
        self.assertIn(self.invoice.name, self.html(wizard, "general_ledger"))
        # or, working in CoMaSec's company, picks the cooperative in the wizard
        env = self.env(user=supervisor, context={"allowed_company_ids": supervisor.company_id.ids})
        book = self.workbook(self.wizard(env, "trial_balance", company_id=self.company.id), "trial_balance")
        self.assertIn(1200.0, [cell.value for cell in self.cells(book)])

    def test_hostile_names_stay_text_in_the_workbooks(self):
        """A partner or label typed as a spreadsheet formula or a link stays text."""
        customer = self.env_a["res.partner"].create({"name": FORMULA})
        move = self.env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": self.today,
                "invoice_line_ids": [Command.create({"name": FORMULA, "quantity": 1, "price_unit": 10.0})],
            }
        )
        move.action_post()
        for name in (FORMULA, *LINKS):
            customer.name = name
            move.line_ids.name = name
            for menu in ("general_ledger", "journal_ledger"):
                with self.subTest(menu=menu, name=name):
                    cells = self.cells(self.workbook(self.wizard(self.env_a, menu), menu))
                    hostile = [cell for cell in cells if "evil.example" in str(cell.value)]
                    self.assertTrue(hostile, "the hostile name is in the workbook")
                    for cell in hostile:
                        self.assertEqual(cell.data_type, "s", f"{cell.coordinate} became a formula")
                    self.assertFalse([cell.coordinate for cell in cells if cell.hyperlink], "no cell is a link")
