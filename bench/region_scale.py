"""The region at its current size, as its supervisor and one bookkeeper live it.

    python3 bench/region_scale.py -c CONF --db DB [--plain-db PLAIN] [--invoices 200] [--rounds 2] [--out FILE]
    python3 bench/region_scale.py --compare SMALL.json LARGE.json

On a region made by bench/populate.py (any number of accounting companies), in one
transaction rolled back at the end (Odoo's sequences put back), it measures:

- login and first page: a supervisor made as an administrator makes one (Settings >
  Users, the supervisor group ticked) who opened the setting's number of cooperatives'
  books; the session information embedded in the web client's first page (bytes, of
  which allowed companies, time, queries: region_session.measure) and the menus;
- the company switcher: the allowed companies it lists, read as the supervisor, and
  opening one more cooperative's books (``res.partner.action_open_books``);
- the cockpit: its views, then what its kanban (grouped by compliance level) and list
  load, as the web client asks them (``web_read_group``, ``web_search_read``);
- a cooperative's form: the partner form read (``web_read``) as the supervisor;
- the compliance campaign: the supervisor starts a review for every cooperative with the
  suite's wizard (``comasec.compliance.review.create``);
- the nightly jobs: every scheduled action of the suite, run as the scheduler runs it
  (``method_direct_trigger``, again while it reports work remaining);
- posting --invoices invoices in one cooperative's company as its bookkeeper, against
  the same batch posted by an invoicing user of plain Odoo (account + l10n_ma, in
  PLAIN: created when missing), rounds alternated as in bench/invoice_overhead.py.

Prints one table (and writes it as JSON with --out); --compare prints two such files
side by side with the growth from the first to the second.
"""

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SUPERVISOR_GROUP = "comasec_coop.comasec_coop_group_supervisor"


class Table:
    def __init__(self):
        self.rows = {}

    def timed(self, env, name, func, *args):
        """Run ``func`` from an empty cache; its seconds and SQL queries become two rows."""
        env.flush_all()
        env.invalidate_all()
        queries, start = env.cr.sql_log_count, time.perf_counter()
        result = func(*args)
        env.flush_all()
        self.rows[f"{name}: seconds"] = time.perf_counter() - start
        self.rows[f"{name}: queries"] = env.cr.sql_log_count - queries
        return result

    def __setitem__(self, name, value):
        self.rows[name] = value


def spec(model, arch):
    """The fields the web client asks for a view: each field of its arch (related records
    by their display name)."""
    from lxml import etree

    names = dict.fromkeys(node.get("name") for node in etree.fromstring(arch).iter("field"))
    return {
        name: {"fields": {"display_name": {}}} if model._fields[name].relational else {}
        for name in names
        if name in model._fields
    }


def login(env, table, supervisor):
    from region_session import measure

    session = measure(env, supervisor)
    table["allowed companies"] = session["allowed companies"]
    table["session info: bytes"] = session["session info bytes"]
    table["session info: bytes of allowed companies"] = session["of which companies"]
    table["session info: seconds"] = session["session info seconds"]
    table["session info: queries"] = session["queries"]
    table["cids cookie bytes, all active"] = session["cids cookie bytes, all active"]
    user_env = env(user=supervisor.id)
    table.timed(env, "first page menus", user_env["ir.ui.menu"].load_web_menus, False)


def switcher(env, table, supervisor, cooperative):
    user_env = env(user=supervisor.id)
    table.timed(
        env,
        "switcher: allowed companies read",
        lambda: user_env["res.company"].search_read(
            [("id", "in", supervisor.company_ids.ids)], ["name", "sequence", "parent_id", "child_ids"]
        ),
    )
    table.timed(env, "switcher: open one more cooperative's books", cooperative.with_user(supervisor).action_open_books)


def cockpit(env, table, supervisor):
    action = env.ref("comasec_coop.res_partner_action_comasec_cockpit")
    partners = env(user=supervisor.id, context={"group_by": "comasec_compliance_level"})["res.partner"]
    views = [(view_id, mode) for view_id, mode in action.views if mode in ("kanban", "list")]
    result = table.timed(
        env,
        "cockpit: views",
        partners.get_views,
        [*views, (action.search_view_id.id, "search")],
        {"action_id": action.id, "toolbar": True},
    )
    domain = [("comasec_is_cooperative", "=", True)]
    kanban = spec(partners, result["views"]["kanban"]["arch"])
    listed = spec(partners, result["views"]["list"]["arch"])

    def kanban_load():
        groups = partners.web_read_group(
            domain, ["comasec_compliance_level"], ["comasec_compliance_level"], limit=80, lazy=True
        )
        for group in groups["groups"]:
            partners.web_search_read(group["__domain"], kanban, limit=40)
        return groups

    groups = table.timed(env, "cockpit: kanban by compliance level", kanban_load)
    table["cockpit: cooperatives"] = sum(group["comasec_compliance_level_count"] for group in groups["groups"])
    table.timed(env, "cockpit: list (first 80)", partners.web_search_read, domain, listed, 0, 80)


def cooperative_form(env, table, supervisor, cooperative):
    action = env.ref("comasec_coop.res_partner_action_comasec_cockpit")
    partners = env(user=supervisor.id)["res.partner"]
    form = next(view_id for view_id, mode in action.views if mode == "form")
    result = partners.get_views([(form, "form")])
    fields = spec(partners, result["views"]["form"]["arch"])
    table.timed(env, "cooperative form read", cooperative.with_user(supervisor).web_read, fields)


def campaign(env, table, supervisor):
    cooperatives = env["res.partner"].search([("comasec_is_cooperative", "=", True)])
    wizard = (
        env["comasec.compliance.review.create"]
        .with_user(supervisor)
        .create({"cooperative_ids": [(6, 0, cooperatives.ids)], "period": "region-scale-bench"})
    )
    table.timed(env, "compliance campaign (every cooperative)", wizard.action_create)
    table["compliance campaign: reviews started"] = env["comasec.compliance.review"].search_count(
        [("period", "=", "region-scale-bench"), ("state", "!=", "draft")]
    )


def nightly(env, table):
    """Every scheduled action of the suite, as the scheduler runs it: once, then again
    while it reports work remaining (each run is one commit in production)."""
    crons = env["ir.model.data"].search([("model", "=", "ir.cron"), ("module", "=like", "comasec_%")])
    for data in crons.sorted("name"):
        cron = env["ir.cron"].browse(data.res_id)
        if not cron.active:
            continue

        def run(cron=cron):
            for _round in range(1000):
                cron.method_direct_trigger()
                env.flush_all()
                progress = env["ir.cron.progress"].search([("cron_id", "=", cron.id)], order="id desc", limit=1)
                if not progress.remaining:
                    return

        table.timed(env, f"nightly {data.name.removeprefix('ir_cron_')}", run)


def bookkeeper_batch(env, company, user, count):
    """``count`` draft invoices of ``company`` (invoice_overhead's), the environment of
    ``user`` working in that company, and the drafts in it."""
    from invoice_overhead import draft_invoices

    moves = draft_invoices(env, company, count)
    env.flush_all()
    user_env = env(user=user.id, context={"allowed_company_ids": company.ids})
    return user_env, moves.with_env(user_env)


def plain_batch(plain_db, config, count):
    """On plain Odoo: a Moroccan company with the l10n_ma chart, an invoicing user of it,
    and the drafts; the cursor stays open, nothing is committed."""
    from invoice_overhead import setup_company

    import odoo
    from odoo.modules.registry import Registry

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [plain_db])
        exists = cr.fetchone()
    if not exists:
        command = [sys.executable, "-m", "odoo", "-c", config, "-d", plain_db, "-i", "account,l10n_ma"]
        subprocess.run([*command, "--without-demo=all", "--stop-after-init"], check=True)
    cr = Registry(plain_db).cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    company = setup_company(env)
    user = env["res.users"].create(
        {
            "name": "Plain invoicing user",
            "login": "plain.invoicing.bench",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, [env.ref("base.group_user").id, env.ref("account.group_account_invoice").id])],
        }
    )
    return bookkeeper_batch(env, company, user, count)


def posting(env, table, args, bookkeeper, company):
    from invoice_overhead import post_once

    suite = bookkeeper_batch(env, company, bookkeeper, args.invoices)
    plain = plain_batch(args.plain_db, args.config, args.invoices)
    times = {"plain": [], "suite": []}
    queries = {}
    try:
        for index in range(args.rounds):
            for key in ("plain", "suite") if index % 2 == 0 else ("suite", "plain"):
                user_env, moves = suite if key == "suite" else plain
                elapsed, count = post_once(user_env, moves)
                times[key].append(elapsed)
                queries[key] = count
    finally:
        plain[0].cr.rollback()
        plain[0].cr.close()
    mean = {key: sum(values) / len(values) for key, values in times.items()}
    table[f"post {args.invoices} invoices as the bookkeeper: seconds"] = mean["suite"]
    table["post invoices: queries per invoice"] = queries["suite"] / args.invoices
    table["post invoices: plain Odoo seconds"] = mean["plain"]
    table["post invoices: ratio to plain Odoo (goal <= 1.05)"] = mean["suite"] / mean["plain"]


def measure(args):
    from _common import open_registry, sequences_kept

    import odoo

    registry = open_registry(args.db, args.config)
    # the addons' packages are importable once the registry set the addons path
    from odoo.addons.comasec_coop.models.comasec_params import get_param

    # the supervisor is made by the suite's tests' helper, whose import Odoo logs outside tests
    logging.getLogger("odoo.tests.common").setLevel(logging.CRITICAL)
    from odoo.addons.comasec_coop.tests.common import settings_user

    table = Table()
    with sequences_kept(registry), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            cooperatives = env["res.partner"].search([("comasec_is_cooperative", "=", True)], order="id")
            onboarded = cooperatives.filtered("comasec_coop_company_id")
            cr.execute("SELECT count(*) FROM account_move_line")
            table["cooperatives"] = len(cooperatives)
            table["accounting companies"] = len(onboarded)
            table["journal items"] = cr.fetchone()[0]
            cr.execute("SELECT pg_database_size(current_database())")
            table["database size (MB)"] = cr.fetchone()[0] / 2**20
            supervisor = settings_user(env, "region_scale_supervisor", [SUPERVISOR_GROUP])
            # (a small database, such as the demo's, opens all its books but one)
            limit = min(get_param(env, "comasec_accounting_coaching.supervisor_open_books_limit"), len(onboarded) - 1)
            # a working day's state: the setting's number of cooperatives' books open
            onboarded[:limit].with_user(supervisor).action_open_books()
            login(env, table, supervisor)
            switcher(env, table, supervisor, onboarded[limit])
            cockpit(env, table, supervisor)
            cooperative_form(env, table, supervisor, onboarded[-1])
            campaign(env, table, supervisor)
            nightly(env, table)
            company = onboarded[len(onboarded) // 2].comasec_coop_company_id
            bookkeeper = env["res.users"].search(
                [("company_id", "=", company.id), ("groups_id", "in", env.ref("account.group_account_invoice").ids)],
                limit=1,
            )
            posting(env, table, args, bookkeeper, company)
        finally:
            cr.rollback()
    return table.rows


def shown(value):
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}"


def compare(small, large):
    rows = [json.loads(Path(path).read_text()) for path in (small, large)]
    sizes = [f"{row['accounting companies']:,} companies" for row in rows]
    print(f"| measure | {sizes[0]} | {sizes[1]} | growth |")
    print("| --- | --- | --- | --- |")
    for key, value in rows[0].items():
        other = rows[1].get(key)
        growth = f"{other / value:.2f}x" if value and other is not None else ""
        print(f"| {key} | {shown(value)} | {'' if other is None else shown(other)} | {growth} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("--db", help="database holding a region made by bench/populate.py")
    parser.add_argument("--plain-db", default="region_scale_plain_db", help="account + l10n_ma only")
    parser.add_argument("--invoices", type=int, default=200, help="invoices posted per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", help="write the figures to this JSON file")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"), help="two --out files side by side")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if not (args.config and args.db):
        parser.error("-c and --db are required to measure")
    rows = measure(args)
    print("| measure | value |\n| --- | --- |")
    for key, value in rows.items():
        print(f"| {key} | {shown(value)} |")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
