#!/usr/bin/env python3
"""Benchmark: start and evaluate compliance reviews for N cooperatives.

Run it against a database where comasec_coop is installed:

    python3 bench/coop_compliance.py --db <name> [--sizes 500,2000] [--scale 1] [-c odoo.conf]

(database connection from the Odoo config file if given, else PGHOST/PGPORT/PGUSER/
PGPASSWORD, default localhost:5432 odoo/odoo). For each size N it creates N
cooperatives with 6 members each, a president and a treasurer, and a held ordinary
assembly, then times the creation of their reviews, ``action_start`` (which evaluates
every automatic rule) and one ``action_evaluate``. Everything is done in one
transaction that is rolled back: the database is left as it was.

It prints N, seconds, SQL queries, queries per cooperative and the time ratio to the
first size (4x cooperatives for 500 -> 2000). It reports; it never asserts times.

Against the floor: with only comasec_coop's automatic rules active, it times
``action_evaluate`` (the re-evaluation of the started reviews: rules, lines, scores)
against one hand-written SQL query computing the same scores (bench/floor.py), checks
that both agree for every cooperative and prints our time / SQL time (goal <= 3): for the
figures alone, for ``action_evaluate`` on unchanged data (lines checked, none rewritten) and
for ``action_evaluate`` storing every automatic line (as when reviews start).
The queries that still grow with N come from the ORM writing rows 100 at a time
(INSERT/UPDATE batches); with that batch size lifted the test suite asserts, with
assertQueryCount, that the count does not depend on the number of cooperatives.
"""

import argparse
import time
from datetime import date

MEMBERS_PER_COOP = 6


def valid_ice(serial):
    """A 15-digit ICE whose last two digits are the ISO 7064 mod 97-10 check."""
    base = f"9{serial:08d}0001"
    return f"{base}{(97 - int(base) * 100 % 97) % 97:02d}"


def create_cooperatives(env, count, tag):
    today = date.today()
    fiscal_year = today.year - 1 if today.month > 6 else today.year - 2
    coops = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} cooperative {i}",
                "is_company": True,
                "comasec_is_cooperative": True,
                "comasec_coop_register_number": f"BENCH-{tag}-{i}",
                "comasec_coop_register_court": "Bench court",
                "comasec_coop_register_date": date(2015, 1, 1),
                "company_registry": valid_ice(tag * 100000 + i),
                "comasec_coop_sector_ids": [(6, 0, env.ref("comasec_coop.comasec_sector_argan").ids)],
                "comasec_onssa_number": f"2.84.{i}",
                "comasec_onssa_expiry_date": date(today.year + 2, 1, 1),
            }
            for i in range(count)
        ]
    )
    people = env["res.partner"].create([{"name": f"Bench {tag} member {i}"} for i in range(count * MEMBERS_PER_COOP)])
    members = env["comasec.coop.member"].create(
        [
            {
                "cooperative_id": coop.id,
                "partner_id": people[c * MEMBERS_PER_COOP + m].id,
                "gender": "female" if m % 4 else "male",
                "join_date": date(2015, 1, 1),
                "cin": f"JB{tag}{c:05d}{m}",
                "shares_subscribed": 2,
                "shares_paid": 2,
            }
            for c, coop in enumerate(coops)
            for m in range(MEMBERS_PER_COOP)
        ]
    )
    env["comasec.coop.mandate"].create(
        [
            {
                "member_id": members[c * MEMBERS_PER_COOP + index].id,
                "role": role,
                "date_start": date(today.year - 1, 1, 1),
                "date_end": date(today.year + 2, 1, 1),
            }
            for c in range(count)
            for index, role in ((0, "president"), (1, "treasurer"))
        ]
    )
    env["comasec.coop.assembly"].create(
        [
            {
                "cooperative_id": coop.id,
                "fiscal_year": fiscal_year,
                "convocation_date": date(fiscal_year + 1, 4, 1),
                "held_date": date(fiscal_year + 1, 4, 20),
                "state": "held",
            }
            for coop in coops
        ]
    )
    env.flush_all()
    return coops


def review(env, coops, tag):
    Review = env["comasec.compliance.review"]
    reviews = Review.create([{"cooperative_id": coop.id, "period": f"bench-{tag}"} for coop in coops])
    reviews.action_start()
    reviews.action_evaluate()
    env.flush_all()
    return reviews


def against_floor(env, reviews):
    """(our seconds, SQL seconds, cooperatives whose scores differ) for re-evaluating ``reviews``."""
    from floor import COOP_EVALUATORS, compliance_scores

    env["comasec.compliance.rule"].search([("evaluator", "not in", (False, *COOP_EVALUATORS))]).active = False
    env.flush_all()
    # Planner statistics that include the rows created in this transaction, for both sides.
    env.cr.execute("ANALYZE res_partner, comasec_coop_member, comasec_coop_mandate, comasec_coop_assembly")
    env.invalidate_all()
    # The figures alone: every automatic rule evaluated for all the cooperatives, then scored.
    from odoo.addons.comasec_coop.models.comasec_compliance_review import compliance_score

    start = time.perf_counter()
    rules = env["comasec.compliance.rule"].search([("evaluator", "!=", False)])
    coops, on_date = reviews.cooperative_id, reviews[0].review_date
    # Severity and weight read once per rule, as the review's score computation does.
    outcomes = [(rule._evaluate(coops, on_date), rule.severity, rule.weight) for rule in rules]
    computed = {
        coop_id: compliance_score([(outcome[coop_id][0], sev, weight) for outcome, sev, weight in outcomes])[0]
        for coop_id in coops.ids
    }
    compute_only = time.perf_counter() - start
    # Evaluated again on the same data: the lines are checked, none has to change.
    env.invalidate_all()
    start = time.perf_counter()
    reviews.action_evaluate()
    env.flush_all()
    ours = time.perf_counter() - start
    # Evaluated with no automatic line yet (as when a review starts): every line is stored.
    reviews.line_ids.filtered("automatic").unlink()
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    reviews.action_evaluate()
    env.flush_all()
    first = time.perf_counter() - start
    scores, floor_seconds = compliance_scores(env.cr, coops.ids, on_date)
    differ = [
        r.cooperative_id.id
        for r in reviews
        if abs(r.score - scores[r.cooperative_id.id][0]) > 0.01
        or abs(computed[r.cooperative_id.id] - scores[r.cooperative_id.id][0]) > 0.01
    ]
    return compute_only, ours, first, floor_seconds, differ


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with comasec_coop installed")
    parser.add_argument("--sizes", default="500,2000", help="comma-separated numbers of cooperatives")
    parser.add_argument("-c", "--config", help="Odoo configuration file (database connection)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size (bench/run)")
    args = parser.parse_args()
    sizes = [max(1, int(int(size) * args.scale)) for size in args.sizes.split(",")]

    # Imported after argument parsing so that --help works without Odoo.
    from _common import open_registry

    import odoo

    registry = open_registry(args.db, args.config)

    rows, floors = [], []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        try:
            for tag, size in enumerate(sizes, start=1):
                coops = create_cooperatives(env, size, tag)
                env.invalidate_all()
                queries_before = cr.sql_log_count
                start = time.perf_counter()
                reviews = review(env, coops, tag)
                seconds = time.perf_counter() - start
                queries = cr.sql_log_count - queries_before
                levels = {
                    level: reviews.filtered(lambda r, lv=level: r.level == lv) for level in ("green", "orange", "red")
                }
                rows.append((size, seconds, queries, {k: len(v) for k, v in levels.items()}))
                floors.append((size, *against_floor(env, reviews)))
        finally:
            cr.rollback()

    print(f"{'N':>6} {'seconds':>9} {'queries':>8} {'q/coop':>7} {'time ratio':>11}  levels")
    base = rows[0][1] if rows else 1.0
    for size, seconds, queries, levels in rows:
        ratio = f"{seconds / base:.2f}x" if base else "-"
        print(f"{size:>6} {seconds:>9.2f} {queries:>8} {queries / size:>7.2f} {ratio:>11}  {levels}")
    if len(rows) > 1:
        print(
            f"size ratio {rows[-1][0] / rows[0][0]:.1f}x -> time ratio {rows[-1][1] / rows[0][1]:.2f}x, "
            f"query ratio {rows[-1][2] / rows[0][2]:.2f}x (rolled back: nothing was saved)"
        )
    print()
    print("against the floor (comasec_coop's automatic rules; goal: ours / SQL <= 3)")
    print("  compute: the rules evaluated and scored in memory; + lines: action_evaluate again on the same")
    print("  data (it also checks the explained line of each rule and cooperative, nothing to store);")
    print("  first: action_evaluate storing every line (one per rule and cooperative) and the review scores")
    print(
        f"{'N':>6} {'SQL s':>8} {'compute s':>10} {'ratio':>6} {'+ lines s':>10} {'ratio':>6} "
        f"{'first s':>8} {'ratio':>6}  same scores"
    )
    for size, compute_only, ours, first, floor_seconds, differ in floors:
        same = "yes" if not differ else f"no: {len(differ)} differ, e.g. cooperative {differ[0]}"
        print(
            f"{size:>6} {floor_seconds:>8.3f} {compute_only:>10.3f} {compute_only / floor_seconds:>6.1f} "
            f"{ours:>10.3f} {ours / floor_seconds:>6.1f} {first:>8.3f} {first / floor_seconds:>6.1f}  {same}"
        )


if __name__ == "__main__":
    main()
