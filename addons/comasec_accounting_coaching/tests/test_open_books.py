"""Supervisors open a cooperative's books when they read them (issue 20): its company joins
their allowed companies, the least recently opened leave them beyond the setting, and
they still change nothing. A bookkeeper opens nothing."""

import importlib.util
from pathlib import Path

from odoo import Command
from odoo.addons.comasec_coop.tests.common import RpcCase, prepare_browser_server, settings_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecAccountingCase

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"
LIMIT = "comasec_accounting_coaching.supervisor_open_books_limit"


@tagged("post_install", "-at_install")
class TestOpenBooks(RpcCase, ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a supervisor as Settings > Users makes one, who onboarded nothing
        cls.supervisor = settings_user(
            cls.env, "books_supervisor", [SUPERVISOR], email="books_supervisor@comasec.example"
        )
        cls.home = cls.supervisor.company_id
        cls.bookkeeper.password = cls.bookkeeper.login
        env_b = cls.company_env(cls.other_bookkeeper, cls.other_company)
        cls.invoice_b = env_b["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": env_b["res.partner"].create({"name": "Client d'Amalou"}).id,
                "invoice_line_ids": [Command.create({"name": "Safran", "quantity": 1, "price_unit": 400.0})],
            }
        )
        cls.invoice_b.action_post()
        # cooperatives with a company of their own (no chart: only the access is tried here)
        cls.light = cls.env["res.partner"]
        for name in ("Aguerd", "Tagadirt", "Imi n'Tlit", "Assaka"):
            coop = cls.create_coop(f"Coopérative {name}")
            coop.comasec_coop_company_id = cls.env["res.company"].create({"name": coop.name, "partner_id": coop.id})
            cls.light |= coop

    def open_books(self, user, coops):
        return coops.with_user(user).action_open_books()

    def test_supervisor_opens_a_cooperatives_books_and_reads_them_over_rpc(self):
        in_b = {"context": {"allowed_company_ids": self.other_company.ids}}
        self.assertNotIn(self.other_company, self.supervisor.company_ids)
        # not opened yet: Odoo refuses the company itself
        self.assertRefused(
            self.supervisor, "account.move", "search_read", [("id", "=", self.invoice_b.id)], ["name"], **in_b
        )
        # the cooperative's form, with its accounting company, reads as before
        [form] = self.call_as(
            self.supervisor,
            "res.partner",
            "web_read",
            self.other_coop.ids,
            {"comasec_coop_company_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual(form["comasec_coop_company_id"]["display_name"], self.other_company.name)
        action = self.call_as(self.supervisor, "res.partner", "action_open_books", self.other_coop.ids)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], "/odoo/action-account.action_move_out_invoice_type")
        # the web client reloads in the cooperative's company
        self.assertEqual(self.opener.cookies.get("cids"), str(self.other_company.id))
        self.assertEqual(self.supervisor.company_ids, self.home | self.other_company)
        self.assertEqual(self.supervisor.company_id, self.home)
        found = self.call_as(
            self.supervisor, "account.move", "search_read", [("id", "=", self.invoice_b.id)], ["name"], **in_b
        )
        self.assertEqual([row["name"] for row in found], [self.invoice_b.name])
        # and changes nothing of them
        for method, args in (
            ("write", ([self.invoice_b.id], {"ref": "changed"})),
            ("button_draft", ([self.invoice_b.id],)),
            ("unlink", ([self.invoice_b.id],)),
            ("create", ({"move_type": "entry", "company_id": self.other_company.id, "ref": "planted"},)),
        ):
            with self.subTest(method=method):
                self.assertRefused(
                    self.supervisor, "account.move", method, *args, error="AccessError|UserError", **in_b
                )
        self.assertEqual((self.invoice_b.state, self.invoice_b.ref), ("posted", False))
        self.assertFalse(self.env["account.move"].search_count([("ref", "=", "planted")]))

    def test_bookkeeper_opens_nothing(self):
        before = self.bookkeeper.company_ids
        self.assertRefused(
            self.bookkeeper, "res.partner", "action_open_books", self.other_coop.ids, error="AccessError"
        )
        action = self.env.ref("comasec_accounting_coaching.res_partner_action_open_books")
        self.assertRefused(
            self.bookkeeper,
            "ir.actions.server",
            "run",
            action.ids,
            context={"active_model": "res.partner", "active_ids": self.other_coop.ids},
        )
        self.assertRefused(
            self.bookkeeper,
            "res.users",
            "_comasec_open_books",
            self.bookkeeper.ids,
            self.other_company.ids,
            "/odoo",
            error="Private",
        )
        self.assertEqual(self.bookkeeper.company_ids, before)
        self.assertFalse(self.env["comasec.opened.books"].search([("user_id", "=", self.bookkeeper.id)]))

    def test_several_from_the_list_then_the_least_recent_close(self):
        self.env["ir.config_parameter"].set_param(LIMIT, "3")
        a, b, c, d = self.light
        action = self.env.ref("comasec_accounting_coaching.res_partner_action_open_books")
        # the list's action, on three selected cooperatives
        action.with_user(self.supervisor).with_context(active_model="res.partner", active_ids=(a | b | c).ids).run()
        self.assertEqual(self.supervisor.company_ids, self.home | (a | b | c).comasec_coop_company_id)
        with self.assertRaisesRegex(UserError, "4 cooperatives selected: a supervisor keeps at most 3"):
            self.open_books(self.supervisor, self.light)
        # B opened again is the most recent: D closes A, the least recently opened
        self.open_books(self.supervisor, b)
        self.open_books(self.supervisor, d)
        self.assertEqual(self.supervisor.company_ids, self.home | (b | c | d).comasec_coop_company_id)
        self.open_books(self.supervisor, a)
        self.assertEqual(self.supervisor.company_ids, self.home | (a | b | d).comasec_coop_company_id)
        Opened = self.env["comasec.opened.books"].with_user(self.supervisor)
        self.assertEqual(Opened.search([]).cooperative_id.ids, (a | d | b).ids, "their own, newest first")
        self.assertFalse(Opened.search([("user_id", "!=", self.supervisor.id)]))
        # a company an administrator gave the supervisor stays theirs (they never opened it)
        self.supervisor.company_ids |= self.company
        for coop in (c, self.other_coop, d, b):
            self.open_books(self.supervisor, coop)
        self.assertIn(self.company, self.supervisor.company_ids)
        self.assertEqual(len(self.supervisor.company_ids), 2 + 3)

    def test_bad_setting_and_cooperatives_without_books(self):
        self.env["ir.config_parameter"].set_param(LIMIT, "0")
        with self.assertRaisesRegex(UserError, "must be 1 or more"):
            self.open_books(self.supervisor, self.other_coop)
        self.env["ir.config_parameter"].set_param(LIMIT, "20")
        no_books = self.create_coop("Coopérative Sans Livres")
        customer = self.env["res.partner"].create({"name": "Not a cooperative"})
        for partners in (no_books, no_books | self.other_coop, customer):
            with self.subTest(partners=partners.mapped("name")):
                with self.assertRaisesRegex(UserError, "no books in Odoo yet"):
                    self.open_books(self.supervisor, partners)
        self.assertEqual(self.supervisor.company_ids, self.home)

    def test_onboarding_opens_the_new_books_to_its_supervisor_only(self):
        coop = self.create_coop("Coopérative Tamount", register="T-103")
        wizard = (
            self.env["comasec.accounting.onboarding"]
            .with_user(self.supervisor)
            .create({"cooperative_id": coop.id, "bookkeeper_name": "Aicha", "bookkeeper_login": "bk_tamount"})
        )
        action = wizard.action_onboard()
        company = coop.comasec_coop_company_id
        self.assertEqual(action["url"], f"/odoo/res.company/{company.id}")
        self.assertIn(company, self.supervisor.company_ids)
        # the company's form, in it
        env = self.company_env(self.supervisor, company)
        self.assertEqual(env["res.company"].browse(company.id).fiscalyear_last_month, "12")
        with self.assertRaises(AccessError):
            env["res.company"].browse(company.id).write({"name": "Renamed"})
        self.assertNotIn(company, self.users["supervisor"].company_ids)
        # opened as any other books: with one kept open, the next opening closes them
        self.env["ir.config_parameter"].set_param(LIMIT, "1")
        self.open_books(self.supervisor, self.other_coop)
        self.assertEqual(self.supervisor.company_ids, self.home | self.other_company)

    def test_upgrade_takes_back_the_former_grant(self):
        """18.0.4.0.0's migration: supervisors held every cooperative's company."""
        cooperatives = self.env["res.company"]._comasec_cooperative_companies()
        self.supervisor.company_ids |= cooperatives
        manager = settings_user(self.env, "books_manager", ["comasec_coop.comasec_coop_group_manager"])
        manager.company_ids |= cooperatives
        path = Path(__file__).parents[1] / "migrations" / "18.0.4.0.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("comasec_accounting_post_migrate_4", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.3.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.supervisor.company_ids, self.home)
        self.assertEqual(manager.company_ids, manager.company_id)
        self.assertEqual(self.bookkeeper.company_ids, self.company, "bookkeepers keep their company")
        # the books open again
        self.open_books(self.supervisor, self.coop)
        self.assertEqual(self.supervisor.company_ids, self.home | self.company)

    def test_open_books_in_the_browser(self):
        """The button on the cooperative's form: the web client reloads in its company."""
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        customer = env_b["res.partner"].create({"name": "Client de la tournée"})
        self.invoice_b.copy({"partner_id": customer.id}).action_post()
        prepare_browser_server(self.env)
        url = f"/odoo/action-comasec_coop.res_partner_action_comasec_coop/{self.other_coop.id}"
        self.start_tour(url, "comasec_supervisor_open_books", login=self.supervisor.login)
        self.assertEqual(self.supervisor.company_ids, self.home | self.other_company)
