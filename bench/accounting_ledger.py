"""Benchmark: general ledger XLSX export, time and peak Python memory (tracemalloc).

Usage (from the repository root, on a database with comasec_accounting_coaching):

    python3 bench/accounting_ledger.py -c /path/odoo.conf -d DB [--lines 100000]

Creates a company with --lines posted move lines in its current fiscal year and exports
its general ledger (xlsxwriter constant-memory mode, rows read in batches) twice: once
timed, once under tracemalloc for the peak memory. Everything
is created inside one transaction that is rolled back at the end.
"""

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import insert_books, parse, rolled_back_env, template_company

from odoo import fields


def main():
    args = parse(__doc__.splitlines()[0], lines=(100000, "posted move lines in the ledger"))
    with rolled_back_env(args) as env:
        accounts = template_company(env)
        company = env["res.company"].create({"name": "Bench ledger cooperative", "currency_id": accounts["currency"]})
        today = fields.Date.context_today(company)
        # every line inside the current calendar fiscal year
        lines = insert_books(env, company.ids, args.lines, accounts, days=today.timetuple().tm_yday)
        wizard = env["comasec.accounting.export"].create(
            {"company_id": company.id, "report": "general_ledger", "year_end": today.replace(month=12, day=31)}
        )
        env.flush_all()
        env.invalidate_all()
        start = time.perf_counter()
        content = wizard._xlsx_general_ledger()
        elapsed = time.perf_counter() - start
        # a second export for the memory: tracemalloc slows Python down, so not timed
        env.invalidate_all()
        tracemalloc.start()
        wizard._xlsx_general_ledger()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"general ledger: {lines} lines inserted, year {wizard.year_start} to {wizard.year_end}: "
            f"{elapsed:.2f} s, peak Python memory {peak / 2**20:.1f} MiB, file {len(content) / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
