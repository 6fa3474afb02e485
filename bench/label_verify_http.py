#!/usr/bin/env python3
"""Benchmark: the public certificate verification page served by Odoo with 2 workers.

    python3 bench/label_verify_http.py -c CONF --db DB [--certificates 10000] [--seconds 30]
                                       [--clients 8] [--workers 2] [--scale 1]

Creates --certificates certificates (committed: the server must see them; removed at the
end), starts Odoo with --workers on a free 127.0.0.1 port, and for --seconds has --clients
anonymous visitors open /label/verify/<number> of random certificates, as a phone does
after scanning the QR code; one request in ten asks for a number that does not exist (a
404 page). Prints requests per second, p50/p95 latency and the status codes. It reports;
it never asserts times.
"""

import argparse
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def visitor(url, numbers, stop, results, lock):
    rng = random.Random()
    while not stop.is_set():
        number = rng.choice(numbers) if rng.random() > 0.1 else f"MS-1999-{rng.randint(1, 9999):04d}"
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{url}/label/verify/{number}", timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError as exc:
            status = type(exc).__name__
        with lock:
            results.append((time.perf_counter() - start, status))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database with comasec_label installed")
    parser.add_argument("--certificates", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=4, help="concurrent visitors (two per worker)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --certificates (bench/run)")
    args = parser.parse_args()
    count = max(1, int(args.certificates * args.scale))

    import loadlib
    from _common import open_registry, sequences_kept
    from label_verify import create_certificates

    import odoo

    registry = open_registry(args.db, args.config)
    with sequences_kept(registry):
        tag = f"http-{int(time.time())}"
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            certificates = create_certificates(env, count, tag)
            # the number and verification code, as the QR code carries them
            numbers = [f"{c.name}/{c.verification_code}" for c in certificates]
            coop_id = certificates.cooperative_id.id
            cr.commit()

        server = loadlib.Server(args.config, args.db, workers=args.workers)
        results, lock, stop = [], threading.Lock(), threading.Event()
        try:
            server.start()
            urllib.request.urlopen(f"{server.url}/label/verify/{numbers[0]}", timeout=60).read()  # warm the workers
            threads = [
                threading.Thread(target=visitor, args=(server.url, numbers, stop, results, lock))
                for _i in range(args.clients)
            ]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(args.seconds)
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - start
        finally:
            server.stop()
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                certificates = env["comasec.label.certificate"].search([("cooperative_id", "=", coop_id)])
                applications = certificates.application_id
                certificates.unlink()
                applications.unlink()
                env["res.partner"].browse(coop_id).unlink()

    latencies = sorted(seconds for seconds, _status in results)
    statuses = {}
    for _seconds, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(
        f"{count} certificates, {args.workers} workers, {args.clients} clients, {elapsed:.0f} s: "
        f"{len(results) / elapsed:.1f} requests/s, p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, statuses {dict(sorted(statuses.items(), key=str))}"
    )
    unexpected = {status: n for status, n in statuses.items() if status not in (200, 404)}
    if unexpected:
        print(f"unexpected answers: {unexpected}")
        sys.exit(1)


if __name__ == "__main__":
    main()
