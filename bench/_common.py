"""Shared set-up of the CoMaSec accounting benchmarks: an Odoo environment on an
existing database whose data is created inside a transaction rolled back at the end."""

import argparse
import contextlib
import os

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def parse(description, unscaled=(), **defaults):
    """Arguments -c, --db, --scale and one option per ``defaults`` (name=(value, help));
    --scale multiplies the integer ones left at their default, except the ``unscaled``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (addons path, db access)")
    parser.add_argument(
        "-d", "--database", "--db", required=True, help="database with comasec_accounting_coaching installed"
    )
    for name, (value, helptext) in defaults.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value, help=helptext)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size left at its default")
    args = parser.parse_args()
    for name, (value, _helptext) in defaults.items():
        if isinstance(value, int) and name not in unscaled and getattr(args, name) == value:
            setattr(args, name, max(1, int(value * args.scale)))
    return args


def open_registry(dbname, config_file=None):
    """The registry of ``dbname``, with the connection from ``config_file`` or, without
    one, from PGHOST/PGPORT/PGUSER/PGPASSWORD (default localhost:5432 odoo/odoo)."""
    options = ["-d", dbname, "--log-level=warn"]
    if config_file:
        options = ["-c", config_file, *options]
    else:
        options += [
            f"--db_host={os.environ.get('PGHOST', 'localhost')}",
            f"--db_port={os.environ.get('PGPORT', '5432')}",
            f"--db_user={os.environ.get('PGUSER', 'odoo')}",
            f"--db_password={os.environ.get('PGPASSWORD', 'odoo')}",
        ]
    odoo.tools.config.parse_config(options)
    return odoo.modules.registry.Registry(dbname)


@contextlib.contextmanager
def sequences_kept(registry):
    """Odoo's gap-allowed sequences are PostgreSQL sequences, which a rollback does not
    put back: a bench that draws certificate numbers in a rolled-back transaction would
    take them from the database's real documents (numbers past MS-YYYY-9999). Each one
    is set back where it was when the bench ends."""
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM ir_sequence WHERE implementation = 'standard'")
        names = [f"ir_sequence_{sequence_id:03d}" for (sequence_id,) in cr.fetchall()]
        states = {}
        for name in names:
            cr.execute(SQL("SELECT last_value, is_called FROM %s", SQL.identifier(name)))
            states[name] = cr.fetchone()
    try:
        yield
    finally:
        with registry.cursor() as cr:
            for name, (last_value, is_called) in states.items():
                cr.execute(SQL("SELECT setval(%s, %s, %s)", name, last_value, is_called))


@contextlib.contextmanager
def rolled_back_env(args):
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.rollback()


def template_company(env):
    """A company with the Moroccan chart: its journal and accounts serve every fake company."""
    company = env["res.company"].search([("chart_template", "=", "ma")], limit=1)
    if not company:
        raise SystemExit("No company with the l10n_ma chart in this database.")
    account = env["account.account"].with_company(company)
    return {
        "company": company.id,
        "journal": env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "sale")], limit=1).id,
        "receivable": account.search([("account_type", "=", "asset_receivable")], limit=1).id,
        "income": account.search([("account_type", "=", "income")], limit=1).id,
        "cash": account.search([("account_type", "=", "asset_cash")], limit=1).id,
        "currency": env.ref("base.MAD").id,
    }


def insert_books(env, company_ids, lines_per_company, accounts, days=400, first=1):
    """Posted sales (two lines each, receivable or cash against income) spread over the
    last ``days`` days for every company, numbered from ``first``, inserted with two
    set-based queries."""
    moves_per_company = max(1, lines_per_company // 2)
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_move (company_id, journal_id, currency_id, state, move_type, auto_post, date,
                                      invoice_date, name, sequence_prefix, sequence_number, create_date)
            SELECT c, %(journal)s, %(currency)s, 'posted', 'out_invoice', 'no', current_date - mod(g, %(days)s),
                   current_date - mod(g, %(days)s), 'BENCH/' || c || '/' || g, 'BENCH/' || c || '/', g, now()
              FROM unnest(%(companies)s) c, generate_series(%(first)s, %(last)s) g
            RETURNING id
            """,
            journal=accounts["journal"],
            currency=accounts["currency"],
            companies=list(company_ids),
            first=first,
            last=first + moves_per_company - 1,
            days=days,
        )
    )
    move_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (move_id, company_id, journal_id, account_id, currency_id, display_type,
                                           date, parent_state, debit, credit, balance, amount_currency,
                                           amount_residual, date_maturity, reconciled, name)
            SELECT m.id, m.company_id, m.journal_id,
                   CASE WHEN l.debit > 0 THEN (CASE WHEN mod(m.id, 2) = 0 THEN %(cash)s ELSE %(receivable)s END)
                        ELSE %(income)s END,
                   m.currency_id, 'product', m.date, 'posted', l.debit, l.credit, l.debit - l.credit,
                   l.debit - l.credit, CASE WHEN l.debit > 0 AND mod(m.id, 2) = 1 THEN l.debit ELSE 0 END,
                   m.date + 30, false, 'bench'
              FROM account_move m, (VALUES (100.0, 0.0), (0.0, 100.0)) AS l(debit, credit)
             WHERE m.id = ANY(%(moves)s)
            """,
            cash=accounts["cash"],
            receivable=accounts["receivable"],
            income=accounts["income"],
            moves=move_ids,
        )
    )
    env.invalidate_all()
    return len(move_ids) * 2


def copy_invoices(cr, template_ids, copies, posted=True):
    """``copies`` copies per company of its draft invoices ``template_ids``, with their
    lines and taxes, written with set-based INSERTs (the ORM takes 0.1-0.3 s an invoice).

    Posted copies are dated over the last 730 days, created 0-2 days after their date and
    numbered per journal and year as Odoo numbers sales (INV/2025/00001); draft copies
    keep their template's date and have no number yet."""
    cr.execute(
        SQL(
            """
            DROP TABLE IF EXISTS bench_move_map, bench_line_map;
            CREATE TEMP TABLE bench_move_map ON COMMIT DROP AS
            SELECT c.*, j.code || '/' || extract(year FROM c.day)::int || '/' AS prefix,
                   row_number() OVER (PARTITION BY c.journal_id, extract(year FROM c.day) ORDER BY c.day, c.g)
                       AS number
              FROM (SELECT nextval('account_move_id_seq') AS new_id, t.company_id, t.journal_id, g,
                           t.ids[1 + mod(g, array_length(t.ids, 1))] AS template_id,
                           CASE WHEN %(posted)s THEN current_date - 1 - mod(g * 7919 + t.company_id * 31, 729)
                                ELSE t.day END AS day
                      FROM (SELECT company_id, journal_id, array_agg(id ORDER BY id) AS ids, max(date) AS day
                              FROM account_move WHERE id = ANY(%(templates)s)
                          GROUP BY company_id, journal_id) t,
                           generate_series(1, %(copies)s) g) c
              JOIN account_journal j ON j.id = c.journal_id;
            CREATE TEMP TABLE bench_line_map ON COMMIT DROP AS
            SELECT nextval('account_move_line_id_seq') AS new_id, l.id AS template_id, m.new_id AS move_id
              FROM bench_move_map m JOIN account_move_line l ON l.move_id = m.template_id;
            """,
            templates=template_ids,
            copies=copies,
            posted=posted,
        )
    )
    moves = {
        "id": "m.new_id",
        "access_token": "NULL",
        "create_date": "m.day + mod(m.g, 3) + interval '10 hours'",
        "write_date": "m.day + mod(m.g, 3) + interval '10 hours'",
    }
    if posted:
        moves.update(
            {
                "name": "m.prefix || lpad(m.number::text, 5, '0')",
                "sequence_prefix": "m.prefix",
                "sequence_number": "m.number",
                "state": "'posted'",
                "posted_before": "true",
                "date": "m.day",
                "invoice_date": "m.day",
                "invoice_date_due": "m.day + 30",
                "payment_reference": "m.prefix || lpad(m.number::text, 5, '0')",
            }
        )
    else:
        moves.update({"name": "'/'", "sequence_prefix": "NULL", "sequence_number": "NULL"})
    lines = {
        "id": "x.new_id",
        "move_id": "x.move_id",
        "create_date": "m.day + mod(m.g, 3) + interval '10 hours'",
        "write_date": "m.day + mod(m.g, 3) + interval '10 hours'",
    }
    if posted:
        lines.update(
            {
                "move_name": "m.prefix || lpad(m.number::text, 5, '0')",
                "parent_state": "'posted'",
                "date": "m.day",
                "invoice_date": "m.day",
                "date_maturity": "CASE WHEN t.date_maturity IS NULL THEN NULL ELSE m.day + 30 END",
            }
        )
    else:
        lines["move_name"] = "'/'"
    for table, values, join in (
        ("account_move", moves, "bench_move_map m JOIN account_move t ON t.id = m.template_id"),
        (
            "account_move_line",
            lines,
            "bench_line_map x JOIN account_move_line t ON t.id = x.template_id "
            "JOIN bench_move_map m ON m.new_id = x.move_id",
        ),
    ):
        cr.execute(
            SQL(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                table,
            )
        )
        columns = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(column) for column in columns),
                SQL(", ").join(SQL(values.get(column, f"t.{column}")) for column in columns),
                SQL(join),
            )
        )
    for table, column in (
        ("account_move_line_account_tax_rel", "account_tax_id"),
        ("account_account_tag_account_move_line_rel", "account_account_tag_id"),
    ):
        cr.execute(
            SQL(
                "INSERT INTO %(table)s (account_move_line_id, %(column)s) "
                "SELECT x.new_id, r.%(column)s FROM bench_line_map x "
                "JOIN %(table)s r ON r.account_move_line_id = x.template_id",
                table=SQL.identifier(table),
                column=SQL.identifier(column),
            )
        )
    # Odoo named the first draft of each journal INV/<year>/00001, a number posted copies
    # may now hold: unnamed, the drafts take the next numbers when they are posted.
    cr.execute(
        SQL(
            "UPDATE account_move SET name = '/', sequence_prefix = NULL, sequence_number = NULL WHERE id = ANY(%s)",
            template_ids,
        )
    )
    cr.execute("ANALYZE account_move, account_move_line")
