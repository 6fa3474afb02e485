"""Invoice posting overhead of the suite against plain Odoo (account + l10n_ma).

    python3 bench/invoice_overhead.py --plain-db PLAIN --suite-db SUITE [--count 2000] [--rounds 2]

PLAIN has only account and l10n_ma installed, SUITE the four CoMaSec addons (bench/run
prepares both). In each database the script creates a Moroccan company with the l10n_ma
chart and a batch of draft invoices (once: 20 through the ORM, the rest their copies
written in SQL), then, round after round, posts that batch inside a savepoint and undoes
it; nothing is committed. The rounds alternate the databases in the order plain, suite,
suite, plain..., so that a machine slowing down or warming up weighs on both sides.
Timings of the two databases are taken in the same run on the same machine, so their
ratio is meaningful where absolute times are not. Prints time per batch, SQL queries per
invoice and the ratio suite / plain.
"""

import argparse
import sys
import time
from pathlib import Path

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import copy_invoices

ICE = "001561191000066"
TEMPLATES = 20


def setup_company(env):
    company = env["res.company"].create(
        {
            "name": "Bench cooperative",
            "country_id": env.ref("base.ma").id,
            "currency_id": env.ref("base.MAD").id,
            "company_registry": ICE,
        }
    )
    company.partner_id.write({"company_registry": ICE, "vat": "12345678"})
    if "comasec_coop_if" in company.partner_id._fields:
        company.partner_id.write({"comasec_coop_if": "12345678", "comasec_coop_tp": "48101234"})
    env["account.chart.template"].try_loading("ma", company, install_demo=False)
    return company


def draft_invoices(env, company, count):
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    tax = env["account.tax"].search(
        [("company_id", "=", company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
    )
    customer = env["res.partner"].create({"name": "Bench customer", "company_registry": "002136093000040"})
    product = env["product.product"].create({"name": "Huile d'argan 1 L", "list_price": 250.0})
    templates = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "partner_id": customer.id,
                "invoice_date": "2026-01-15",
                "invoice_line_ids": [
                    odoo.Command.create(
                        {"product_id": product.id, "quantity": 1 + i % 7, "price_unit": 250.0, "tax_ids": tax.ids}
                    )
                    for _line in range(2)
                ],
            }
            for i in range(min(count, TEMPLATES))
        ]
    )
    env.flush_all()
    copy_invoices(env.cr, templates.ids, count - len(templates), posted=False)
    env.invalidate_all()
    return env["account.move"].search([("company_id", "=", company.id), ("state", "=", "draft")])


def prepare(dbname, count):
    """An open cursor on ``dbname`` holding the company and its ``count`` draft invoices
    (never committed)."""
    cr = Registry(dbname).cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    moves = draft_invoices(env, setup_company(env), count)
    env.flush_all()
    return env, moves


def post_once(env, moves):
    """Post the drafts inside a savepoint, then undo it: each round posts the same batch."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_post")
    env.invalidate_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    moves.action_post()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = cr.sql_log_count - queries
    posted = env["account.move"].search_count([("id", "in", moves.ids), ("state", "=", "posted")])
    cr.execute("ROLLBACK TO SAVEPOINT bench_post")
    cr.precommit.clear()
    env.invalidate_all()
    if posted != len(moves):
        raise SystemExit(f"{cr.dbname}: {posted} of {len(moves)} invoices posted")
    return elapsed, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain-db", required=True)
    parser.add_argument("--suite-db", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    args = parser.parse_args()
    config.parse_config(["-c", args.config] if args.config else [])
    times = {"plain": [], "suite": []}
    queries = {}
    # The drafts are made once per database; the rounds alternate the two databases.
    prepared = {"plain": prepare(args.plain_db, args.count), "suite": prepare(args.suite_db, args.count)}
    try:
        for index in range(args.rounds):
            for key in ("plain", "suite") if index % 2 == 0 else ("suite", "plain"):
                env, moves = prepared[key]
                elapsed, count = post_once(env, moves)
                times[key].append(elapsed)
                queries[key] = count
    finally:
        for env, _moves in prepared.values():
            env.cr.rollback()
            env.cr.close()
    plain, suite = sum(times["plain"]) / args.rounds, sum(times["suite"]) / args.rounds
    print("| measure | plain Odoo | with the suite | ratio | goal |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| post {args.count} invoices (mean of {args.rounds} rounds) | {plain:.2f} s | {suite:.2f} s "
        f"| {suite / plain:.3f} | <= 1.05 |"
    )
    print(
        f"| SQL queries per invoice | {queries['plain'] / args.count:.2f} | {queries['suite'] / args.count:.2f} "
        f"| {queries['suite'] / max(queries['plain'], 1):.3f} | |"
    )


if __name__ == "__main__":
    main()
