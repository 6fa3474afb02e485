#!/usr/bin/env python3
"""Generate a region: cooperatives, their books, reviews, labels and trainings.

    python3 bench/populate.py -c CONF --db DB [--fresh] [--cooperatives 500] [--books 200]
                              [--lines 100000] [--registrations 10000] [--scale 1] [--steps ...]

In DB (created with the four addons and no demo data when missing; dropped first with
--fresh) it creates, with batched ``create(vals_list)`` and the suite's own workflows:

- --cooperatives cooperatives of the six provinces and the region's sectors, 10 members
  each, a president and a treasurer, the ordinary assemblies of the last two fiscal
  years, and a started compliance review each (every automatic rule evaluated);
- for --books of them, their accounting company onboarded as a supervisor does it
  (the l10n_ma chart loaded, a bookkeeper; --workers processes share the work), and
  --lines customer invoice lines in invoices of 5 lines posted over the last two fiscal
  years: two per company entered through the ORM, the rest copies of those written
  with set-based INSERTs (see create_sales);
- label applications for three cooperatives in five, certificates for those approved;
- training sessions of 25 participants with attendance, --registrations in total.

Every step makes only what is missing, so a region grows and resumes: run again with a
larger --books (and the --lines of the new companies), it onboards the cooperatives still
without a company and gives the new ones their sales; --cooperatives resumes the register;
--steps runs some steps only (register,reviews,books,sales,labels,trainings), e.g. the
register in one command and the books in another at the same time. It commits after each
step, each 500 cooperatives and each company (an interrupted run keeps what it made) and
prints how long each step took and the database size. Sizes left at their default are multiplied by
--scale. Most of the time of a default region goes to Odoo's chart of accounts loader
(seconds per company): bench/run makes the region once and reuses it.
"""

import argparse
import random
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODULES = "comasec_coop,comasec_accounting_coaching,comasec_label,comasec_training"
MEMBERS = 10
LINES_PER_INVOICE = 5
PER_SESSION = 25
BATCH = 100
REGISTER_CHUNK = 500
STEPS = ("register", "reviews", "books", "sales", "labels", "trainings")
TEMPLATES = 2
SUPERVISOR = "region.supervisor"


def valid_ice(serial):
    """A 15-digit ICE whose last two digits are the ISO 7064 mod 97-10 check."""
    base = f"7{serial:08d}0001"
    return f"{base}{(97 - int(base) * 100 % 97) % 97:02d}"


class Steps:
    def __init__(self):
        self.rows = []

    def run(self, name, func, *args):
        start = time.perf_counter()
        count = func(*args)
        seconds = time.perf_counter() - start
        self.rows.append((name, count, seconds))
        print(f"{name}: {count} in {seconds:.1f} s", flush=True)


def create_register(env, count):
    """The register up to ``count`` cooperatives (a resumed run makes the missing ones)."""
    existing = env["res.partner"].search_count([("name", "=like", "Region cooperative %")])
    # by 500 cooperatives: a member's first membership period is created one by one from
    # its form's fields, at a cost that grows with the members created in the same call
    for first in range(existing, count, REGISTER_CHUNK):
        create_register_chunk(env, range(first, min(count, first + REGISTER_CHUNK)))
        env.cr.commit()
        env.invalidate_all()
    return max(0, count - existing)


def create_register_chunk(env, numbers):
    rng = random.Random(numbers.start)
    provinces = env["comasec.province"].search([])
    sectors = env["comasec.sector"].search([])
    today = date.today()
    coops = env["res.partner"].create(
        [
            {
                "name": f"Region cooperative {i:04d}",
                "is_company": True,
                "comasec_is_cooperative": True,
                "comasec_coop_register_number": f"REG-{i:05d}",
                "comasec_coop_register_court": "Tribunal de première instance d'Agadir",
                "comasec_coop_register_date": date(2010 + i % 14, 1 + i % 12, 1),
                "comasec_coop_founding_date": date(2010 + i % 14, 1 + i % 12, 1),
                "company_registry": valid_ice(i),
                "comasec_coop_if": f"5{i:07d}",
                "comasec_coop_tp": f"48{i:06d}",
                "comasec_coop_province_id": provinces[i % len(provinces)].id,
                "comasec_coop_sector_ids": [(6, 0, sectors[i % len(sectors)].ids)],
                "comasec_onssa_number": f"2.84.{i:05d}" if i % 7 else False,
                "comasec_onssa_expiry_date": date(today.year + rng.choice((-1, 1, 2)), 6, 30),
                "email": f"coop{i:04d}@region.example",
            }
            for i in numbers
        ]
    )
    people = env["res.partner"].create(
        [{"name": f"Region member {i * MEMBERS + m:05d}"} for i in numbers for m in range(MEMBERS)]
    )
    members = env["comasec.coop.member"].create(
        [
            {
                "cooperative_id": coop.id,
                "partner_id": people[c * MEMBERS + m].id,
                "gender": "female" if m % 4 else "male",
                "join_date": date(2015, 1, 1),
                "cin": f"JR{numbers[c]:05d}{m}" if (numbers[c] + m) % 23 else False,
                "shares_subscribed": 2,
                "shares_paid": 2 if m % 11 else 0,
            }
            for c, coop in enumerate(coops)
            for m in range(MEMBERS)
        ]
    )
    env["comasec.coop.mandate"].create(
        [
            {
                "member_id": members[c * MEMBERS + index].id,
                "role": role,
                "date_start": date(today.year - 1, 1, 1),
                "date_end": date(today.year + 2 - (numbers[c] % 9 == 0) * 3, 1, 1),
            }
            for c in range(len(coops))
            for index, role in ((0, "president"), (1, "treasurer"))
        ]
    )
    env["comasec.coop.assembly"].create(
        [
            {
                "cooperative_id": coop.id,
                "fiscal_year": year,
                "convocation_date": date(year + 1, 4, 1),
                "held_date": date(year + 1, 4 + (i % 5 == 0) * 4, 20),
                "state": "held",
            }
            for i, coop in zip(numbers, coops, strict=True)
            for year in (today.year - 2, today.year - 1)
            if date(year + 1, 4 + (i % 5 == 0) * 4, 20) < today
        ]
    )


def create_reviews(env):
    Review = env["comasec.compliance.review"]
    coops = env["res.partner"].search([("name", "=like", "Region cooperative %")], order="id")
    coops -= Review.search([("period", "=", "region")]).cooperative_id
    for start in range(0, len(coops), BATCH):
        Review.create(
            [{"cooperative_id": c.id, "period": "region"} for c in coops[start : start + BATCH]]
        ).action_start()
        env.cr.commit()
    return len(coops)


def onboard_companies(env, books, config, workers):
    """Onboard ``books`` cooperatives with the suite's wizard, in ``workers`` processes.

    Odoo's chart of accounts loader takes seconds per company, almost all of it Python:
    two processes use both cores of the reference machine."""
    region = [("name", "=like", "Region cooperative %")]
    missing = books - env["res.partner"].search_count([*region, ("comasec_coop_company_id", "!=", False)])
    if missing <= 0:
        return 0
    coops = env["res.partner"].search([*region, ("comasec_coop_company_id", "=", False)], order="id", limit=missing)
    # A supervisor onboards, as in real life (an administrator would also have Odoo's
    # partner autocompletion call its online service for every new company).
    if not env["res.users"].search([("login", "=", SUPERVISOR)]):
        env["res.users"].create(
            {
                "name": "Region supervisor",
                "login": SUPERVISOR,
                "email": f"{SUPERVISOR}@comasec.example",
                "groups_id": [
                    (6, 0, [env.ref("base.group_user").id, env.ref("comasec_coop.comasec_coop_group_supervisor").id])
                ],
            }
        )
    env.cr.commit()
    script, ids = str(Path(__file__).resolve()), coops.ids
    processes = [
        subprocess.Popen(
            [sys.executable, script, "-c", config, "--db", env.cr.dbname, "--onboard", ",".join(map(str, chunk))]
        )
        for chunk in (ids[i::workers] for i in range(workers))
        if chunk
    ]
    # every process waited for, so that none is left running after a failure of the other
    if any([process.wait() for process in processes]):
        sys.exit("An onboarding process failed: see its error above.")
    env.invalidate_all()
    env.registry.clear_cache()
    # workers stopped by SIGTERM onboarded fewer
    return len(coops.filtered("comasec_coop_company_id"))


def onboard_worker(env, coop_ids):
    """Onboard ``coop_ids`` with the wizard's three steps, each committed on its own.

    A user's wizard runs them in one transaction. Here the chart of accounts (seconds,
    touching only the new company's rows) commits apart from the two short steps that
    update rows every onboarding shares (Odoo links each new company to the superuser;
    the suite opens its books to the onboarding supervisor): a concurrent update of those
    by the other process fails a short step only, which is retried."""
    import logging

    from psycopg2 import errors

    # A retried conflict is expected here: Odoo would log each one as a bad query.
    logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)
    supervisor_env = env(user=env["res.users"].search([("login", "=", SUPERVISOR)]).id)

    def committed(step):
        for attempt in range(20):
            # the other process's companies invalidate caches of this one, as between workers
            env.registry.check_signaling(env.cr)
            try:
                result = step()
                env.cr.commit()
                env.registry.signal_changes()
                return result
            except (errors.SerializationFailure, errors.DeadlockDetected):
                env.cr.rollback()
                env.invalidate_all()
                time.sleep(0.1 * (attempt + 1))
        sys.exit("Onboarding: concurrent updates kept failing.")

    def start(coop):
        wizard = supervisor_env["comasec.accounting.onboarding"].create(
            {
                "cooperative_id": coop.id,
                "bookkeeper_name": f"Bookkeeper of {coop.name}",
                "bookkeeper_login": f"bookkeeper.{coop.id}@region.example",
            }
        )
        # a company a stopped run created and did not finish: its onboarding resumes
        company = env["res.company"].search([("partner_id", "=", coop.id)])
        if company:
            return wizard, company
        wizard._check_onboarding()
        return wizard, wizard._create_company()

    # SIGTERM stops the worker between two companies: the run then goes on to the sales
    stopping = []
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stopping.append(True))
    for coop in env["res.partner"].browse(coop_ids):
        if stopping:
            break
        wizard, company = committed(lambda coop=coop: start(coop))
        # the suite's accounts set last by the chart step: without them, (re)loaded
        if not company.comasec_capital_account_id:
            committed(lambda wizard=wizard, company=company: wizard._load_chart(company))
        committed(lambda wizard=wizard, company=company: wizard._finish_onboarding(company))


def create_sales(env, lines):
    """Customer invoices of LINES_PER_INVOICE lines over the last two fiscal years.

    Through the ORM, the way a bookkeeper enters them, each company gets TEMPLATES
    invoices (taxes, receivable, Moroccan mentions: Odoo computes every line). The bulk
    are copies of those, posted and numbered per journal and year, written with two
    set-based INSERTs: Odoo's ORM creates and posts an invoice in 0.1-0.3 s on 2 cores,
    so 20,000 of them would take longer than the whole 30-minute budget of bench/run.
    The ORM invoices are posted last, today, and take the next numbers."""
    from _common import copy_invoices

    companies = env["res.partner"].search([("name", "=like", "Region cooperative %")]).comasec_coop_company_id
    # a grown region: only the companies onboarded since the last run get their sales
    # (the onboarding posted each company's opening capital entries: sales only count)
    companies -= (
        env["account.move"].search([("company_id", "in", companies.ids), ("move_type", "=", "out_invoice")]).company_id
    )
    if not companies:
        return 0
    rng = random.Random(2 + len(companies))
    customers = env["res.partner"].search([("name", "=like", "Region customer %")]) or env["res.partner"].create(
        [{"name": f"Region customer {i}", "company_registry": valid_ice(90000 + i)} for i in range(40)]
    )
    products = env["product.product"].search([("name", "=like", "Region product %")]) or env["product.product"].create(
        [{"name": f"Region product {i}", "list_price": 40.0 + 15 * i} for i in range(LINES_PER_INVOICE * 2)]
    )
    per_company = max(TEMPLATES, lines // len(companies) // LINES_PER_INVOICE)
    templates = env["account.move"]
    for company in companies:
        templates |= (
            env["account.move"]
            .with_company(company)
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": rng.choice(customers).id,
                        "invoice_date": date.today(),
                        "invoice_line_ids": [
                            (0, 0, {"product_id": product.id, "quantity": rng.randint(1, 20)})
                            for product in rng.sample(list(products), LINES_PER_INVOICE)
                        ],
                    }
                    for _i in range(TEMPLATES)
                ]
            )
        )
    env.flush_all()
    copy_invoices(env.cr, templates.ids, per_company - TEMPLATES)
    env.invalidate_all()
    for company in companies:
        templates.filtered(lambda m, c=company: m.company_id == c).action_post()
        env.cr.commit()
    return per_company * len(companies) * LINES_PER_INVOICE


def create_labels(env):
    coops = env["res.partner"].search([("name", "=like", "Region cooperative %")], order="id")
    coops -= env["comasec.label.application"].search([("cooperative_id", "in", coops.ids)]).cooperative_id
    chosen = coops.filtered(lambda c: c.id % 5 < 3)
    if not chosen:
        return 0
    standard = env["comasec.label.standard"]._get_current()
    # CoMaSec's label register, in CoMaSec's company: a product shared by every company (Odoo's
    # default) gets each newly onboarded company's default taxes, and every onboarding then
    # reads all of them: with 3,000 labelled products the onboarding went from 3 to 24 s of
    # CPU between 0 and 180 companies
    products = env["product.template"].create(
        [{"name": f"Region labelled product {c.id}", "company_id": env.company.id} for c in chosen]
    )
    applications = env["comasec.label.application"].create(
        [
            {"cooperative_id": coop.id, "product_ids": [(6, 0, product.ids)], "standard_id": standard.id}
            for coop, product in zip(chosen, products, strict=True)
        ]
    )
    approved = applications.filtered(lambda a: a.id % 4)
    approved.write({"state": "approved"})
    today = date.today()
    env["comasec.label.certificate"].create(
        [
            {
                "application_id": application.id,
                "cooperative_id": application.cooperative_id.id,
                "product_ids": [(6, 0, application.product_ids.ids)],
                "standard_id": standard.id,
                "issue_date": today - timedelta(days=application.id % 900),
                "expiry_date": today - timedelta(days=application.id % 900) + timedelta(days=3 * 365),
            }
            for application in approved
        ]
    )
    env.cr.commit()
    return len(applications)


def create_trainings(env, registrations):
    members = env["comasec.coop.member"].search([("cooperative_id.name", "=like", "Region cooperative %")])
    # made once: a grown region keeps its trainings
    if not members or env["event.event"].search_count([("name", "=like", "Region session %")]):
        return 0
    courses = env["comasec.training.course"].create(
        [
            {"name": f"Region {theme}", "theme": theme, "max_score": 20, "pass_mark": 10}
            for theme in ("accounting", "hygiene", "governance", "marketing", "quality")
        ]
    )
    sessions_count = -(-registrations // PER_SESSION)
    first = date.today() - timedelta(days=700)
    sessions = env["event.event"].create(
        [
            {
                "name": f"Region session {s}",
                "comasec_course_id": courses[s % len(courses)].id,
                "date_begin": datetime.combine(first + timedelta(days=s % 700), datetime.min.time()),
                "date_end": datetime.combine(
                    first + timedelta(days=s % 700), datetime.max.time().replace(microsecond=0)
                ),
                "comasec_funding_source": ("indh", "region", "comasec")[s % 3],
                "event_mail_ids": [(5, 0, 0)],
                "comasec_day_ids": [(0, 0, {"date": first + timedelta(days=s % 700), "half_day": "full"})],
            }
            for s in range(sessions_count)
        ]
    )
    made = 0
    for start in range(0, registrations, BATCH * 10):
        chunk = range(start, min(registrations, start + BATCH * 10))
        created = env["event.registration"].create(
            [
                {"event_id": sessions[i // PER_SESSION].id, "comasec_member_id": members[i % len(members)].id}
                for i in chunk
            ]
        )
        env["comasec.training.attendance"].create(
            [
                {"registration_id": r.id, "day_id": r.event_id.comasec_day_ids[:1].id, "present": r.id % 10 != 0}
                for r in created
            ]
        )
        made += len(created)
        env.cr.commit()
    return made


def installed(dbname):
    import odoo

    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'", [MODULES.split(",")]
        )
        return cr.fetchone()[0] == len(MODULES.split(","))


def install(command):
    subprocess.run(command, check=True)
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database to fill (created when missing)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--cooperatives", type=int, default=500)
    parser.add_argument("--books", type=int, default=200, help="cooperatives whose books are kept in Odoo")
    parser.add_argument("--lines", type=int, default=100000, help="customer invoice lines in total")
    parser.add_argument("--registrations", type=int, default=10000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size left at its default")
    parser.add_argument("--workers", type=int, default=2, help="processes that onboard the companies")
    parser.add_argument("--steps", default=",".join(STEPS), help="the steps to run, comma-separated")
    parser.add_argument("--onboard", help=argparse.SUPPRESS)  # a worker: the cooperative ids to onboard
    args = parser.parse_args()
    for name in ("cooperatives", "books", "lines", "registrations"):
        if getattr(args, name) == parser.get_default(name):
            setattr(args, name, max(1, int(getattr(args, name) * args.scale)))

    from _common import open_registry

    import odoo
    from odoo.service import db as db_service

    odoo.tools.config.parse_config(["-c", args.config])
    if args.fresh and db_service.exp_db_exist(args.db):
        db_service.exp_drop(args.db)
    steps = Steps()
    if not db_service.exp_db_exist(args.db) or not installed(args.db):
        command = [sys.executable, "-m", "odoo", "-c", args.config, "-d", args.db, "-i", MODULES]
        steps.run("database with the four addons", install, [*command, "--without-demo=all", "--stop-after-init"])
    registry = open_registry(args.db, args.config)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        if args.onboard:
            onboard_worker(env, [int(coop_id) for coop_id in args.onboard.split(",")])
            return
        todo = args.steps.split(",")
        for step, name, func, *more in (
            ("register", "cooperatives (members, mandates, assemblies)", create_register, args.cooperatives),
            ("reviews", "compliance reviews started", create_reviews),
            ("books", f"accounting companies onboarded up to {args.books}", onboard_companies, args.books,
             args.config, args.workers),
            ("sales", "customer invoice lines posted (new companies)", create_sales, args.lines),
            ("labels", "label applications", create_labels),
            ("trainings", "training registrations with attendance", create_trainings, args.registrations),
        ):  # fmt: skip
            if step in todo:
                steps.run(name, func, env, *more)
    report(env.registry, args.db, steps)


def report(registry, dbname, steps):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT (SELECT count(*) FROM res_partner WHERE comasec_coop_company_id IS NOT NULL),"
            " (SELECT count(*) FROM account_move_line), pg_size_pretty(pg_database_size(%s))",
            [dbname],
        )
        companies, lines, size = cr.fetchone()
    print(f"{dbname}: {companies} accounting companies, {lines} journal items, database size {size}")
    total = sum(seconds for _name, _count, seconds in steps.rows)
    print("\n| step | made | seconds |\n| --- | --- | --- |")
    for name, count, seconds in steps.rows:
        print(f"| {name} | {count} | {seconds:.0f} |")
    print(f"| total | | {total:.0f} |")


if __name__ == "__main__":
    main()
