from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestOnboarding(ComasecAccountingCase):
    def _invoice(self, company, user=None):
        env = self.env if user is None else self.company_env(user, company)
        customer = env["res.partner"].create({"name": f"Client {company.name}"})
        return (
            env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_line_ids": [Command.create({"name": "Huile d'argan", "quantity": 2, "price_unit": 150.0})],
                }
            )
        )

    def test_company_created_moroccan(self):
        company = self.company
        self.assertEqual(company.partner_id, self.coop)
        self.assertFalse(self.coop.company_id, "the cooperative partner stays visible to all companies")
        self.assertEqual(company.country_id, self.env.ref("base.ma"))
        self.assertEqual(company.currency_id, self.env.ref("base.MAD"))
        self.assertEqual(company.chart_template, "ma")
        self.assertEqual(self.other_company.fiscalyear_last_month, "6")
        self.assertEqual(self.other_company.fiscalyear_last_day, 30)
        accounts = self.env["account.account"].with_company(company).search([("code", "in", ["711100", "342110"])])
        self.assertEqual(len(accounts), 2, "the CGNC accounts of l10n_ma are loaded")
        self.assertTrue(self.env["account.tax"].search_count([("company_id", "=", company.id)]))
        self.assertEqual(self.bookkeeper.company_ids, company)
        self.assertTrue(self.bookkeeper.has_group("comasec_coop.comasec_coop_group_bookkeeper"))
        self.assertTrue(self.bookkeeper.has_group("account.group_account_invoice"))

    def test_onboarding_twice_refused(self):
        wizard = self.env["comasec.accounting.onboarding"].create(
            {"cooperative_id": self.coop.id, "bookkeeper_name": "Again", "bookkeeper_login": "bk_again"}
        )
        with self.assertRaisesRegex(UserError, "already has its accounting company"):
            wizard.action_onboard()
        self.assertFalse(self.env["res.users"].search([("login", "=", "bk_again")]))

    def test_onboarding_requires_supervisor(self):
        coop = self.create_coop("Coopérative Tamount", register="T-103")
        wizard = (
            self.env["comasec.accounting.onboarding"]
            .with_user(self.users["trainer"])
            .sudo()
            .create({"cooperative_id": coop.id, "bookkeeper_name": "X", "bookkeeper_login": "bk_x"})
        )
        with self.assertRaisesRegex(UserError, "Only CoMaSec supervisors"):
            wizard.with_user(self.users["trainer"]).action_onboard()

    def test_bookkeeper_isolated(self):
        invoice_a = self._invoice(self.company, self.bookkeeper)
        invoice_a.action_post()
        invoice_b = self._invoice(self.other_company)
        env_a = self.company_env(self.bookkeeper, self.company)
        self.assertEqual(env_a["account.move"].search([("move_type", "=", "out_invoice")]), invoice_a)
        with self.assertRaises(AccessError):
            env_a["account.move"].browse(invoice_b.id).read(["name"])
        # even asking for the other company in the context does not open it
        env_b = self.company_env(self.bookkeeper, self.other_company)
        with self.assertRaises(AccessError):
            env_b["account.move"].browse(invoice_b.id).read(["name"])
        # the bookkeeper still sees its own cooperative and its members
        self.assertTrue(env_a["res.partner"].browse(self.coop.id).read(["name"]))

    def test_supervisor_reads_all_changes_nothing(self):
        invoice_a = self._invoice(self.company)
        invoice_b = self._invoice(self.other_company)
        # the supervisor who onboarded both has their books open
        supervisor = self.users["supervisor"]
        self.assertLessEqual(self.company | self.other_company, supervisor.company_ids)
        # a supervisor created after the onboarding opens them (the cooperatives' list, Open books)
        late = self.create_user("late_supervisor", ["comasec_coop.comasec_coop_group_supervisor"])
        self.assertFalse((self.company | self.other_company) & late.company_ids)
        (self.coop | self.other_coop).with_user(late).action_open_books()
        for user in (supervisor, late):
            with self.subTest(user=user.login):
                env = self.company_env(user, self.company | self.other_company)
                moves = env["account.move"].search([("id", "in", (invoice_a | invoice_b).ids)])
                self.assertEqual(moves, invoice_a | invoice_b)
                self.assertTrue(env["account.move.line"].search_count([("move_id", "in", moves.ids)]))
                with self.assertRaises(AccessError):
                    env["account.move"].browse(invoice_a.id).write({"ref": "changed"})
                with self.assertRaises(AccessError):
                    env["account.move"].create({"move_type": "out_invoice", "partner_id": self.coop.id})
