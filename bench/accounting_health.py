"""Benchmark: bookkeeping health of many cooperatives, time and number of queries.

Usage (from the repository root, on a database with comasec_accounting_coaching):

    python3 bench/accounting_health.py -c /path/odoo.conf -d DB [--companies 200] [--lines 25000]

Creates --companies companies, then measures and stores their health snapshots for books
of --lines posted move lines in total (1x), then again with 4x the lines. The number of
queries must not grow with the data. Everything is created inside one transaction that
is rolled back at the end: the database is left unchanged.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import insert_books, parse, rolled_back_env, template_company

from odoo import fields


def run(env, companies, label):
    Health = env["comasec.accounting.health"]
    today = fields.Date.context_today(Health)
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    snapshots = Health._compute_snapshots(companies, today)
    env.flush_all()
    elapsed = time.perf_counter() - start
    lines = env["account.move.line"].search_count([("company_id", "in", companies.ids)])
    print(
        f"{label}: {len(companies)} companies, {lines} move lines: {elapsed:.2f} s, "
        f"{env.cr.sql_log_count - queries} queries, average score {sum(snapshots.mapped('score')) / len(snapshots):.1f}"
    )
    snapshots.unlink()


def main():
    args = parse(
        __doc__.splitlines()[0],
        companies=(200, "number of cooperative companies"),
        lines=(25000, "move lines in total for the 1x run (4x run: four times more)"),
    )
    with rolled_back_env(args) as env:
        accounts = template_company(env)
        companies = env["res.company"].create(
            [{"name": f"Bench cooperative {i}", "currency_id": accounts["currency"]} for i in range(args.companies)]
        )
        per_company = args.lines // args.companies
        insert_books(env, companies.ids, per_company, accounts)
        run(env, companies, "1x")
        insert_books(env, companies.ids, per_company * 3, accounts, first=per_company // 2 + 1)
        run(env, companies, "4x")


if __name__ == "__main__":
    main()
