"""Helpers for the suite's migration scripts."""

from openupgradelib import openupgrade

from odoo.tools import SQL

# a field added to contacts is on users too, through _inherits
PARTNER_MODELS = {"res.partner": "res_partner", "res.users": "res_users"}


def add_prefix(env, module, models, names):
    """``rename_fields`` for fields of ``module`` that take the comasec_ prefix."""
    rename_fields(env, module, models, {name: f"comasec_{name}" for name in names})


def rename_fields(env, module, models, renames):
    """Rename the fields ``renames`` ({old: new}) that ``module`` adds to ``models``
    ({model: table}, the model first, then those that inherit its fields through
    ``_inherits``, such as res.users for res.partner), keeping their values.

    openupgradelib renames the column, the field's row, its filters and exports. Odoo
    18 names a column's index ``table__column_index`` (openupgradelib renames the older
    ``table_column_index`` only), and identifies a field's row and its selection values
    by xmlids named after the field, and its foreign key as ``table_column_fkey``: renamed
    here too, otherwise the end of the upgrade deletes those rows as obsolete, and with a
    selection's values the data that used them.
    The views of these models name the new fields as well: each module's views are
    reloaded later, but Odoo validates a view with the others of the module still in
    the database, which would name a field that no longer exists."""
    openupgrade.rename_fields(
        env, [(model, table, old, new) for model, table in models.items() for old, new in renames.items()]
    )
    cr = env.cr
    for model, table in models.items():
        prefix = model.replace(".", "_")
        for old, new in renames.items():
            cr.execute(
                SQL(
                    """UPDATE ir_ui_view SET arch_db = regexp_replace(arch_db::text, %(old)s, %(new)s, 'g')::jsonb
                        WHERE model = %(model)s AND arch_db::text ~ %(old)s""",
                    model=model,
                    old=rf"\m{old}\M",
                    new=new,
                )
            )
            cr.execute(
                SQL(
                    "ALTER INDEX IF EXISTS %s RENAME TO %s",
                    SQL.identifier(f"{table}__{old}_index"),
                    SQL.identifier(f"{table}__{new}_index"),
                )
            )
            rename_foreign_key(cr, table, old, new)
            cr.execute(
                SQL(
                    """UPDATE ir_model_data SET name = %(new)s
                        WHERE module = %(module)s AND model = 'ir.model.fields' AND name = %(old)s""",
                    module=module,
                    old=f"field_{prefix}__{old}",
                    new=f"field_{prefix}__{new}",
                )
            )
            old_selection, new_selection = f"selection__{prefix}__{old}__", f"selection__{prefix}__{new}__"
            cr.execute(
                SQL(
                    """UPDATE ir_model_data SET name = %(new)s || substr(name, %(tail)s)
                        WHERE module = %(module)s AND model = 'ir.model.fields.selection'
                          AND left(name, %(length)s) = %(old)s""",
                    module=module,
                    old=old_selection,
                    new=new_selection,
                    length=len(old_selection),
                    tail=len(old_selection) + 1,
                )
            )


def rename_foreign_key(cr, table, old, new):
    """The foreign key Odoo named after the column, and the module's record of it (by
    which an uninstall drops it): Odoo 18 looks foreign keys up by name, and would add a
    second one beside the old."""
    old_fkey, new_fkey = f"{table}_{old}_fkey", f"{table}_{new}_fkey"
    cr.execute(SQL("SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass", old_fkey, table))
    if cr.rowcount:
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old_fkey),
                SQL.identifier(new_fkey),
            )
        )
        cr.execute(SQL("UPDATE ir_model_constraint SET name = %s WHERE name = %s AND type = 'f'", new_fkey, old_fkey))
