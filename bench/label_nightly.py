#!/usr/bin/env python3
"""Benchmark: the nightly label jobs over N certificates, time and queries for N and 4N.

Run it against a database where comasec_label is installed:

    python3 bench/label_nightly.py --db <name> [--sizes 12500,50000] [--config odoo.conf]

For each size N it creates N certificates, five per cooperative, spread so that every
job has work: a quarter expiring yesterday, a quarter expiring within 90 days
(reminders), a quarter due for a surveillance audit (planned), a quarter with a
surveillance audit overdue (suspended). It then runs each job in batches, as ir.cron
does, until it reports nothing left, and prints the time and SQL queries of each job and
of a second, idempotent run (which must do nothing), with the script's own CPU seconds
beside the wall time (on a shared machine the wall time also counts waiting for a core).
Everything is done in one transaction that is rolled back. It reports; it never asserts.
The sizes by default are the issue's: 50,000 certificates and a quarter of them (14.5
minutes of wall time, 6.5 of them the script's CPU, on 2 cores busy with other runs);
BENCH_SCALE=0.1 bench/run gives a quick look.
"""

import argparse
import time
from datetime import date, timedelta

from _common import sequences_kept
from label_verify import connect, create_certificates

PER_COOPERATIVE = 5
JOBS = ["_cron_expire", "_cron_suspend_overdue", "_cron_plan_surveillance", "_cron_expiry_reminders"]


def populate(env, size, tag):
    today = date.today()
    quarter = max(size // 4, 1)
    plans = [
        # expired yesterday
        (today - timedelta(days=3 * 365), today - timedelta(days=1)),
        # expiring in 60 days: reminder at 90 days
        (today - timedelta(days=3 * 365 - 60), today + timedelta(days=60)),
        # surveillance due in 30 days: planned
        (today - timedelta(days=365 - 30), today + timedelta(days=2 * 365)),
        # surveillance due 60 days ago: suspended
        (today - timedelta(days=365 + 60), today + timedelta(days=600)),
    ]
    certificates = env["comasec.label.certificate"]
    for index, (issue, expiry) in enumerate(plans):
        # a few certificates per cooperative and product, as in a region, not thousands on one
        certificates |= create_certificates(
            env, quarter, f"{tag}-{index}", issue_date=issue, expiry_date=expiry, per_cooperative=PER_COOPERATIVE
        )
    return certificates


def run_job(env, cr, job):
    # as ir.cron runs it: tracking on, and what a commit does (flush, tracking messages)
    Certificate = env["comasec.label.certificate"].with_context(tracking_disable=False, mail_notrack=False)
    queries_before = cr.sql_log_count
    start, cpu_start = time.perf_counter(), time.process_time()
    done = 0
    while True:
        batch = getattr(Certificate, job)()
        done += batch
        cr.precommit.run()
        # what the commit after each batch also does: the next batch starts with an empty cache
        env.flush_all()
        env.invalidate_all()
        if not batch:
            break
    env.flush_all()
    return done, time.perf_counter() - start, cr.sql_log_count - queries_before, time.process_time() - cpu_start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with comasec_label installed")
    parser.add_argument("--sizes", default="12500,50000", help="comma-separated numbers of certificates")
    parser.add_argument("-c", "--config", help="Odoo configuration file (database connection)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size (bench/run)")
    args = parser.parse_args()
    sizes = [max(1, int(int(size) * args.scale)) for size in args.sizes.split(",")]
    odoo, registry = connect(args)

    results = []
    with sequences_kept(registry):
        for tag, size in enumerate(sizes, start=1):
            with registry.cursor() as cr:
                context = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)
                try:
                    populate(env, size, tag)
                    env.invalidate_all()
                    for job in JOBS:
                        first = run_job(env, cr, job)
                        second = run_job(env, cr, job)
                        results.append((size, job, first, second))
                finally:
                    cr.rollback()

    header = f"{'N':>7} {'job':<26} {'done':>6} {'seconds':>8} {'cpu s':>7} {'queries':>8} {'rerun done':>10}"
    print(f"{header} {'rerun q':>8}")
    for size, job, (done, seconds, queries, cpu), (again, _seconds, requeries, _cpu) in results:
        print(f"{size:>7} {job:<26} {done:>6} {seconds:>8.2f} {cpu:>7.2f} {queries:>8} {again:>10} {requeries:>8}")
    totals = {}
    for size, _job, (_done, seconds, queries, cpu), _second in results:
        total = totals.setdefault(size, [0.0, 0, 0.0])
        total[0] += seconds
        total[1] += queries
        total[2] += cpu
    if len(totals) > 1:
        items = list(totals.items())
        (small, (t1, q1, c1)), (large, (t2, q2, c2)) = items[0], items[-1]
        # the process's CPU time does not count waiting for a busy machine (nor the database's work)
        print(
            f"size ratio {large / small:.1f}x -> time ratio {t2 / t1:.2f}x (cpu {c2 / c1:.2f}x), "
            f"query ratio {q2 / q1:.2f}x (rolled back: nothing was saved)"
        )


if __name__ == "__main__":
    main()
