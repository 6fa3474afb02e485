"""Benchmark: the fiscal year of a region's cooperatives, entered as their bookkeepers, checked against SQL.

Usage (from the repository root, on a database with onboarded cooperatives, e.g. the
region of bench/populate.py):

    python3 bench/accounting_year.py -c /path/odoo.conf -d DB [--cooperatives 20] [--processes 2]

For --cooperatives onboarded cooperatives, runs the year of
addons/comasec_accounting_coaching/tests/year_books.py (capital, opening balances, daily
cash sales, credit invoices with and without VAT paid by cash and bank, a refund,
member deliveries, packaging bills, monthly wages and CNSS, the year closed and its
surplus allocated) as each cooperative's bookkeeper, in its last fiscal year that ended
at least six months ago. The cooperatives are shared among --processes processes (one
per core by default), each in its own transaction on its own cooperatives.

For each cooperative year it prints the SQL queries and seconds of the year entered
through the suite, and of the same documents entered with Odoo's own screens only
(receipts, bills and journal entries instead of the suite's cash sales, deliveries and
wages wizards; before the suite's year for one cooperative in two, after it for the
other, then undone): their ratio is the suite's overhead. Then it checks the books
against an independent SQL reading of the ledger: every entry balances, the trial
balance the bookkeeper reads (_read_group on the journal items, without naming the
company: the record rules keep the other cooperatives out) and, when OCA
account_financial_report is installed, its trial balance equal SQL account by account,
the surplus allocated is the year's result, and the cash account moved by the cash the
scenario counted. Everything is rolled back: the database is left unchanged.
"""

import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import parse, rolled_back_env
from dateutil.relativedelta import relativedelta

from odoo import Command, fields

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    f"{'cooperative':<28} {'year':<21} {'result':>11} {'cash':>10} {'queries':>7} {'odoo':>6} {'ratio':>5} "
    f"{'s':>5} {'odoo s':>6} {'ratio':>5} {'close':>5}  checks"
)


def load_year_books():
    """The scenario of test_year.py, loaded from its file: importing the addon's tests
    package would load Odoo's test framework, which refuses to run outside tests."""
    path = ROOT / "addons" / "comasec_accounting_coaching" / "tests" / "year_books.py"
    spec = importlib.util.spec_from_file_location("comasec_year_books", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def odoo_year_books(year_books):
    """YearBooks whose steps done by the suite's wizards are entered with Odoo's own
    documents instead: the same ledger, posted the way plain Odoo posts it."""

    class OdooYearBooks(year_books.YearBooks):
        MONTHS = year_books.MONTHS

        def cash_sale(self, date):
            k, oil, soap = self.scale, self.products["oil"], self.products["soap"]
            if not getattr(self, "cash_customer", None):
                self.cash_customer = self.env["res.partner"].create(
                    {"name": "Cash customer", "company_id": self.company.id}
                )
            receipt = self.invoice(
                "out_receipt",
                self.cash_customer,
                date,
                [(oil, 50 * k, 150.0, self.sale_tax[:0]), (soap, 50 * k, 30.0, self.sale_tax)],
            )
            self.pay(receipt, self.cash, date)
            return receipt

        def member_bills(self, date):
            kernels, none = self.products["kernels"], self.purchase_tax[:0]
            bills = self.env["account.move"]
            for member, quantity in zip(self.members, (500, 300, 200), strict=True):
                bills |= self.invoice(
                    "in_invoice", member.partner_id, date, [(kernels, quantity * self.scale, 12.0, none)]
                )
            return bills

        def post_wages(self, pay_day):
            gross, employer, employee = self.payroll[pay_day]
            wages, charges, cnss, payable = self.payroll_accounts
            net = gross - employee
            self.entry(
                self.misc,
                pay_day,
                "Wages",
                [(wages, gross, 0), (charges, employer, 0), (cnss, 0, employer + employee), (payable, 0, net)],
            )
            self.entry(self.cash, pay_day, "Wages paid", [(payable, net, 0), (self.cash.default_account_id, 0, net)])
            return net, employer + employee

    return OdooYearBooks


def prepare_odoo_books(OdooYearBooks, env, company, members, products, start):
    """The Odoo-only year, with the wage amounts the suite computes (read before counting)."""
    books = OdooYearBooks(env, company, members, products, start)
    books.payroll = {}
    for month in range(OdooYearBooks.MONTHS):
        wizard = env["comasec.payroll.entry"].new({"date": books.day(month, 31)})
        books.payroll[wizard.date] = (wizard.gross, wizard.employer_share, wizard.employee_share)
    books.payroll_accounts = env["comasec.payroll.entry"].new({})._accounts()
    for code in ("1111", "2332", "1481", "4441"):
        books.account(code)
    return books


class Undone(Exception):
    """Raised to roll back the Odoo-only year to its savepoint."""


def measure(env, step):
    """(result, SQL queries, seconds) of ``step()``, flushed."""
    count, begin = env.cr.sql_log_count, time.perf_counter()
    result = step()
    env.flush_all()
    return result, env.cr.sql_log_count - count, time.perf_counter() - begin


def odoo_year(env, OdooYearBooks, bk_env, company, members, products, start):
    """(queries, seconds) of the year entered with Odoo's documents only, then undone."""
    books = prepare_odoo_books(OdooYearBooks, bk_env, company, members, products, start)
    env.flush_all()
    figures = None
    try:
        with env.cr.savepoint():
            _books, queries, seconds = measure(env, books.run)
            figures = (queries, seconds)
            raise Undone
    except Undone:
        pass
    env.invalidate_all()
    return figures


def oca_trial_balance(bk_env, company, start, year_end):
    """{code: (debit, credit)} in centimes of the OCA trial balance of the year."""
    from odoo.addons.comasec_accounting_coaching.tools.surplus import to_cents

    wizard = bk_env["trial.balance.report.wizard"].create(
        {"company_id": company.id, "date_from": start, "date_to": year_end, "target_move": "posted"}
    )
    values = bk_env["report.account_financial_report.trial_balance"]._get_report_values(
        wizard.ids, wizard._prepare_report_data()
    )
    return {
        row["code"]: (to_cents(row["debit"]), to_cents(row["credit"]))
        for row in values["trial_balance"]
        if row["debit"] or row["credit"]
    }


def bookkeeper_env(env, company):
    group = env.ref("comasec_coop.comasec_coop_group_bookkeeper")
    user = env["res.users"].search([("groups_id", "in", group.ids), ("company_id", "=", company.id)], limit=1)
    return user and env(user=user.id, context={"allowed_company_ids": company.ids})


def cooperatives(env, count):
    """The first ``count`` onboarded cooperatives' companies that have a bookkeeper."""
    companies = (
        env["res.partner"].search([("comasec_coop_company_id", "!=", False)], order="id").comasec_coop_company_id
    )
    return [company.id for company in companies if bookkeeper_env(env, company)][:count]


def run_years(env, company_ids):
    """Runs and checks the year of each company; prints a row each, returns the totals."""
    from odoo.addons.comasec_accounting_coaching.tools.surplus import to_cents

    year_books = load_year_books()
    YearBooks, by_class = year_books.YearBooks, year_books.by_class
    sql_ledger, sql_unbalanced_moves = year_books.sql_ledger, year_books.sql_unbalanced_moves
    OdooYearBooks = odoo_year_books(year_books)
    no_taxes = {"taxes_id": [Command.clear()], "supplier_taxes_id": [Command.clear()]}
    products = {
        key: env["product.product"].create({"name": f"Bench year {key}", **no_taxes})
        for key in ("oil", "soap", "kernels", "jars")
    }
    today = fields.Date.context_today(env["res.partner"])
    totals = {"years": 0, "queries": 0, "odoo_queries": 0, "seconds": 0.0, "odoo_seconds": 0.0, "failures": 0}
    for company in env["res.company"].browse(company_ids):
        bk_env = bookkeeper_env(env, company)
        coop = company.partner_id
        members = env["comasec.coop.member"].search(
            [("cooperative_id", "=", coop.id), ("exit_date", "=", False), ("state", "=", "active")], limit=3
        )
        if len(members) < 3:
            people = env["res.partner"].create([{"name": f"{coop.name} bench member {i}"} for i in range(3)])
            members = env["comasec.coop.member"].create(
                [
                    {"cooperative_id": coop.id, "partner_id": p.id, "gender": "female", "join_date": "2010-01-01"}
                    for p in people
                ]
            )
        year_end = coop._comasec_fiscal_year_end(today - relativedelta(months=6))
        start = year_end - relativedelta(years=1) + relativedelta(days=1)
        books = YearBooks(bk_env, company, members, products, start)
        cash_code = books.cash.default_account_id.code
        before = sql_ledger(env.cr, company, None, year_end)
        # one cooperative in two enters the Odoo-only year first, the other after the suite's
        # (before the close locks the year): warming up or slowing down weighs on both sides
        odoo_first = not totals["years"] % 2
        if odoo_first:
            odoo_queries, odoo_seconds = odoo_year(env, OdooYearBooks, bk_env, company, members, products, start)
        books, queries, seconds = measure(env, books.run)
        if not odoo_first:
            odoo_queries, odoo_seconds = odoo_year(env, OdooYearBooks, bk_env, company, members, products, start)
        wizard, close_queries, _close_seconds = measure(env, books.close_and_allocate)

        year = sql_ledger(env.cr, company, start, year_end)
        to_date = sql_ledger(env.cr, company, None, year_end)
        # the trial balance the bookkeeper reads: no company named, the record rules choose
        groups = bk_env["account.move.line"]._read_group(
            [("parent_state", "=", "posted"), ("date", ">=", start), ("date", "<=", year_end)],
            ["account_id"],
            ["debit:sum", "credit:sum", "balance:sum"],
        )
        read = {account.code: (to_cents(d), to_cents(c), to_cents(b)) for account, d, c, b in groups}
        result = -by_class(year, "67")
        cash = to_date.get(cash_code, (0, 0, 0))[2]
        checks = {
            "balanced entries": not sql_unbalanced_moves(env.cr, company),
            "trial balance balances": by_class(year, "0123456789", 0) == by_class(year, "0123456789", 1),
            "read trial balance = SQL": read == year,
            "allocation = result": to_cents(wizard.result) == result,
            "cash = sales + receipts - paid out": cash - before.get(cash_code, (0, 0, 0))[2] == books.cash_at_year_end,
        }
        if "trial.balance.report.wizard" in env:  # OCA account_financial_report, when installed
            checks["OCA trial balance = SQL"] = oca_trial_balance(bk_env, company, start, year_end) == {
                code: values[:2] for code, values in year.items() if values[0] or values[1]
            }
        failed = [name for name, ok in checks.items() if not ok]
        verdict = "FAILED: " + ", ".join(failed) if failed else "ok"
        totals["years"] += 1
        totals["failures"] += bool(failed)
        totals["queries"] += queries
        totals["odoo_queries"] += odoo_queries
        totals["seconds"] += seconds
        totals["odoo_seconds"] += odoo_seconds
        print(
            f"{company.name[:28]:<28} {start} {year_end} {result / 100:>11.2f} {cash / 100:>10.2f} {queries:>7} "
            f"{odoo_queries:>6} {queries / odoo_queries:>5.2f} {seconds:>5.1f} {odoo_seconds:>6.1f} "
            f"{seconds / odoo_seconds:>5.2f} {close_queries:>5}  {verdict}",
            flush=True,
        )
    return totals


def forward(process, totals, lock):
    """Prints the rows of a worker process as they come; keeps its totals line."""
    for line in process.stdout:
        if line.startswith("TOTALS "):
            totals.append(json.loads(line[len("TOTALS ") :]))
        else:
            with lock:
                print(line, end="", flush=True)


def main():
    args = parse(
        __doc__.splitlines()[0],
        unscaled=("processes",),
        cooperatives=(20, "onboarded cooperatives whose year is run"),
        processes=(os.cpu_count() or 1, "processes sharing the cooperatives (one per core by default)"),
        companies=("", "(internal) company ids of one worker process"),
    )
    if args.companies:
        with rolled_back_env(args) as env:
            totals = run_years(env, [int(i) for i in args.companies.split(",")])
        print("TOTALS " + json.dumps(totals), flush=True)
        return
    with rolled_back_env(args) as env:
        company_ids = cooperatives(env, args.cooperatives)
    if len(company_ids) < args.cooperatives:
        print(f"{args.cooperatives} cooperatives asked, {len(company_ids)} onboarded with a bookkeeper in the database")
    chunks = [chunk for chunk in (company_ids[i :: args.processes] for i in range(args.processes)) if chunk]
    print(
        f"{len(company_ids)} cooperative years in {len(chunks)} processes; 'odoo': the same documents entered "
        "with Odoo's screens only"
    )
    print(HEADER)
    begin, totals, lock = time.perf_counter(), [], threading.Lock()
    command = [sys.executable, __file__, "-c", args.config, "--db", args.database, "--companies"]
    processes = [
        subprocess.Popen([*command, ",".join(map(str, chunk))], stdout=subprocess.PIPE, text=True) for chunk in chunks
    ]
    threads = [threading.Thread(target=forward, args=(process, totals, lock)) for process in processes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # every process waited for, so that none is left running after a failure of another
    if any([process.wait() for process in processes]) or len(totals) != len(processes):
        sys.exit("A worker process failed: see its error above.")
    elapsed = time.perf_counter() - begin
    total = {key: sum(t[key] for t in totals) for key in totals[0]}
    years = max(total["years"], 1)
    queries, odoo_queries = total["queries"] / years, total["odoo_queries"] / years
    seconds, odoo_seconds = total["seconds"] / years, total["odoo_seconds"] / years
    print(
        f"{total['years']} cooperative years in {len(processes)} processes, {elapsed:.0f} s elapsed "
        f"({total['years'] / elapsed * 60:.1f} years a minute); per year {queries:.0f} queries "
        f"(Odoo only {odoo_queries:.0f}, ratio {queries / max(odoo_queries, 1):.3f}), {seconds:.1f} s "
        f"(Odoo only {odoo_seconds:.1f} s, ratio {seconds / max(odoo_seconds, 1e-9):.3f}); "
        f"{total['failures']} with a difference"
    )
    if total["failures"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
