"""Fault run: the server is killed (SIGKILL) in the middle of batches of postings.

    python3 bench/faults.py -c CONF --db DB [--kills 3] [--batch 25]

Starts Odoo with workers on loopback against DB, has a bookkeeper post batches of
draft invoices (one action_post call per batch, so one transaction), kills the whole
server with SIGKILL while a batch is being posted, restarts it and goes on. Then
checks what a bookkeeper and an auditor would: every batch is either wholly posted or
wholly draft (nothing half-posted), no posted entry without a number or unbalanced,
no duplicated number, no hole in any invoice sequence, and the interrupted batches
post normally after the restart. Exits 1 when a check fails.
"""

import argparse
import random
import sys
import threading
import time

import loadlib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config


def batch_states(db, batches):
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        return [set(env["account.move"].browse(ids).mapped("state")) for ids in batches]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --batch")
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    size = max(5, int(args.batch * args.scale))
    login, company_id, partner_id, product_id = loadlib.prepare(args.db, 1)[0]
    server = loadlib.Server(args.config, args.db, workers=2).start()
    batches, interrupted = [], 0
    try:
        for _kill in range(args.kills):
            client = loadlib.Client(server.url, args.db, login, loadlib.PASSWORD)
            ids = client.execute(
                "account.move",
                "create",
                [loadlib.invoice_vals(company_id, partner_id, product_id, 100 + i) for i in range(size)],
            )
            batches.append(ids)
            outcome = {}

            def post(client=client, ids=ids, outcome=outcome):
                try:
                    client.execute("account.move", "action_post", ids)
                    outcome["posted"] = True
                except Exception as exc:
                    outcome["error"] = str(exc)[:120]

            poster = threading.Thread(target=post)
            poster.start()
            time.sleep(random.uniform(0.05, 0.6))
            server.kill()
            poster.join(timeout=60)
            interrupted += "posted" not in outcome
            server.start()
        states = batch_states(args.db, batches)
        half = [s for s in states if len(s) > 1]
        client = loadlib.Client(server.url, args.db, login, loadlib.PASSWORD)
        for ids, state in zip(batches, states, strict=True):
            if state == {"draft"}:
                client.execute("account.move", "action_post", ids)
        final = batch_states(args.db, batches)
    finally:
        server.stop()
    report = loadlib.numbering_report(args.db, [company_id])
    print(f"{args.kills} kills (SIGKILL of master and workers) during batches of {size} postings;")
    print(
        f"{interrupted} batch(es) were cut before the server answered: "
        f"{sum(s == {'draft'} for s in states)} found wholly draft (rolled back), "
        f"{sum(s == {'posted'} for s in states)} wholly posted (committed before the kill)."
    )
    checks = {
        f"no batch half-posted ({len(half)})": not half,
        "every interrupted batch posts after the restart": all(s == {"posted"} for s in final),
        f"no posted entry without number or unbalanced ({report['broken']})": report["broken"] == 0,
        f"no duplicated number ({report['duplicates']})": report["duplicates"] == 0,
        f"sequence continuous ({report['holes']} holes)": report["holes"] == 0,
    }
    for name, ok in checks.items():
        print(f"{'ok' if ok else 'FAILED'}: {name}")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
