"""Fault run: the server is killed (SIGKILL) in the middle of batches of postings.

    python3 bench/faults.py -c CONF --db DB [--kills 3] [--batch 25]
    python3 bench/faults.py -c CONF --db DB --scenario cron [--certificates 2000]

Starts Odoo with workers on loopback against DB, has a bookkeeper post batches of
draft invoices (one action_post call per batch, so one transaction), kills the whole
server with SIGKILL while a batch is being posted, restarts it and goes on. Then
checks what a bookkeeper and an auditor would: every batch is either wholly posted or
wholly draft (nothing half-posted), no posted entry without a number or unbalanced,
no duplicated number, no hole in any invoice sequence, and the interrupted batches
post normally after the restart. Exits 1 when a check fails.

The cron scenario (a database with comasec_label installed; it commits its data)
creates certificates due for expiry and others whose surveillance audit is overdue,
runs each nightly label job in a separate process the way the cron worker does (one
transaction per batch, committed after each batch reported through _notify_progress),
kills that process with SIGKILL once some batches are committed, runs the job again,
and checks that every due certificate was processed exactly once: one state change,
one sanction, one note on its history and one mail to the cooperative each, none left.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import loadlib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config


def batch_states(db, batches):
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        return [set(env["account.move"].browse(ids).mapped("state")) for ids in batches]


CRON_JOBS = {
    "expire": "comasec_label.ir_cron_certificate_expire",
    "suspend": "comasec_label.ir_cron_certificate_suspend_overdue",
}


def run_cron(db, xmlid):
    """Run the job ``xmlid`` until it reports nothing left, as ir.cron's _run_job does:
    one transaction per batch, committed after each batch."""
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cron = env.ref(xmlid)
        while True:
            job, progress = cron.with_user(cron.user_id)._add_progress()
            cr.commit()
            job._callback(cron.cron_name, cron.ir_actions_server_id.id)
            cr.commit()
            if not progress.remaining:
                return


def prepare_certificates(db, count):
    """``count`` certificates expiring yesterday and ``count`` with an overdue surveillance
    audit, committed; returns their ids."""
    from label_verify import create_certificates

    today = date.today()
    tag = f"faults {int(time.time())}"
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        expiring = create_certificates(
            env, count, f"{tag} expire", issue_date=today - timedelta(days=3 * 365), expiry_date=today - timedelta(1)
        )
        overdue = create_certificates(
            env,
            count,
            f"{tag} suspend",
            issue_date=today - timedelta(days=365 + 60),
            expiry_date=today + timedelta(600),
        )
        cr.commit()
        return {"expire": expiring.ids, "suspend": overdue.ids}


def certificate_report(db, ids):
    """Per certificate: state, sanctions, notes and mails on its history."""
    with Registry(db).cursor() as cr:
        cr.execute(
            """
            SELECT c.id, c.state,
                   (SELECT count(*) FROM comasec_label_sanction s WHERE s.certificate_id = c.id),
                   (SELECT count(*) FROM mail_message m WHERE m.model = 'comasec.label.certificate'
                       AND m.res_id = c.id AND m.message_type = 'notification'),
                   (SELECT count(*) FROM mail_message m WHERE m.model = 'comasec.label.certificate'
                       AND m.res_id = c.id AND m.message_type = 'email_outgoing')
              FROM comasec_label_certificate c WHERE c.id = ANY(%s)
            """,
            [ids],
        )
        return {row[0]: row[1:] for row in cr.fetchall()}


def cron_scenario(args):
    count = max(10, int(args.certificates * args.scale))
    ids = prepare_certificates(args.db, count)
    checks = {}
    for job, xmlid in CRON_JOBS.items():
        command = [sys.executable, os.path.abspath(__file__), "-c", args.config, "--db", args.db, "--run-cron", xmlid]
        worker = subprocess.Popen(command)
        # wait until at least one batch is committed, then kill in the middle of a later one
        while worker.poll() is None and not any(
            r[0] != "valid" for r in certificate_report(args.db, ids[job]).values()
        ):
            time.sleep(0.2)
        time.sleep(random.uniform(0.0, 0.3))
        killed = worker.poll() is None
        if killed:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
        before = certificate_report(args.db, ids[job])
        done_before = sum(r[0] != "valid" for r in before.values())
        subprocess.run(command, check=True)
        after = certificate_report(args.db, ids[job]).values()
        state = {"expire": "expired", "suspend": "suspended"}[job]
        print(
            f"{job}: {count} due certificates, worker {'killed (SIGKILL)' if killed else 'finished before the kill'} "
            f"with {done_before} processed; re-run processed {count - done_before}."
        )
        sanctions = 1 if job == "suspend" else 0
        mails = 1 if job == "suspend" else 0
        checks[f"{job}: every due certificate {state}"] = all(r[0] == state for r in after)
        checks[f"{job}: one note each on its history"] = all(r[2] == 1 for r in after)
        checks[f"{job}: {sanctions} sanction each"] = all(r[1] == sanctions for r in after)
        checks[f"{job}: {mails} mail each to the cooperative"] = all(r[3] == mails for r in after)
        checks[f"{job}: the worker was killed in the middle"] = killed and 0 < done_before < count
    for name, ok in checks.items():
        print(f"{'ok' if ok else 'FAILED'}: {name}")
    sys.exit(0 if all(checks.values()) else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--scenario", choices=["posting", "cron"], default="posting")
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--certificates", type=int, default=2000, help="cron scenario: certificates per job")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --batch and --certificates")
    parser.add_argument("--run-cron", help=argparse.SUPPRESS)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    if args.run_cron:
        return run_cron(args.db, args.run_cron)
    if args.scenario == "cron":
        return cron_scenario(args)
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
