#!/usr/bin/env python3
"""Benchmark: SQL queries of the public certificate verification for 1 and 10,000 certificates.

Run it against a database where comasec_label is installed:

    python3 bench/label_verify.py --db <name> [--sizes 1,10000] [--config odoo.conf]

For each size N it creates N certificates (one cooperative, one approved application
each), then looks up one certificate number the way /label/verify/<number> does
(``_public_lookup`` as superuser) and counts its SQL queries, and prints the plan of
the search on the number (an index scan on the unique index). The count must not grow
with N. Everything is done in one transaction that is rolled back. It reports; it
never asserts.
"""

import argparse
import time

PRODUCTS = 10


def connect(args):
    from _common import open_registry

    import odoo

    return odoo, open_registry(args.db, args.config)


def create_certificates(env, count, tag, issue_date=None, expiry_date=None, per_cooperative=None):
    """``count`` certificates, ``per_cooperative`` per bench cooperative and product (all
    on one cooperative without it), each model created with one batched create."""
    from datetime import date

    per_cooperative = per_cooperative or count
    owners = range(0, count, per_cooperative)
    coops = env["res.partner"].create(
        [
            {"name": f"Bench label cooperative {tag}-{first}", "is_company": True, "comasec_is_cooperative": True}
            for first in owners
        ]
    )
    # a region's cooperatives make a handful of products (creating a product costs more
    # than a cooperative: its variants)
    products = env["product.template"].create(
        [{"name": f"Bench argan oil {tag}-{kind}"} for kind in range(min(len(coops), PRODUCTS))]
    )
    # the cooperative and product of each certificate, in order
    owner_of = [
        (coops[index // per_cooperative], products[index // per_cooperative % len(products)]) for index in range(count)
    ]
    standard = env["comasec.label.standard"]._get_current()
    applications = env["comasec.label.application"].create(
        [
            {"cooperative_id": coop.id, "product_ids": [(6, 0, product.ids)], "standard_id": standard.id}
            for coop, product in owner_of
        ]
    )
    applications.write({"state": "approved"})
    issue = issue_date or date.today()
    certificates = env["comasec.label.certificate"].create(
        [
            {
                "application_id": application.id,
                "cooperative_id": coop.id,
                "product_ids": [(6, 0, product.ids)],
                "standard_id": standard.id,
                "issue_date": issue,
                "expiry_date": expiry_date or date(issue.year + 3, issue.month, 1),
            }
            for application, (coop, product) in zip(applications, owner_of, strict=True)
        ]
    )
    env.flush_all()
    return certificates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with comasec_label installed")
    parser.add_argument("--sizes", default="1,10000", help="comma-separated numbers of certificates")
    parser.add_argument("-c", "--config", help="Odoo configuration file (database connection)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size (bench/run)")
    args = parser.parse_args()
    sizes = [max(1, int(int(size) * args.scale)) for size in args.sizes.split(",")]
    odoo, registry = connect(args)
    from _common import sequences_kept

    rows = []
    plan = []
    with sequences_kept(registry), registry.cursor() as cr:
        context = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)
        try:
            created = env["comasec.label.certificate"]
            for tag, size in enumerate(sizes, start=1):
                created |= create_certificates(env, size - len(created), tag) if size > len(created) else created[:0]
                number, code = created[len(created) // 2].name, created[len(created) // 2].verification_code
                env.invalidate_all()
                Certificate = env["comasec.label.certificate"]
                queries_before = cr.sql_log_count
                start = time.perf_counter()
                data = Certificate._public_lookup(number, code)
                seconds = time.perf_counter() - start
                rows.append((len(created), cr.sql_log_count - queries_before, seconds, data["status"]))
                cr.execute(
                    "EXPLAIN SELECT id FROM comasec_label_certificate WHERE name = %s AND verification_code = %s "
                    "ORDER BY issue_date DESC LIMIT 1",
                    [number, code],
                )
                plan = [line for (line,) in cr.fetchall()]
                missing_before = cr.sql_log_count
                Certificate._public_lookup("MS-1999-0001", code)
                rows[-1] += (cr.sql_log_count - missing_before,)
        finally:
            cr.rollback()

    print(f"{'certificates':>12} {'queries':>8} {'ms':>8} {'status':>8} {'404 queries':>12}")
    for count, queries, seconds, status, missing in rows:
        print(f"{count:>12} {queries:>8} {seconds * 1000:>8.1f} {status:>8} {missing:>12}")
    print("plan of the search by number:")
    for line in plan:
        print("   ", line)
    print("(rolled back: nothing was saved)")


if __name__ == "__main__":
    main()
