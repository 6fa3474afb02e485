"""18.0.3.0.0: the fields this module adds to Odoo's event.event and event.registration,
and a contact's count of training registrations, carry the comasec_ prefix (issue 21).
Before the module loads, each field keeps its column, its row and its XML ids
(comasec_coop's ``tools.upgrade.rename_fields``): otherwise the upgrade would drop the
old columns with their data and create empty ones. Mail templates of the training's
models are rewritten in every language: the module's data updates only their English
text, and a translation still naming an old field would fail to render.

event.event's currency_id is left out: it is not stored, and event_product (installed
with product) defines the same field, whose record must keep its name.

As at every version, settings an admin saved before their defaults were shipped as data
are adopted by that data (noupdate)."""

import re

from openupgradelib import openupgrade
from psycopg2.extras import Json

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.addons.comasec_coop.tools.upgrade import PARTNER_MODELS, add_prefix
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

# on res.partner, and so on res.users through _inherits
PARTNER_RENAMED = ("training_registration_count",)


@openupgrade.migrate()
def migrate(env, version):
    add_prefix(env, "comasec_training", PARTNER_MODELS, PARTNER_RENAMED)
    for model, names in RENAMED.items():
        add_prefix(env, "comasec_training", {model: model.replace(".", "_")}, names)
    rewrite_mail_templates(env.cr)
    adopt_params(env.cr, "comasec_training")


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
