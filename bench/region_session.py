"""What a supervisor's session costs as the region grows: 200, 1,000, 5,000 companies.

    python3 bench/region_session.py -c CONF --db DB [--companies 200,1000,5000]

The suite gives a supervisor every cooperative company among their allowed companies
(``res.users._comasec_grant_cooperative_companies``) so that Odoo's multi-company rules
let them read each cooperative's books. Odoo then sends every allowed company with the
session information of each page load (``ir.http.session_info``, embedded in the web
client's first page) and keeps the active ones in the ``cids`` cookie. For each size, in
one transaction rolled back at the end: cooperative companies are created (plain
``res.company`` records linked to cooperatives, no chart: the session does not read it),
the supervisor is granted them by the suite's own method, and the script prints the size
and time of the session information, its SQL queries, and the length of the ``cids``
cookie with every company active (browsers drop a cookie above 4,096 bytes).
"""

import json
import time
from types import SimpleNamespace

from _common import parse, rolled_back_env

from odoo import Command
from odoo.http import Session, _request_stack, get_default_session


def measure(env, user):
    session_env = env(user=user.id)
    # session_info reads the request's session: the supervisor's, logged in
    session = Session(get_default_session(), "bench", new=True)
    session.update({"uid": user.id, "login": user.login, "db": env.cr.dbname})
    # every company active, as a supervisor reading the whole region would have them
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
    for _round in range(3):
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
    cookie = f"cids={cids}"
    return {
        "allowed companies": len(companies),
        "session info bytes": len(json.dumps(info)),
        "of which companies": len(json.dumps(info["user_companies"])),
        "session info seconds": best,
        "queries": queries,
        "cids cookie bytes, all active": len(cookie),
    }


def main():
    args = parse(__doc__.splitlines()[0], companies=("200,1000,5000", "sizes, ascending"))
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
        existing = env["res.partner"].search_count([("coop_company_id", "!=", False)])
        made = existing
        for size in sizes:
            start = time.perf_counter()
            missing = max(0, size - made)
            batch = [{"name": f"Region company {made + index}"} for index in range(missing)]
            companies = env["res.company"].create(batch) if batch else env["res.company"]
            partners = env["res.partner"].create(
                [{"name": f"Region cooperative {company.name}", "is_cooperative": True} for company in companies]
            )
            for partner, company in zip(partners, companies):
                partner.coop_company_id = company
            made += missing
            supervisor._comasec_grant_cooperative_companies()
            setup = time.perf_counter() - start
            row = measure(env, supervisor)
            row["companies made (s)"] = setup
            rows.append((size, row))
            print(f"{size} cooperative companies: {row}", flush=True)
    keys = list(rows[0][1])
    print()
    print("| measure | " + " | ".join(f"{size} companies" for size, _row in rows) + " |")
    print("| --- |" + " --- |" * len(rows))
    for key in keys:
        values = [row[key] for _size, row in rows]
        shown = [f"{v:.3f}" if isinstance(v, float) else f"{v:,}" for v in values]
        print(f"| {key} | " + " | ".join(shown) + " |")


if __name__ == "__main__":
    main()
