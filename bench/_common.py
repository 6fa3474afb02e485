"""Shared set-up of the CoMaSec accounting benchmarks: an Odoo environment on an
existing database whose data is created inside a transaction rolled back at the end."""

import argparse
import contextlib
import os

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def parse(description, **defaults):
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
        if isinstance(value, int) and getattr(args, name) == value:
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
