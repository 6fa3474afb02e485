"""Benchmark: a whole fiscal year of many cooperatives, entered as their bookkeepers, checked against SQL.

Usage (from the repository root, on a database with onboarded cooperatives, e.g. the
region of bench/populate.py):

    python3 bench/accounting_year.py -c /path/odoo.conf -d DB [--cooperatives 20]

For --cooperatives onboarded cooperatives, runs the year of
addons/comasec_accounting_coaching/tests/year_books.py (capital, opening balances, daily
cash sales, credit invoices with and without VAT paid by cash and bank, a refund,
member deliveries, packaging bills, monthly wages and CNSS, the year closed and its
surplus allocated) as each cooperative's bookkeeper, in its last fiscal year that ended
at least six months ago. Then, per cooperative, it prints the balances the suite reports
(trial balance, CPC, Bilan, cash account) and checks them against an independent SQL
reading of the ledger. Counts SQL queries per cooperative (figures, not times, are
compared). Everything is rolled back at the end: the database is left unchanged.
"""

import importlib.util
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import openpyxl
from _common import parse, rolled_back_env
from dateutil.relativedelta import relativedelta

from odoo import Command, fields

ROOT = Path(__file__).resolve().parents[1]


def load_year_books():
    """The scenario of test_year.py, loaded from its file: importing the addon's tests
    package would load Odoo's test framework, which refuses to run outside tests."""
    path = ROOT / "addons" / "comasec_accounting_coaching" / "tests" / "year_books.py"
    spec = importlib.util.spec_from_file_location("comasec_year_books", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bookkeeper_env(env, company):
    group = env.ref("comasec_coop.comasec_coop_group_bookkeeper")
    user = env["res.users"].search([("groups_id", "in", group.ids), ("company_id", "=", company.id)], limit=1)
    return user and env(user=user.id, context={"allowed_company_ids": company.ids})


def export(env, report, year_end):
    wizard = env["comasec.accounting.export"].create({"report": report, "year_end": year_end})
    return openpyxl.load_workbook(io.BytesIO(wizard._decode(wizard.action_export())), data_only=True)


def reported(env, books):
    """(trial balance debit, credit, CPC result, Bilan assets, Bilan liabilities) in centimes,
    as the suite exports them."""
    from odoo.addons.comasec_accounting_coaching.tools.surplus import to_cents

    totals = None
    for row in export(env, "trial_balance", books.year_end)["Balance"].iter_rows(min_row=5, values_only=True):
        if row[1] == "Total":
            totals = row
    labels = {}
    statements = export(env, "statements", books.year_end)
    for name in ("CPC", "Bilan"):
        for row in statements[name].iter_rows(min_row=5, max_col=3, values_only=True):
            if row[2] is not None:
                labels[row[1]] = to_cents(row[2])
    return (
        to_cents(totals[3]),
        to_cents(totals[4]),
        labels["Résultat net de l'exercice"],
        labels["Total actif"],
        labels["Total passif"],
    )


def main():
    args = parse(__doc__.splitlines()[0], cooperatives=(20, "onboarded cooperatives whose year is run"))
    with rolled_back_env(args) as env:
        year_books = load_year_books()
        YearBooks, by_class = year_books.YearBooks, year_books.by_class
        sql_ledger, sql_unbalanced_moves = year_books.sql_ledger, year_books.sql_unbalanced_moves

        companies = (
            env["res.partner"].search([("coop_company_id", "!=", False)], order="id", limit=args.cooperatives)
        ).coop_company_id
        no_taxes = {"taxes_id": [Command.clear()], "supplier_taxes_id": [Command.clear()]}
        products = {
            key: env["product.product"].create({"name": f"Bench year {key}", **no_taxes})
            for key in ("oil", "soap", "kernels", "jars")
        }
        today = fields.Date.context_today(env["res.partner"])
        print(
            f"{'cooperative':<32} {'year':<23} {'result':>12} {'cash':>12} {'TB debit':>14} " f"{'queries':>8}  checks"
        )
        failures = queries_total = 0
        for company in companies:
            bk_env = bookkeeper_env(env, company)
            if not bk_env:
                print(f"{company.name[:32]:<32} no bookkeeper: skipped")
                continue
            coop = company.partner_id
            members = env["comasec.coop.member"].search(
                [("cooperative_id", "=", coop.id), ("exit_date", "=", False)], limit=3
            )
            if len(members) < 3:
                people = env["res.partner"].create([{"name": f"{coop.name} bench member {i}"} for i in range(3)])
                members = env["comasec.coop.member"].create(
                    [
                        {"cooperative_id": coop.id, "partner_id": p.id, "gender": "female", "join_date": "2010-01-01"}
                        for p in people
                    ]
                )
            year_end = coop._coop_fiscal_year_end(today - relativedelta(months=6))
            start = year_end - relativedelta(years=1) + relativedelta(days=1)
            cash_account = bk_env["account.journal"].search([("type", "=", "cash")], limit=1).default_account_id
            before = sql_ledger(env.cr, company, None, year_end)
            count = env.cr.sql_log_count
            books = YearBooks(bk_env, company, members, products, start).run()
            wizard = books.close_and_allocate()
            env.flush_all()
            queries = env.cr.sql_log_count - count
            queries_total += queries
            year = sql_ledger(env.cr, company, start, year_end)
            to_date = sql_ledger(env.cr, company, None, year_end)
            code = cash_account.with_company(company).code
            cash = to_date.get(code, (0, 0, 0))[2]
            expected = (
                by_class(year, "0123456789", 0),
                by_class(year, "0123456789", 1),
                -by_class(year, "67"),
                by_class(to_date, "235"),
                by_class(to_date, "235"),
            )
            got = reported(bk_env, books)
            checks = {
                "balanced entries": not sql_unbalanced_moves(env.cr, company),
                "TB, CPC, Bilan = SQL": got == expected,
                "allocation = CPC": round(wizard.result * 100) == got[2],
                "cash = sales + receipts - paid out": cash - before.get(code, (0, 0, 0))[2] == books.cash_at_year_end,
            }
            failed = [name for name, ok in checks.items() if not ok]
            failures += bool(failed)
            print(
                f"{company.name[:32]:<32} {start} {year_end} {got[2] / 100:>12.2f} {cash / 100:>12.2f} "
                f"{got[0] / 100:>14.2f} {queries:>8}  {'ok' if not failed else 'FAILED: ' + ', '.join(failed)}"
            )
        done = len(companies)
        print(
            f"{done} cooperatives, {queries_total / max(done, 1):.0f} queries per cooperative year, "
            f"{failures} with a difference"
        )
        if failures:
            sys.exit(1)


if __name__ == "__main__":
    main()
