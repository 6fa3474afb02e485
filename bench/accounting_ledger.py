"""Benchmark: the OCA's general ledger workbook (account_financial_report), time, queries and peak Python memory.

Usage (from the repository root, on a database with comasec_accounting_coaching):

    python3 bench/accounting_ledger.py -c /path/odoo.conf -d DB [--lines 100000]

Creates a company with --lines posted move lines in its current fiscal year and renders
its general ledger workbook as the XLSX button of CoMaSec > Accounting > Reports >
General ledger does, twice: once timed and counting SQL queries, once under tracemalloc
for the peak memory. Everything is created inside one transaction that is rolled back at
the end.
"""

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import insert_books, parse, rolled_back_env, template_company

from odoo import fields
from odoo.tools import SQL


def main():
    args = parse(__doc__.splitlines()[0], lines=(100000, "posted move lines in the ledger"))
    with rolled_back_env(args) as env:
        accounts = template_company(env)
        company = env["res.company"].create({"name": "Bench ledger cooperative", "currency_id": accounts["currency"]})
        today = fields.Date.context_today(company)
        # every line inside the current calendar fiscal year
        lines = insert_books(env, company.ids, args.lines, accounts, days=today.timetuple().tm_yday)
        # the ledger names each account by its code in the report's company (Odoo 18 keeps
        # an account's code per company): give the shared accounts theirs
        env.cr.execute(
            SQL(
                "UPDATE account_account SET code_store = code_store || jsonb_build_object(%s, code_store->%s)"
                " WHERE id IN %s",
                str(company.id),
                str(accounts["company"]),
                tuple(accounts[key] for key in ("receivable", "income", "cash")),
            )
        )
        env.invalidate_all()
        # as onboarding sets it: without a layout the button opens Odoo's layout configurator
        company.external_report_layout_id = env.ref("web.external_layout_standard")
        year = {"date_from": today.replace(month=1, day=1), "date_to": today.replace(month=12, day=31)}
        wizard = env["general.ledger.report.wizard"].create({"company_id": company.id, **year})
        action = wizard.button_export_xlsx()

        def render():
            # in the context the button gives the report: the report's company active
            report = env(context=action["context"])["ir.actions.report"]
            return report._render(action["report_name"], wizard.ids, data=action["data"])[0]

        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        content = render()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        # a second rendering for the memory: tracemalloc slows Python down, so not timed
        env.invalidate_all()
        tracemalloc.start()
        render()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"general ledger (OCA): {lines} lines inserted, year {year['date_from']} to {year['date_to']}: "
            f"{elapsed:.2f} s, {queries} queries, peak Python memory {peak / 2**20:.1f} MiB, "
            f"file {len(content) / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
