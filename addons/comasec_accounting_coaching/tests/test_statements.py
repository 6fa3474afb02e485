"""The CGNC Bilan and CPC and the supervisors' key figures, computed by OCA mis_builder
from the suite's templates, against the ledger read with SQL written here (issue 17).

Two cooperatives run a fiscal year through the suite as their bookkeepers (the year
test's scenario): Tifawin from January to December 2025, Amalou (its year ends in June)
from July 2024 to June 2025; each year is closed, its surplus allocated in the next year,
and the next year begins."""

import io
from datetime import date, timedelta

import openpyxl

from odoo import Command
from odoo.addons.comasec_coop.tests.common import RpcCase, prepare_browser_server, settings_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..tools.surplus import to_cents
from .common import TwoYearsCase
from .year_books import sql_ledger

M = "comasec_accounting_coaching."
# Bilan rubric: the account prefixes it nets (depreciation and impairment included)
ACTIF = {
    "immo_nv": ("21", "281"),
    "immo_incorp": ("22", "282", "292"),
    "immo_corp": ("23", "283", "293"),
    "immo_fin": ("24", "25", "294", "295"),
    "ecart_actif": ("27",),
    "stocks": ("31", "391"),
    "creances": ("34", "394"),
    "titres_placement": ("35", "395"),
    "ecart_actif_circulant": ("37",),
    "tresorerie_actif": ("51", "59"),
}
PASSIF = {
    "cp_assimiles": ("13",),
    "dettes_financement": ("14",),
    "provisions_durables": ("15",),
    "ecart_passif": ("17",),
    "dettes_circulant": ("44",),
    "autres_provisions": ("45",),
    "ecart_passif_circulant": ("47",),
    "tresorerie_passif": ("55",),
}
CPC = {
    "produits_exploitation": ("71",),
    "charges_exploitation": ("61",),
    "produits_financiers": ("73",),
    "charges_financieres": ("63",),
    "produits_non_courants": ("75",),
    "charges_non_courantes": ("65",),
    "impots_resultats": ("67",),
}


def prefixed(ledger, prefixes):
    """Balance (centimes) of the ledger's accounts whose code starts with one of ``prefixes``."""
    return sum(values[2] for code, values in ledger.items() if code.startswith(tuple(prefixes)))


def figures(instance):
    """{kpi name: [amount in centimes per column]} and the column labels of a computed instance."""
    matrix = instance._compute_matrix()
    rows = {
        row.kpi.name: [to_cents(cell.val) if cell and isinstance(cell.val, float) else 0 for cell in row.iter_cells()]
        for row in matrix.iter_rows()
        if not row.account_id
    }
    return rows, [col.label for col in matrix.iter_cols()]


class StatementsCase(TwoYearsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a supervisor made in Settings > Users (Odoo's default rights for new users, which
        # make them billing administrators: mis_builder's managers)
        cls.supervisor = settings_user(cls.env, "statements_supervisor", ["comasec_coop.comasec_coop_group_supervisor"])
        # the cooperatives' list, both selected, Open books: the company switcher offers them
        (cls.coop | cls.other_coop).with_user(cls.supervisor).action_open_books()
        cls.env.flush_all()

    def ledger(self, company, date_from=None, date_to=None):
        return sql_ledger(self.env.cr, company, date_from, date_to)

    def statement(self, user, companies, statement, pivot=None):
        """What the user's menu entry opens, with the company switcher on ``companies``."""
        # the report's dates are computed from the context's date once per cache, as in a request
        self.env.invalidate_all()
        context = {"allowed_company_ids": companies.ids, **({"mis_pivot_date": pivot} if pivot else {})}
        env = self.env(user=user, context=dict(self.env.context, **context))
        action = env["mis.report.instance"].action_comasec_open_statement(statement)
        if action.get("res_id"):
            return env["mis.report.instance"].browse(action["res_id"])
        return env["mis.report.instance"].search(action["domain"])

    def fixed(self, user, company, statement, columns):
        """An instance of ``statement`` with fixed-date columns [(name, from, to)], made by an
        accountant (administrator) and computed as ``user`` restricted to ``company``."""
        instance = self.env["mis.report.instance"].create(
            {
                "name": "Test",
                "report_id": self.env.ref(M + statement).id,
                "company_id": company.id,
                "period_ids": [
                    Command.create({"name": name, "mode": "fix", "manual_date_from": start, "manual_date_to": end})
                    for name, start, end in columns
                ],
            }
        )
        return instance.with_env(self.company_env(user, company))

    def key_figures(self, user, companies, by="cooperative", pivot=date(2025, 5, 1)):
        """The supervisors' key figures opened by ``user`` with the switcher on ``companies``."""
        self.env.invalidate_all()  # see statement()
        context = dict(self.env.context, allowed_company_ids=companies.ids, mis_pivot_date=pivot)
        Instance = self.env(user=user, context=context)["mis.report.instance"]
        return Instance.browse(Instance.action_comasec_open_key_figures(by)["res_id"])

    def each(self):
        for key, books in self.books.items():
            with self.subTest(cooperative=key):
                yield books, (self.bookkeeper if key == "tifawin" else self.other_bookkeeper)


@tagged("post_install", "-at_install")
class TestStatements(StatementsCase, RpcCase):
    """An HttpCase, for the real PDF (wkhtmltopdf fetches its assets over HTTP) and the
    refusals a bookkeeper gets over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the onboarded bookkeepers log in with their login as password, for RPC
        for user in (cls.bookkeeper, cls.other_bookkeeper):
            user.password = user.login

    def test_bilan_balances_on_any_date_and_each_rubric_is_its_accounts(self):
        for books, user in self.each():
            allocation_day = books.allocation.date
            days = [
                books.start - timedelta(days=1),
                books.day(3, 31),
                books.year_end,
                allocation_day - timedelta(days=1),
                allocation_day,
                books.next_start + timedelta(days=9),
            ]
            for statement in ("mis_report_bilan_normal", "mis_report_bilan_simplified"):
                columns = [(str(day), books.company._comasec_fiscal_year(day)[0], day) for day in days]
                rows, _labels = figures(self.fixed(user, books.company, statement, columns))
                for col, (_name, start, day) in enumerate(columns):
                    ledger = self.ledger(books.company, date_to=day)
                    year = self.ledger(books.company, start, day)
                    msg = f"{statement} on {day}"
                    self.assertEqual(rows["total_actif"][col], rows["total_passif"][col], msg)
                    self.assertEqual(rows["hors_rubriques"][col], 0, msg)
                    self.assertEqual(rows["liaison"][col], 0, msg)
                    for kpi, prefixes in ACTIF.items():
                        self.assertEqual(rows[kpi][col], prefixed(ledger, prefixes), f"{msg}: {kpi}")
                    for kpi, prefixes in PASSIF.items():
                        self.assertEqual(rows[kpi][col], -prefixed(ledger, prefixes), f"{msg}: {kpi}")
                    # own funds: the capital and reserves, the year's result and every earlier
                    # one not yet allocated (Odoo closes no year)
                    self.assertEqual(rows["capitaux_propres"][col], -prefixed(ledger, ("11", "9", "6", "7")), msg)
                    result = -prefixed(ledger, ("119",)) - prefixed(year, ("6", "7"))
                    self.assertEqual(rows["cp_resultat"][col], result, msg)
                    self.assertEqual(rows["total_passif"][col], -prefixed(ledger, ("1", "4", "55", "6", "7", "9")), msg)
            # the books are not empty: the year end's Bilan says something
            year_end = self.fixed(user, books.company, "mis_report_bilan_normal", [("N", books.start, books.year_end)])
            rows, _labels = figures(year_end)
            self.assertGreater(rows["total_actif"][0], 0)
            self.assertGreater(rows["tresorerie_actif_caisses"][0], 0)
            self.assertGreater(rows["dettes_sociaux"][0], 0, "the last month's CNSS is due")

    def test_menu_opens_the_year_and_the_previous_one(self):
        for books, user in self.each():
            pivot = books.day(2, 1)
            for statement in ("bilan", "bilan_simplified", "cpc", "cpc_simplified"):
                instance = self.statement(user, books.company, statement, pivot)
                self.assertEqual(len(instance), 1)
                self.assertEqual(instance.company_id, books.company)
                periods = instance.period_ids
                self.assertEqual(periods.mapped("name"), ["N", "N-1"])
                self.assertEqual(
                    [(p.date_from, p.date_to) for p in periods],
                    [
                        (books.start, books.year_end),
                        (books.start.replace(year=books.start.year - 1), books.start - timedelta(days=1)),
                    ],
                    "the cooperative's fiscal years, not calendar years",
                )
                # the same instance the next time
                self.assertEqual(self.statement(user, books.company, statement, pivot), instance)
            cpc, labels = figures(self.statement(user, books.company, "cpc", pivot))
            bilan, _labels = figures(self.statement(user, books.company, "bilan", pivot))
            year = self.ledger(books.company, books.start, books.year_end)
            self.assertEqual(labels, ["N", "N-1"])
            # the CPC's net result is every class 7 balance minus every class 6 one
            net = -prefixed(year, ("6", "7"))
            self.assertNotEqual(net, 0)
            self.assertEqual(cpc["resultat_net"], [net, 0])
            for kpi, prefixes in CPC.items():
                sign = -1 if kpi.startswith("produits") else 1
                self.assertEqual(cpc[kpi][0], sign * prefixed(year, prefixes), kpi)
            self.assertEqual(cpc["produits_exploitation"][0], cpc["pe_marchandises"][0] + cpc["pe_biens_services"][0])
            self.assertEqual(cpc["charges_exploitation"][0], sum(cpc[k][0] for k in cpc if k.startswith("ce_")))
            # the Bilan's result of the year is the CPC's, and it balances
            self.assertEqual(bilan["cp_resultat"][0], net)
            self.assertEqual(bilan["total_actif"], bilan["total_passif"])
            self.assertEqual(bilan["total_actif"][1], 0, "nothing before the first year")
            # the next year: the previous one's result allocated, the new year's sales
            pivot = books.next_start + timedelta(days=30)
            bilan, _labels = figures(self.statement(user, books.company, "bilan", pivot))
            cpc, _labels = figures(self.statement(user, books.company, "cpc", pivot))
            self.assertEqual(cpc["resultat_net"][1], net)
            self.assertEqual(bilan["cp_resultat"][1], net)
            self.assertEqual(bilan["cp_instance"][0], 0, "the surplus is allocated")
            self.assertEqual(bilan["total_actif"], bilan["total_passif"])

    def test_supervisor_key_figures_one_column_per_cooperative(self):
        companies = self.company | self.other_company
        for year in (2025, 2026):
            with self.subTest(year=year):
                rows, labels = figures(self.key_figures(self.supervisor, companies, pivot=date(year, 5, 1)))
                self.assertEqual(labels, [self.company.name, self.other_company.name, "Total"])
                totals = dict.fromkeys(rows, 0)
                for col, company in enumerate(companies):
                    period = self.ledger(company, date(year, 1, 1), date(year, 12, 31))
                    to_date = self.ledger(company, date_to=date(year, 12, 31))
                    expected = {
                        "chiffre_affaires": -prefixed(period, ("711", "712")),
                        "resultat": -prefixed(period, ("6", "7")),
                        "tresorerie": prefixed(to_date, ("51", "55", "59")),
                        "dettes_membres": -self.member_payables(company, date(year, 12, 31)),
                        "capitaux_propres": -prefixed(to_date, ("11", "9", "6", "7")),
                    }
                    for kpi, amount in expected.items():
                        self.assertEqual(rows[kpi][col], amount, f"{company.name}: {kpi}")
                        totals[kpi] += amount
                    if year == 2026:
                        self.assertGreater(expected["dettes_membres"], 0, "the ristournes are not paid yet")
                self.assertEqual({kpi: values[2] for kpi, values in rows.items()}, totals)
                self.assertGreater(totals["chiffre_affaires"], 0)
                # by province: both cooperatives are in Tiznit
                by_province, labels = figures(
                    self.key_figures(self.supervisor, companies, "province", pivot=date(year, 5, 1))
                )
                self.assertEqual(labels, [self.province.name, "Total"])
                self.assertEqual({kpi: values[0] for kpi, values in by_province.items()}, totals)

    def member_payables(self, company, day):
        """Balance (centimes) of the company's class-44 lines with its members, by SQL."""
        self.env.cr.execute(
            """
            SELECT coalesce(round(sum(line.debit - line.credit) * 100), 0)::bigint
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
             WHERE move.company_id = %(company)s AND move.state = 'posted' AND move.date <= %(day)s
               AND account.code_store->>%(cid)s LIKE '44%%'
               AND line.partner_id IN (SELECT partner_id FROM comasec_coop_member)
            """,
            {"company": company.id, "cid": str(company.id), "day": day},
        )
        return self.env.cr.fetchone()[0]

    def test_supervisor_reads_any_cooperative_and_changes_no_template(self):
        # before opening a cooperative's books, the switcher holds none: the message says how
        newcomer = settings_user(self.env, "statements_newcomer", ["comasec_coop.comasec_coop_group_supervisor"])
        with self.assertRaisesRegex(UserError, "adds a cooperative to the switcher with Open books"):
            self.statement(newcomer, newcomer.company_id, "bilan")
        with self.assertRaises(AccessError):
            self.statement(newcomer, self.company, "bilan")
        companies = self.company | self.other_company
        several = self.statement(self.supervisor, companies, "bilan", date(2025, 3, 1))
        self.assertEqual(several.company_id, companies, "a list: one Bilan per selected cooperative")
        mine, _labels = figures(self.statement(self.bookkeeper, self.company, "bilan", date(2025, 3, 1)))
        theirs, _labels = figures(self.statement(self.supervisor, self.company, "bilan", date(2025, 3, 1)))
        self.assertEqual(theirs, mine)
        env = self.env(user=self.supervisor, context=dict(self.env.context, allowed_company_ids=companies.ids))
        self.assertTrue(self.supervisor.has_group("account.group_account_manager"), "Odoo's defaults")
        kpi = env.ref(M + "mis_report_bilan_normal_kpi_total_actif")
        for record, vals in (
            (kpi, {"expression": "0"}),
            (kpi.expression_ids, {"name": "0"}),
            (env.ref(M + "mis_report_bilan_normal"), {"name": "Mine"}),
            (env.ref(M + "comasec_mis_style_report"), {"dp": 0}),
            (several[:1], {"company_id": self.other_company.id}),
            (several[:1].period_ids[:1], {"offset": -3}),
        ):
            with self.subTest(record=record._name), self.assertRaises(AccessError):
                record.write(vals)
        with self.assertRaises(AccessError):
            env["mis.report"].create({"name": "Mine"})
        with self.assertRaises(AccessError):
            kpi.unlink()

    def test_bookkeeper_of_one_cooperative_gets_nothing_of_another(self):
        theirs = self.statement(self.other_bookkeeper, self.other_company, "bilan", date(2025, 3, 1))
        env = self.company_env(self.bookkeeper, self.company)
        with self.assertRaises(AccessError):
            env["mis.report.instance"].browse(theirs.id).compute()
        with self.assertRaises(AccessError):
            env["mis.report.instance.period"].browse(theirs.period_ids.ids).read(["date_from"])
        self.assertFalse(env["mis.report.instance.period"].search([("id", "in", theirs.period_ids.ids)]))
        with self.assertRaises(AccessError):
            self.company_env(self.bookkeeper, self.other_company)["mis.report.instance"].action_comasec_open_statement(
                "bilan"
            )
        with self.assertRaises(AccessError):
            env["mis.report.instance"].action_comasec_open_key_figures()
        # a report naming both companies (the supervisors' key figures) shows the
        # bookkeeper their own figures only
        theirs = self.key_figures(self.supervisor, self.company | self.other_company)
        rows, _labels = figures(theirs.with_env(env).with_context(mis_pivot_date=date(2025, 5, 1)))
        self.assertTrue(any(values[0] for values in rows.values()))
        self.assertEqual([values[1] for values in rows.values()], [0] * len(rows), "nothing of the other cooperative")
        self.assertEqual([values[2] for values in rows.values()], [values[0] for values in rows.values()])

    def test_pdf_and_xlsx(self):
        pivot = date(2025, 3, 1)
        instance = self.statement(self.bookkeeper, self.company, "bilan", pivot)
        rows, _labels = figures(instance)
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.bookkeeper)
            .with_context(allowed_company_ids=self.company.ids, mis_pivot_date=pivot)
        )
        # what the PDF prints, read in the HTML given to wkhtmltopdf
        html = Report._render_qweb_html("mis_builder.qweb_pdf_export", instance.ids)[0].decode()
        for expected in (self.company.name, "TOTAL GÉNÉRAL ACTIF (I+II+III)", "Dettes du passif circulant (F)", "N-1"):
            self.assertIn(expected, html)
        self.assertIn(f"{rows['total_actif'][0] // 100:,}", html.replace("\N{NO-BREAK SPACE}", ","))
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "mis_builder.qweb_pdf_export", instance.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        content, kind = Report._render_xlsx("mis_builder.xls_export", instance.ids, data={})
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        lines = {row[0]: row[1:3] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        for side, kpi in (("ACTIF", "total_actif"), ("PASSIF", "total_passif")):
            self.assertEqual([to_cents(value or 0) for value in lines[f"TOTAL GÉNÉRAL {side} (I+II+III)"]], rows[kpi])

    def test_bookkeeper_refused_the_other_cooperatives_report_over_rpc(self):
        theirs = self.statement(self.other_bookkeeper, self.other_company, "cpc", date(2025, 3, 1))
        for method in ("compute", "print_pdf", "drilldown"):
            args = [{"period_id": theirs.period_ids[0].id, "expr": "balp[71%]"}] if method == "drilldown" else []
            self.assertRefused(self.bookkeeper, "mis.report.instance", method, [theirs.id], *args, error="AccessError")
        # the PDF and XLSX downloads (export_xls only answers the download's address)
        for url in (
            f"/report/pdf/mis_builder.report_mis_report_instance/{theirs.id}",
            f"/report/xlsx/mis_builder.mis_report_instance_xlsx/{theirs.id}",
        ):
            response = self.url_open(url)
            self.assertFalse(response.content.startswith((b"%PDF", b"PK")), url)
            self.assertNotIn(self.other_company.name, response.text, url)
        # their own report, over the same road, is theirs
        mine = self.statement(self.bookkeeper, self.company, "cpc", date(2025, 3, 1))
        result = self.call_as(self.bookkeeper, "mis.report.instance", "compute", [mine.id])
        self.assertTrue(result["body"])

    def test_menus(self):
        statements = [f"comasec_{name}_menu" for name in ("bilan", "cpc", "bilan_simplified", "cpc_simplified")]
        key_figures = ["comasec_key_figures_menu", "comasec_key_figures_province_menu"]
        for user, expected, absent in (
            (self.bookkeeper, statements, key_figures),
            (self.supervisor, statements + key_figures, []),
        ):
            env = self.company_env(user, user.company_id)
            menus = env["ir.ui.menu"].load_menus(False)
            xmlids = {menu["xmlid"] for menu in menus.values() if isinstance(menu, dict) and menu.get("xmlid")}
            for xmlid in expected:
                self.assertIn(M + xmlid, xmlids, user.login)
            for xmlid in absent:
                self.assertNotIn(M + xmlid, xmlids, user.login)


@tagged("post_install", "-at_install")
class TestStatementsDemo(HttpCase):
    """The demo cooperatives' Bilan balances and their CPC's result is the Bilan's; the
    demo bookkeeper opens it in the browser."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(M + "demo_invoice_argan_tiznit_1", raise_if_not_found=False):
            self.skipTest("installed without demo data")

    def test_bookkeeper_sees_the_bilan_in_the_browser(self):
        prepare_browser_server(self.env)
        ready = (
            "[...document.querySelectorAll('table.mis_builder td')]"
            ".some((cell) => cell.textContent.includes('TOTAL GÉNÉRAL ACTIF'))"
        )
        self.browser_js(
            f"/odoo/action-{M}mis_report_instance_bilan_action",
            "console.log('test successful')",
            ready=ready,
            login="compta.tifaout@example.ma",
        )

    def test_demo_cooperatives_statements_balance(self):
        for login in ("compta.tifaout@example.ma", "compta.souktana@example.ma", "compta.tamment@example.ma"):
            with self.subTest(bookkeeper=login):
                user = self.env["res.users"].search([("login", "=", login)])
                env = self.env(user=user, context={"allowed_company_ids": user.company_id.ids})
                Instance = env["mis.report.instance"]
                bilan, _labels = figures(Instance.browse(Instance.action_comasec_open_statement("bilan")["res_id"]))
                cpc, _labels = figures(Instance.browse(Instance.action_comasec_open_statement("cpc")["res_id"]))
                self.assertGreater(bilan["total_actif"][0], 0)
                self.assertEqual(bilan["total_actif"], bilan["total_passif"])
                self.assertEqual(bilan["cp_resultat"], cpc["resultat_net"])
