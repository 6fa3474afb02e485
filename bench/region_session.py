"""What a supervisor's session costs as the region grows: 200, 1,000, 5,000 companies.

    python3 bench/region_session.py -c CONF --db DB [--companies 200,1000,5000] [--old-up-to 5000]

Odoo sends every allowed company of the user with the session information of each page
load (``ir.http.session_info``, embedded in the web client's first page) and keeps the
active ones in the ``cids`` cookie. Up to 18.0.3 the suite gave a supervisor every
cooperative company among their allowed companies; since 18.0.4 a supervisor opens a
cooperative's books when reading them (``res.users._comasec_open_books``, the Open books
button), and keeps the setting's number of them (20) open. For each size, in one
transaction rolled back at the end: cooperative companies are created (plain
``res.company`` records linked to cooperatives, no chart: the session does not read it),
then the same supervisor is measured twice: "before", every cooperative company allowed
(as the former grant left them, up to ``--old-up-to`` companies), and "after", CoMaSec's
company and the books they keep open. For each: the size and time of the session
information (best of 3; of 1 above 1,000 companies before), its SQL queries, and the
length of the ``cids`` cookie with every allowed company active (browsers drop a cookie
above 4,096 bytes); after, also the time of one more Open books (the least recent closes).
"""

import json
import time
from types import SimpleNamespace

from _common import parse, rolled_back_env

from odoo import Command
from odoo.http import Session, _request_stack, get_default_session
from odoo.tools import SQL


def measure(env, user, rounds=3):
    session_env = env(user=user.id)
    # session_info reads the request's session: the supervisor's, logged in
    session = Session(get_default_session(), "bench", new=True)
    session.update({"uid": user.id, "login": user.login, "db": env.cr.dbname})
    # every allowed company active, as a supervisor reading all they may read
    cids = "-".join(str(company_id) for company_id in user.company_ids.ids)
    request = SimpleNamespace(
        session=session,
        cookies={"cids": cids},
        db=env.cr.dbname,
        registry=env.registry,
        env=session_env,
        httprequest=SimpleNamespace(cookies={}, headers={}, host="localhost"),
    )
    best, queries = None, 0
    for _round in range(rounds):
        session_env.invalidate_all()
        start_queries = env.cr.sql_log_count
        start = time.perf_counter()
        _request_stack.push(request)
        try:
            info = session_env["ir.http"].session_info()
        finally:
            _request_stack.pop()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - start_queries
        best = elapsed if best is None else min(best, elapsed)
    companies = info["user_companies"]["allowed_companies"]
    return {
        "allowed companies": len(companies),
        "session info bytes": len(json.dumps(info)),
        "of which companies": len(json.dumps(info["user_companies"])),
        "session info seconds": best,
        "queries": queries,
        "cids cookie bytes, all active": len(f"cids={cids}"),
    }


def copy_companies(env, company, count, first):
    """``count`` companies and their cooperatives as rows copied from ``company`` and its
    partner by SQL: the ORM makes a company in a time that grows with their number (0.14 s
    each up to 200, 0.44 s from 200 to 1,000 here), and the session reads only these rows."""

    def columns(table, skip):
        env.cr.execute(
            SQL(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name NOT IN %s",
                table,
                tuple(skip),
            )
        )
        return [SQL.identifier(name) for (name,) in env.cr.fetchall()]

    env.flush_all()
    partner_columns = columns(
        "res_partner", ["id", "name", "complete_name", "commercial_partner_id", "comasec_coop_company_id"]
    )
    company_columns = columns("res_company", ["id", "name", "partner_id"])
    env.cr.execute(
        SQL(
            """
            WITH numbers AS (SELECT generate_series(%(first)s, %(last)s) AS n),
            partners AS (
                INSERT INTO res_partner (name, complete_name, %(pcols)s)
                SELECT 'Region cooperative Region company ' || n, 'Region cooperative Region company ' || n, %(pcols)s
                  FROM numbers, res_partner WHERE res_partner.id = %(partner)s
             RETURNING id, name
            ),
            companies AS (
                INSERT INTO res_company (name, partner_id, %(ccols)s)
                SELECT substr(partners.name, 20), partners.id, %(ccols)s
                  FROM partners, res_company WHERE res_company.id = %(company)s
             RETURNING id, partner_id
            )
            SELECT array_agg(id), array_agg(partner_id) FROM companies
            """,
            first=first,
            last=first + count - 1,
            pcols=SQL(", ").join(partner_columns),
            ccols=SQL(", ").join(company_columns),
            partner=env["res.partner"].search([("comasec_coop_company_id", "=", company.id)]).id,
            company=company.id,
        )
    )
    company_ids, partner_ids = env.cr.fetchone()
    # a statement apart: the main query of a WITH does not see the rows its parts insert
    env.cr.execute(
        SQL(
            """
            UPDATE res_partner SET comasec_coop_company_id = pairs.company_id, commercial_partner_id = res_partner.id
              FROM unnest(%s::int[], %s::int[]) AS pairs(company_id, partner_id)
             WHERE res_partner.id = pairs.partner_id
            """,
            company_ids,
            partner_ids,
        )
    )
    env.invalidate_all()
    env.registry.clear_cache()


def main():
    args = parse(
        __doc__.splitlines()[0],
        companies=("200,1000,5000", "sizes, ascending"),
        old_up_to=(5000, "measure 'before' (every company allowed) up to this size"),
        orm_up_to=(1000, "companies beyond this number are copied by SQL (see copy_companies)"),
    )
    sizes = [int(size) for size in args.companies.split(",")]
    rows = []
    with rolled_back_env(args) as env:
        group = env.ref("comasec_coop.comasec_coop_group_supervisor")
        supervisor = env["res.users"].create(
            {
                "name": "Region supervisor",
                "login": "region_supervisor_bench",
                "groups_id": [Command.set([env.ref("base.group_user").id, group.id])],
            }
        )
        home = supervisor.company_id
        limit = int(env["ir.config_parameter"].get_param("comasec_accounting_coaching.supervisor_open_books_limit"))
        existing = env["res.partner"].search_count([("comasec_coop_company_id", "!=", False)])
        made = existing
        for size in sizes:
            start = time.perf_counter()
            missing = max(0, min(size, args.orm_up_to) - made)
            batch = [{"name": f"Region company {made + index}"} for index in range(missing)]
            companies = env["res.company"].create(batch) if batch else env["res.company"]
            partners = env["res.partner"].create(
                [
                    {"name": f"Region cooperative {company.name}", "comasec_is_cooperative": True}
                    for company in companies
                ]
            )
            for partner, company in zip(partners, companies):
                partner.comasec_coop_company_id = company
            made += missing
            if size > made:
                template = env["res.company"].search([("name", "=like", "Region company %")], order="id desc", limit=1)
                copy_companies(env, template, size - made, made)
                made = size
            row = {"companies made (s)": time.perf_counter() - start}
            cooperatives = env["res.company"]._comasec_cooperative_companies()
            # after: CoMaSec's company and the books kept open
            env["comasec.opened.books"].search([("user_id", "=", supervisor.id)]).unlink()
            supervisor.write({"company_ids": [Command.set(home.ids)]})
            supervisor.with_user(supervisor)._comasec_open_books(cooperatives[:limit], "/odoo")
            after = measure(env, supervisor)
            start = time.perf_counter()
            supervisor.with_user(supervisor)._comasec_open_books(cooperatives[limit], "/odoo")
            after["one more Open books (s)"] = time.perf_counter() - start
            after["allowed companies, after one more"] = len(supervisor.company_ids)
            # before: every cooperative company allowed, as the former grant gave them
            before = {}
            if size <= args.old_up_to:
                supervisor.write({"company_ids": [Command.set((home | cooperatives).ids)]})
                before = measure(env, supervisor, rounds=3 if size <= 1000 else 1)
            for key, value in before.items():
                row[f"before: {key}"] = value
            for key, value in after.items():
                row[f"after: {key}"] = value
            rows.append((size, row))
            print(f"{size} cooperative companies: {row}", flush=True)
    keys = list(dict.fromkeys(key for _size, row in rows for key in row))
    print()
    print("| measure | " + " | ".join(f"{size} companies" for size, _row in rows) + " |")
    print("| --- |" + " --- |" * len(rows))
    for key in keys:
        values = [row.get(key) for _size, row in rows]
        shown = ["" if v is None else f"{v:.3f}" if isinstance(v, float) else f"{v:,}" for v in values]
        print(f"| {key} | " + " | ".join(shown) + " |")


if __name__ == "__main__":
    main()
