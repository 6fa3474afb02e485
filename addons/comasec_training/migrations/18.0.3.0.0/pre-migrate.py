"""18.0.3.0.0: the fields this module adds to Odoo's event.event and event.registration
carry the comasec_ prefix (issue 21). Before the module loads, each field keeps its column
(renamed with its index and foreign key), its ir.model.fields record (so its tracking
values, defaults, translations and exports follow) and its XML ids and those of its
selection values: otherwise the upgrade would drop the old columns with their data and
create empty ones. Saved filters on the two models are rewritten by openupgradelib, and
mail templates of the training's models in every language: the module's data updates only
their English text, and a translation still naming an old field would fail to render.

event.event's currency_id is left out: it is not stored, and event_product (installed
with product) defines the same field, whose record must keep its name.

As at every version, settings an admin saved before their defaults were shipped as data
are adopted by that data (noupdate)."""

import re

from openupgradelib import openupgrade
from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api
from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.tools import SQL

RENAMED = {
    "event.event": [
        "certificate_count",
        "commune_id",
        "cost",
        "course_id",
        "day_ids",
        "funding_source",
        "hours",
        "place",
        "post_survey_id",
        "pre_survey_id",
        "province_id",
        "sponsor_id",
        "theme",
        "trainer_ids",
        "training_kind",
    ],
    "event.registration": [
        "attendance_ids",
        "attendance_rate",
        "certificate_ids",
        "cooperative_id",
        "course_id",
        "gender",
        "hours_attended",
        "max_score",
        "member_id",
        "post_evaluated",
        "post_score",
        "post_survey_id",
        "post_user_input_id",
        "pre_score",
        "pre_survey_id",
        "pre_user_input_id",
        "province_id",
        "result",
        "training_kind",
    ],
}


def migrate(cr, version):
    adopt_params(cr, "comasec_training")
    # openupgradelib reads only the cursor of this environment
    env = api.Environment(cr, SUPERUSER_ID, {})
    for model, names in RENAMED.items():
        table = model.replace(".", "_")
        openupgrade.rename_fields(env, [(model, table, name, f"comasec_{name}") for name in names])
        for name in names:
            rename_field_xmlids(cr, table, name, f"comasec_{name}")
            rename_column_objects(cr, table, name, f"comasec_{name}")
    rewrite_mail_templates(cr)


def rename_field_xmlids(cr, table, old, new):
    """field_<table>__<old> and selection__<table>__<old>__<value> of this module."""
    cr.execute(
        SQL(
            """
            UPDATE ir_model_data
               SET name = %(new_field)s
             WHERE module = 'comasec_training' AND model = 'ir.model.fields' AND name = %(old_field)s
            """,
            old_field=f"field_{table}__{old}",
            new_field=f"field_{table}__{new}",
        )
    )
    old_prefix, new_prefix = f"selection__{table}__{old}__", f"selection__{table}__{new}__"
    cr.execute(
        SQL(
            """
            UPDATE ir_model_data
               SET name = %(new_prefix)s || substr(name, length(%(old_prefix)s) + 1)
             WHERE module = 'comasec_training' AND model = 'ir.model.fields.selection'
               AND left(name, length(%(old_prefix)s)) = %(old_prefix)s
            """,
            old_prefix=old_prefix,
            new_prefix=new_prefix,
        )
    )


def rename_column_objects(cr, table, old, new):
    """The index and foreign key named after the column, as Odoo names them on install
    (openupgradelib looks for an index name of older Odoo versions)."""
    cr.execute(
        SQL(
            "ALTER INDEX IF EXISTS %s RENAME TO %s",
            SQL.identifier(f"{table}__{old}_index"),
            SQL.identifier(f"{table}__{new}_index"),
        )
    )
    old_fkey, new_fkey = f"{table}_{old}_fkey", f"{table}_{new}_fkey"
    cr.execute(
        SQL(
            "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
            old_fkey,
            table,
        )
    )
    if cr.rowcount:
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old_fkey),
                SQL.identifier(new_fkey),
            )
        )
        # the module's record of the constraint, by which an uninstall drops it
        cr.execute(SQL("UPDATE ir_model_constraint SET name = %s WHERE name = %s AND type = 'f'", new_fkey, old_fkey))


def path_pattern(start, model):
    """A field path from ``start`` to one of the renamed fields of ``model``."""
    return re.compile(rf"\b({start})\.({'|'.join(RENAMED[model])})\b")


# Paths in a mail template (by its model) that reach the two models: the object itself, or
# the session or enrolment a training record (attendance, day, certificate...) hangs on.
TEMPLATE_PATHS = {
    "event.event": [
        path_pattern("object", "event.event"),
        path_pattern(r"object\.registration_ids", "event.registration"),
    ],
    "event.registration": [
        path_pattern("object", "event.registration"),
        path_pattern(r"object\.event_id", "event.event"),
    ],
    "comasec.training": [
        path_pattern(r"object\.event_id", "event.event"),
        path_pattern(r"object\.registration_id", "event.registration"),
    ],
}


def rewrite_mail_templates(cr):
    cr.execute(
        SQL(
            """
            SELECT t.id, m.model, t.subject, t.body_html
              FROM mail_template t JOIN ir_model m ON m.id = t.model_id
             WHERE m.model IN ('event.event', 'event.registration') OR m.model LIKE 'comasec.training.%%'
            """
        )
    )
    for template_id, model, subject, body in cr.fetchall():
        patterns = TEMPLATE_PATHS.get(model) or TEMPLATE_PATHS["comasec.training"]
        new_subject, new_body = (
            {lang: rename_paths(text, patterns) for lang, text in translations.items()}
            if translations
            else translations
            for translations in (subject, body)
        )
        if (new_subject, new_body) != (subject, body):
            cr.execute(
                SQL(
                    "UPDATE mail_template SET subject = %s, body_html = %s WHERE id = %s",
                    Json(new_subject) if new_subject else None,
                    Json(new_body) if new_body else None,
                    template_id,
                )
            )


def rename_paths(text, patterns):
    for pattern in patterns:
        text = pattern.sub(r"\1.comasec_\2", text) if text else text
    return text
