"""What an upgrade must keep: every record of the suite's models and of the Odoo records
they hang on, and every journal entry as it was posted.

    python3 tests/upgrade_snapshot.py snapshot DB OUT.json
    python3 tests/upgrade_snapshot.py compare BEFORE.json AFTER.json

``snapshot`` reads a database (PGHOST/PGPORT/PGUSER/PGPASSWORD) and writes the ids of
each table, per journal entry its state, name and lines (account, debit, credit), and the
values of the columns listed in ``RENAMED_COLUMNS`` (read under their old name before the
upgrade, their new name after it).
``compare`` fails (exit 1) on any record of ``BEFORE`` missing from ``AFTER``, on any
journal entry whose name, state or lines changed and on any value of a renamed column
that the upgrade lost or changed. An upgrade may add records (new demo data, new
settings); it may not lose or rewrite one, unless a model is listed in ``GONE`` with the
reason it was dropped on purpose.
"""

import json
import sys

import psycopg2
from psycopg2 import sql

# Odoo's tables the suite's records live on or write to.
CORE_TABLES = [
    "res_partner",
    "res_company",
    "res_users",
    "res_groups",
    "account_account",
    "account_journal",
    "account_tax",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_fiscal_year",
    "ir_attachment",
    "event_event",
    "event_registration",
    "hr_employee",
    "survey_survey",
    "survey_user_input",
    "mail_activity",
    "mis_report_instance",
    "product_template",
]

# model -> why an upgrade drops it on purpose (none since the version this is run from)
GONE = {}

# table -> {old column: new column}: stored fields an upgrade renames, whose values it keeps
RENAMED_COLUMNS = {
    # issue 21: the fields the suite adds to contacts carry the comasec_ prefix
    "res_partner": {
        name: f"comasec_{name}"
        for name in (
            "is_cooperative",
            "coop_state",
            "coop_legal_form",
            "coop_register_number",
            "coop_register_date",
            "coop_register_court",
            "coop_if",
            "coop_tp",
            "coop_cnss",
            "coop_founding_date",
            "coop_fiscal_year_end_month",
            "coop_province_id",
            "coop_commune_id",
            "coop_union_id",
            "coop_makes_food",
            "onssa_number",
            "onssa_kind",
            "onssa_date",
            "onssa_expiry_date",
            "coop_share_value",
            "coop_currency_id",
            "coop_member_count",
            "coop_women_count",
            "coop_capital_subscribed",
            "coop_capital_paid",
            "compliance_review_id",
            "compliance_score",
            "compliance_level",
            "compliance_trend",
            "compliance_review_date",
            "coop_company_id",
        )
    },
    # issue 21: comasec_training's fields on Odoo's event models carry the comasec_ prefix
    "event_event": {
        name: f"comasec_{name}"
        for name in (
            "commune_id",
            "cost",
            "course_id",
            "funding_source",
            "hours",
            "place",
            "post_survey_id",
            "pre_survey_id",
            "province_id",
            "sponsor_id",
            "theme",
            "training_kind",
        )
    },
    "event_registration": {
        name: f"comasec_{name}"
        for name in (
            "attendance_rate",
            "cooperative_id",
            "course_id",
            "gender",
            "hours_attended",
            "member_id",
            "post_evaluated",
            "post_score",
            "post_user_input_id",
            "pre_score",
            "pre_user_input_id",
            "province_id",
            "result",
            "training_kind",
        )
    },
}


def connect(dbname):
    return psycopg2.connect(dbname=dbname)


def snapshot(dbname):
    with connect(dbname) as conn, conn.cursor() as cr:
        cr.execute(
            """SELECT model FROM ir_model
                WHERE model LIKE 'comasec.%%' AND NOT transient ORDER BY model"""
        )
        models = [model for (model,) in cr.fetchall()]
        cr.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        existing = {table for (table,) in cr.fetchall()}
        tables = {}
        for model in models:
            table = model.replace(".", "_")
            if table in existing:
                tables[model] = table
        for table in CORE_TABLES:
            if table in existing:
                tables[table] = table
        ids = {}
        for name, table in tables.items():
            query = sql.SQL("SELECT coalesce(array_agg(id ORDER BY id), ARRAY[]::int[]) FROM {}")
            cr.execute(query.format(sql.Identifier(table)))
            ids[name] = cr.fetchone()[0]
        cr.execute(
            """SELECT m.id, m.name, m.state,
                      array_agg(ARRAY[l.account_id::text, l.debit::text, l.credit::text] ORDER BY l.id)
                 FROM account_move m JOIN account_move_line l ON l.move_id = m.id
                GROUP BY m.id"""
        )
        moves = {str(move_id): [name, state, lines] for move_id, name, state, lines in cr.fetchall()}
        columns = {}
        for table, renamed in RENAMED_COLUMNS.items():
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
            present = {column for (column,) in cr.fetchall()}
            for old, new in renamed.items():
                # the old name before the upgrade, the new one after it
                column = old if old in present else new if new in present else None
                if column is None:
                    continue
                query = sql.SQL("SELECT id, {}::text FROM {}").format(sql.Identifier(column), sql.Identifier(table))
                cr.execute(query)
                columns[f"{table}.{new}"] = {str(record_id): value for record_id, value in cr.fetchall()}
    return {"ids": ids, "moves": moves, "columns": columns}


def compare(before, after):
    problems = []
    kept = 0
    for name, ids in before["ids"].items():
        if name in GONE:
            continue
        if name not in after["ids"]:
            problems.append(f"{name}: the table is gone ({len(ids)} records)")
            continue
        missing = sorted(set(ids) - set(after["ids"][name]))
        if missing:
            problems.append(f"{name}: {len(missing)} of {len(ids)} records lost, ids {missing[:10]}")
        kept += len(ids) - len(missing)
    changed = [move_id for move_id, move in before["moves"].items() if after["moves"].get(move_id) != move]
    if changed:
        problems.append(f"{len(changed)} journal entries changed or lost, ids {changed[:10]}")
    for column, values in before.get("columns", {}).items():
        if column not in after.get("columns", {}):
            problems.append(f"{column}: the renamed column is gone ({len(values)} values)")
            continue
        after_values = after["columns"][column]
        differ = sorted(int(i) for i, value in values.items() if i in after_values and after_values[i] != value)
        if differ:
            problems.append(f"{column}: {len(differ)} values changed by the upgrade, ids {differ[:10]}")
    return kept, problems


def main(argv):
    if len(argv) == 4 and argv[1] == "snapshot":
        with open(argv[3], "w") as out:
            json.dump(snapshot(argv[2]), out)
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        with open(argv[2]) as one, open(argv[3]) as two:
            before, after = json.load(one), json.load(two)
        kept, problems = compare(before, after)
        renamed = before.get("columns", {})
        for problem in problems:
            print(f"FAILED: {problem}")
        if problems:
            return 1
        print(
            f"ok: the upgrade kept all {kept} records of {len(before['ids'])} tables "
            f"and {len(before['moves'])} journal entries unchanged, and the "
            f"{sum(len(values) for values in renamed.values())} values of {len(renamed)} renamed columns"
        )
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
