"""Benchmark: bookkeeping health of many cooperatives, time and number of queries.

Usage (from the repository root, on a database with comasec_accounting_coaching):

    python3 bench/accounting_health.py -c /path/odoo.conf -d DB [--companies 200] [--lines 25000]

Creates --companies companies, then measures and stores their health snapshots for books
of --lines posted move lines in total (1x), then again with 4x the lines. The number of
queries must not grow with the data. Everything is created inside one transaction that
is rolled back at the end: the database is left unchanged.

Against the floor: the same indicator figures computed by one hand-written SQL query
(bench/floor.py), checked equal to ours, and our time / SQL time (goal <= 3), for the
measure alone and for the measure with the snapshots stored.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import insert_books, parse, rolled_back_env, template_company

from odoo import fields


def against_floor(env, companies, on_date):
    """(our measure seconds, SQL seconds, figures that differ) for ``companies``."""
    from floor import HEALTH_FIGURES, health_figures

    from odoo.addons.comasec_coop.models.comasec_params import get_param

    Health = env["comasec.accounting.health"]
    env.cr.execute("ANALYZE account_move, account_move_line, res_company")
    env.invalidate_all()
    start = time.perf_counter()
    ours = Health._measure(companies, on_date)
    ours_seconds = time.perf_counter() - start
    params = {key: get_param(env, f"comasec_accounting_coaching.{key}") for key in (
        "health_draft_age_days", "health_late_sale_days", "health_unreconciled_age_days", "health_overdue_days",
    )}  # fmt: skip
    floor, floor_seconds = health_figures(env.cr, companies.ids, on_date, params)
    differ = []
    for company_id, lines in ours.items():
        for line in lines:
            if line["indicator"] in HEALTH_FIGURES and line["status"] != "not_applicable":
                expected = floor[company_id][line["indicator"]]
                if expected is None or abs(float(expected) - float(line["value"])) > 0.01:
                    differ.append((company_id, line["indicator"], line["value"], expected))
    return ours_seconds, floor_seconds, differ


def run(env, companies, label):
    Health = env["comasec.accounting.health"]
    today = fields.Date.context_today(Health)
    measure, floor_seconds, differ = against_floor(env, companies, today)
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
    same = "same figures" if not differ else f"{len(differ)} figures differ, e.g. {differ[0]}"
    print(
        f"{label} against the floor: SQL {floor_seconds:.3f} s; measure {measure:.3f} s, "
        f"ratio {measure / floor_seconds:.1f}; measure + store {elapsed:.3f} s, ratio {elapsed / floor_seconds:.1f} "
        f"(goal <= 3); {same}"
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
            [
                {"name": f"Bench health cooperative {i}", "currency_id": accounts["currency"]}
                for i in range(args.companies)
            ]
        )
        per_company = args.lines // args.companies
        insert_books(env, companies.ids, per_company, accounts)
        run(env, companies, "1x")
        insert_books(env, companies.ids, per_company * 3, accounts, first=per_company // 2 + 1)
        run(env, companies, "4x")


if __name__ == "__main__":
    main()
