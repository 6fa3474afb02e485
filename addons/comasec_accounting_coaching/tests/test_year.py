"""A cooperative's books are right and complete for a whole year, to the centime (issue 16).

Two cooperatives run a full fiscal year through the suite as their bookkeepers: Tifawin
from January to December 2025, Amalou (its year ends in June) from July 2024 to June 2025,
with twice the quantities and wages. Their ledgers are then read with SQL written here and
compared with what their bookkeepers read in the OCA's trial balance and general ledger, the
Bilan and CPC, and the suite's health figures."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools.surplus import to_cents
from .common import TwoYearsCase
from .test_statements import figures
from .year_books import by_class, sql_ledger, sql_lowest_daily_balance, sql_unbalanced_moves


def cents(amount):
    return to_cents(amount)


@tagged("post_install", "-at_install")
class TestYear(TwoYearsCase):
    # ------------------------------------------------------------------ helpers

    def ledger(self, books, date_from=None, date_to=None):
        return sql_ledger(self.env.cr, books.company, date_from, date_to)

    def report(self, books, name, **options):
        """What ``books``' bookkeeper reads in the OCA's report ``name`` (the values its
        screen, PDF and XLSX are rendered from)."""
        wizard = books.env[f"{name.replace('_', '.')}.report.wizard"].create(options)
        return books.env[f"report.account_financial_report.{name}"]._get_report_values(
            wizard.ids, wizard._prepare_report_data()
        )

    def trial_balance(self, books, year_end):
        """{code: (opening, debit, credit, closing) in centimes} of the accounts with any amount
        in the OCA's trial balance of the fiscal year ending ``year_end``, and their totals."""
        start = books.company._comasec_fiscal_year(year_end)[0]
        values = self.report(books, "trial_balance", date_from=start, date_to=year_end, hide_account_at_0=False)
        keys = ("initial_balance", "debit", "credit", "ending_balance")
        rows = {row["code"]: tuple(cents(row[key]) for key in keys) for row in values["trial_balance"]}
        rows = {code: amounts for code, amounts in rows.items() if any(amounts)}
        return rows, tuple(sum(amounts[i] for amounts in rows.values()) for i in range(4))

    def statements(self, books, year_end):
        """{statement: {kpi: amount of the fiscal year ending ``year_end`` in centimes}} of the
        Bilan and CPC (mis_builder) the bookkeeper opens from their menu on that date."""
        # mis_builder reads its pivot date once per cache, as once per request
        self.env.invalidate_all()
        env = books.env(context=dict(books.env.context, mis_pivot_date=str(year_end)))
        Instance = env["mis.report.instance"]
        res = {}
        for statement in ("bilan", "cpc"):
            instance = Instance.browse(Instance.action_comasec_open_statement(statement)["res_id"])
            res[statement] = {kpi: amounts[0] for kpi, amounts in figures(instance)[0].items()}
        return res

    def each(self):
        for key, books in self.books.items():
            with self.subTest(cooperative=key):
                yield books

    # ------------------------------------------------------------------ checks

    def test_every_entry_balances(self):
        for books in self.each():
            self.assertEqual(sql_unbalanced_moves(self.env.cr, books.company), [])

    def test_trial_balance_and_general_ledger_match_sql(self):
        for books in self.each():
            year = self.ledger(books, books.start, books.year_end)
            balances, totals = self.trial_balance(books, books.year_end)
            # the first year opens on nothing; every posted line of the year is in the trial balance
            self.assertEqual(set(balances), set(year))
            for code, (opening, debit, credit, closing) in balances.items():
                self.assertEqual((opening, debit, credit, closing), (0, *year[code]), code)
            total_debit, total_credit = by_class(year, "0123456789", 0), by_class(year, "0123456789", 1)
            self.assertEqual(totals, (0, total_debit, total_credit, 0))
            self.assertEqual(total_debit, total_credit)
            # the general ledger: the same lines, account by account
            ledger = self.report(
                books, "general_ledger", date_from=books.start, date_to=books.year_end, grouped_by="none"
            )["general_ledger"]
            per_account = {
                account["code"]: (
                    sum(cents(line["debit"]) for line in account["move_lines"]),
                    sum(cents(line["credit"]) for line in account["move_lines"]),
                )
                for account in ledger
                if account["move_lines"]
            }
            self.assertEqual(per_account, {code: values[:2] for code, values in year.items()})
            self.env.cr.execute(
                """SELECT count(*) FROM account_move_line line JOIN account_move move ON move.id = line.move_id
                    WHERE move.company_id = %s AND move.state = 'posted' AND move.date BETWEEN %s AND %s""",
                [books.company.id, books.start, books.year_end],
            )
            [[count]] = self.env.cr.fetchall()
            self.assertEqual(sum(len(account["move_lines"]) for account in ledger), count, "one row per posted line")

    def test_bilan_and_cpc_match_sql_and_the_allocation(self):
        expected_results = {"tifawin": 2756212, "amalou": 5620184}
        for key, books in self.books.items():
            with self.subTest(cooperative=key):
                year = self.ledger(books, books.start, books.year_end)
                to_date = self.ledger(books, None, books.year_end)
                statements = self.statements(books, books.year_end)
                cpc, bilan = statements["cpc"], statements["bilan"]
                # income (class 7) 143,200 x scale; expenses: produce, packaging, gross wages, employer charges
                result = -by_class(year, "67")
                self.assertEqual(result, expected_results[key])
                self.assertEqual(cpc["resultat_net"], result)
                produits = sum(
                    cpc[kpi] for kpi in ("produits_exploitation", "produits_financiers", "produits_non_courants")
                )
                charges = sum(
                    cpc[kpi]
                    for kpi in (
                        "charges_exploitation",
                        "charges_financieres",
                        "charges_non_courantes",
                        "impots_resultats",
                    )
                )
                self.assertEqual(produits - charges, result)
                self.assertEqual(cents(self.wizards[key].result), result)
                assets = by_class(to_date, "235")
                self.assertEqual(bilan["total_actif"], assets)
                self.assertEqual(bilan["total_passif"], assets)
                self.assertEqual(bilan["cp_resultat"], result, "the year's result is not allocated at its end")

    def test_cash_account_and_reconciliations(self):
        for books in self.each():
            to_date = self.ledger(books, None, books.year_end)
            cash_code = books.cash.default_account_id.code
            self.assertTrue(cash_code.startswith("5161"))
            # the cash sales and payments received minus the cash paid out, as the scenario counted them
            self.assertEqual(to_date[cash_code][2], books.cash_at_year_end)
            lowest = sql_lowest_daily_balance(self.env.cr, books.company)
            self.assertGreaterEqual(min(lowest.values()), 0, lowest)
            # customers: only the invoice left unpaid is open, for its whole amount
            unpaid = books.unpaid_invoice
            receivable = unpaid.line_ids.filtered(lambda li: li.account_id.account_type == "asset_receivable")
            self.assertEqual(to_date[receivable.account_id.code][2], cents(unpaid.amount_total))
            moves = books.env["account.move"].search(
                [
                    ("move_type", "in", ("out_invoice", "out_receipt", "out_refund", "in_invoice")),
                    ("state", "=", "posted"),
                ]
            )
            open_lines = moves.line_ids.filtered(
                lambda li: li.account_id.account_type in ("asset_receivable", "liability_payable") and not li.reconciled
            )
            self.assertEqual(open_lines.move_id, unpaid)
            self.assertEqual(set((moves - unpaid).mapped("payment_state")), {"paid"})
            # members and suppliers are paid: the payable account is settled
            payable = books.members[0].partner_id.with_company(books.company).property_account_payable_id
            self.assertEqual(to_date[payable.code][2], 0)
            # wages are paid; the last month's CNSS is still due
            self.assertEqual(to_date["443200"][2], 0)
            last_wages = books.env["account.move"].search(
                [("ref", "=", f"Wages of {books.year_end.strftime('%m/%Y')}")]
            )
            cnss = last_wages.line_ids.filtered(lambda li: li.account_id.code == "444100")
            self.assertEqual(to_date["444100"][2], -cents(cnss.credit))

    def test_health_agrees_with_the_ledger(self):
        for books in self.each():
            supervisor = self.company_env(self.users["supervisor"], books.company)
            snapshot = supervisor["comasec.accounting.health"]._snapshots(books.company, books.year_end)
            lines = {line.indicator: line for line in snapshot.line_ids}
            self.assertEqual((lines["trial_balance"].status, lines["trial_balance"].value), ("ok", 0.0))
            self.assertEqual(lines["negative_cash"].status, "ok")
            self.env.cr.execute(
                "SELECT max(date) FROM account_move WHERE company_id = %s AND state = 'posted' AND date <= %s",
                [books.company.id, books.year_end],
            )
            [[last]] = self.env.cr.fetchall()
            self.assertEqual(lines["last_entry"].value, (books.year_end - last).days)
            self.assertEqual(snapshot.worker_count, 2)
            self.assertEqual((snapshot.cnss_share, snapshot.below_minimum_count), (100.0, 0))
            # the CNSS due a month is what the last month's wages entry owes the CNSS
            last_wages = books.env["account.move"].search(
                [("ref", "=", f"Wages of {books.year_end.strftime('%m/%Y')}")]
            )
            cnss = last_wages.line_ids.filtered(lambda li: li.account_id.code == "444100")
            self.assertEqual(cents(snapshot.cnss_monthly_due), cents(cnss.credit))
            # a compliance review of that day reads the same snapshot
            self.assertEqual(
                supervisor["comasec.accounting.health"]._snapshots(books.company, books.year_end), snapshot
            )

    def test_surplus_allocated_and_carried_forward(self):
        reserves = {"tifawin": (275621, [1102485, 661491, 440994]), "amalou": (562018, [2248074, 1348844, 899230])}
        for key, books in self.books.items():
            with self.subTest(cooperative=key):
                result = cents(self.wizards[key].result)
                lines = books.allocation.line_ids
                credits = {}
                for line in lines.filtered("credit"):
                    credits.setdefault(line.account_id.code, []).append(cents(line.credit))
                legal, ristournes = reserves[key]
                self.assertEqual(credits["114000"], [legal])
                self.assertEqual(credits["115100"], [legal])
                self.assertEqual(credits["446800"], ristournes)
                members = lines.filtered(lambda li: li.account_id.code == "446800")
                self.assertEqual(members.partner_id, books.members.partner_id)
                self.assertEqual(legal * 2 + sum(ristournes), result)
                # the next year opens on the closing balances, the result carried forward
                closing = self.ledger(books, None, books.year_end)
                next_year = books.next_start + relativedelta(years=1, days=-1)
                balances, totals = self.trial_balance(books, next_year)
                for code, (opening, _debit, _credit, _closing) in balances.items():
                    if code[:1] in "12345":
                        self.assertEqual(opening, closing.get(code, (0, 0, 0))[2], code)
                    elif code[:1] in "67":
                        self.assertEqual(opening, 0, code)
                self.assertEqual(balances["999999"][0], -result, "the year's result, not yet allocated")
                self.assertEqual(balances["999999"][3], 0, "allocated in full")
                self.assertEqual(balances["114000"][3], -legal)
                self.assertEqual(balances["446800"][3], -sum(ristournes))
                self.assertEqual(totals[0], 0)
                self.assertEqual(totals[3], 0)

    def test_cooperatives_do_not_see_each_other(self):
        tifawin, amalou = self.books["tifawin"], self.books["amalou"]
        for books, other in ((tifawin, amalou), (amalou, tifawin)):
            with self.subTest(cooperative=books.company.name):
                self.env.cr.execute(
                    "SELECT count(*) FROM account_move_line WHERE company_id = %s AND parent_state = 'posted'",
                    [books.company.id],
                )
                [[count]] = self.env.cr.fetchall()
                seen = books.env["account.move.line"].search([("parent_state", "=", "posted")])
                self.assertEqual(len(seen), count)
                self.assertEqual(seen.company_id, books.company)
                with self.assertRaises(AccessError):
                    books.env["account.move"].browse(other.allocation.id).read(["amount_total"])
                period = {"date_from": other.start, "date_to": other.year_end}
                for model, options in (
                    ("trial.balance.report.wizard", period),
                    ("general.ledger.report.wizard", period),
                    ("journal.ledger.report.wizard", period),
                    ("vat.report.wizard", period),
                    ("open.items.report.wizard", {"date_at": other.year_end}),
                    ("aged.partner.balance.report.wizard", {"date_at": other.year_end}),
                ):
                    with self.assertRaisesRegex(UserError, "companies you work in"):
                        books.env[model].create({"company_id": other.company.id, **options})
                # their own trial balance adds up to their own lines, none of the other's
                year = self.ledger(books, books.start, books.year_end)
                totals = self.trial_balance(books, books.year_end)[1]
                self.assertEqual(totals[1:3], (by_class(year, "0123456789", 0), by_class(year, "0123456789", 1)))
                self.assertEqual(books.env["hr.employee"].search([]), books.workers)
        self.assertNotEqual(
            self.ledger(tifawin, tifawin.start, tifawin.year_end), self.ledger(amalou, amalou.start, amalou.year_end)
        )
