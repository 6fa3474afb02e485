"""Load run: concurrent users against the suite served with Odoo workers on loopback.

    python3 bench/load.py -c CONF --db DB [--seconds 60] [--bookkeepers 4] [--supervisors 2]
                          [--visitors 4] [--workers 2] [--url URL ...]

Starts Odoo with --workers on a free 127.0.0.1 port against DB (a database with the four
addons, e.g. the one bench/run prepares), then for a bounded time drives, over JSON-RPC
and HTTP: bookkeepers creating and posting invoices in their own cooperative company,
supervisors opening the cooperatives and compliance views, anonymous visitors checking
certificates on /label/verify/<number>. Prints throughput, error rate, p50/p95 latency
per role, then checks: no HTTP 500, no lost or duplicated invoice number, every
company's invoice sequence continuous. Exits 1 when a check fails.

With --url (repeatable), no server is started: the users are spread over the nodes given,
already serving DB (bench/cluster.py runs it so against two nodes).
"""

import argparse
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

import loadlib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.http500 = 0
        self.posted = {}

    def record(self, role, seconds, error=None, status=None):
        with self.lock:
            self.latencies.setdefault(role, []).append(seconds)
            if error:
                self.errors.setdefault(role, []).append(error)
            if status == 500:
                self.http500 += 1


def timed(stats, role, func):
    start = time.perf_counter()
    try:
        result = func()
    except urllib.error.HTTPError as exc:
        stats.record(role, time.perf_counter() - start, error=f"HTTP {exc.code}", status=exc.code)
        return None
    except Exception as exc:
        stats.record(role, time.perf_counter() - start, error=str(exc)[:200])
        return None
    stats.record(role, time.perf_counter() - start)
    return result


def bookkeeper(url, db, account, stop, stats):
    login, company_id, partner_id, product_id = account
    client = loadlib.Client(url, db, login, loadlib.PASSWORD)
    while not stop.is_set():

        def post():
            move_id = client.execute(
                "account.move",
                "create",
                loadlib.invoice_vals(company_id, partner_id, product_id, random.randint(50, 5000)),
            )
            client.execute("account.move", "action_post", [move_id])
            return move_id

        if timed(stats, "bookkeeper: create + post invoice", post):
            with stats.lock:
                stats.posted[company_id] = stats.posted.get(company_id, 0) + 1


def supervisor(url, db, stop, stats):
    client = loadlib.Client(url, db, "admin", "admin")
    while not stop.is_set():
        timed(
            stats,
            "supervisor: cooperatives list",
            lambda: client.execute(
                "res.partner",
                "search_read",
                [("comasec_is_cooperative", "=", True)],
                fields=["name", "comasec_compliance_score", "comasec_compliance_level", "comasec_coop_member_count"],
                limit=80,
            ),
        )
        timed(
            stats,
            "supervisor: reviews by level",
            lambda: client.execute("comasec.compliance.review", "read_group", [], ["score:avg"], ["level"], lazy=False),
        )


def visitor(url, numbers, stop, stats):
    while not stop.is_set():
        number = random.choice(numbers)
        timed(
            stats,
            "visitor: certificate check",
            lambda n=number: urllib.request.urlopen(f"{url}/label/verify/{n}", timeout=60).read(),
        )


def certificate_numbers(db):
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if "comasec.label.certificate" not in env:
            return []
        # the number and verification code, as the QR code carries them
        return [f"{c.name}/{c.verification_code}" for c in env["comasec.label.certificate"].search([], limit=200)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--bookkeepers", type=int, default=4)
    parser.add_argument("--supervisors", type=int, default=2)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --seconds")
    parser.add_argument("--url", action="append", help="a running node serving DB; users are spread over them")
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    accounts = loadlib.prepare(args.db, args.bookkeepers)
    company_ids = [a[1] for a in accounts]
    before = loadlib.numbering_report(args.db, company_ids)
    numbers = certificate_numbers(args.db)
    server = None if args.url else loadlib.Server(args.config, args.db, args.workers).start()
    urls = args.url or [server.url]
    # Warm-up, not measured: every worker loads the registry on its first requests.
    for url in urls:
        for _i in range(2 * args.workers):
            warm = loadlib.Client(url, args.db, "admin", "admin")
            warm.execute(
                "res.partner", "search_read", [("comasec_is_cooperative", "=", True)], fields=["name"], limit=80
            )
            warm.execute("account.move", "search_count", [])

    def node(index):
        return urls[index % len(urls)]

    stats, stop = Stats(), threading.Event()
    threads = [
        threading.Thread(target=bookkeeper, args=(node(i), args.db, a, stop, stats)) for i, a in enumerate(accounts)
    ]
    threads += [
        threading.Thread(target=supervisor, args=(node(i), args.db, stop, stats)) for i in range(args.supervisors)
    ]
    if numbers:
        threads += [
            threading.Thread(target=visitor, args=(node(i), numbers, stop, stats)) for i in range(args.visitors)
        ]
    seconds = max(5, int(args.seconds * args.scale))
    start = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
    finally:
        if server:
            server.stop()
    elapsed = time.perf_counter() - start
    after = loadlib.numbering_report(args.db, company_ids)

    where = f"{args.workers} workers ({server.url})" if server else ", ".join(urls)
    print(f"{len(threads)} users for {seconds} s on {where}")
    print("| role | requests | per second | errors | p50 | p95 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for role, values in sorted(stats.latencies.items()):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"| {role} | {len(values)} | {len(values) / elapsed:.1f} | {len(stats.errors.get(role, []))} "
            f"| {statistics.median(values) * 1000:.0f} ms | {p95 * 1000:.0f} ms |"
        )
    if not numbers:
        print("| visitor: certificate check | not measured: no certificate in this database | | | | |")
    new = after["posted"] - before["posted"]
    acknowledged = sum(stats.posted.values())
    checks = {
        "no HTTP 500": stats.http500 == 0,
        f"every acknowledged posting is in the books ({acknowledged} acknowledged, {new} new)": new == acknowledged,
        f"no duplicated invoice number ({after['duplicates']})": after["duplicates"] == 0,
        f"sequences continuous ({after['holes']} holes)": after["holes"] == 0,
        f"no half-posted entry ({after['broken']})": after["broken"] == 0,
    }
    for name, ok in checks.items():
        print(f"{'ok' if ok else 'FAILED'}: {name}")
    for role, errors in stats.errors.items():
        print(f"errors of {role}: {sorted(set(errors))[:3]}")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
