"""Suite-wide settings and the small pure checks every addon shares.

Settings live in ``ir.config_parameter`` (edited in Settings > CoMaSec); each addon
ships their defaults as data (data/ir_config_parameter_data.xml). Legal thresholds
checked by a compliance rule (minimum capital 1,000 MAD, share value 100 MAD, assembly
within 6 months...) are the ``param_value`` of that rule, editable on the rule.
"""

import re

from lxml import etree
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.ma import ice as stdnum_ice

from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, LazyTranslate
from odoo.tools.misc import file_path

PARAMS_DATA = "data/ir_config_parameter_data.xml"

_lt = LazyTranslate(__name__)
# The separators an ICE is printed with (001 561191 000066, 001-561191-000066,
# 001.561191.000066): people type it as they read it on an invoice or a certificate.
ICE_SEPARATORS = re.compile(r"[\s./-]+")
# check_ice says what is wrong as a _lt term, not in one language: the ICE rule stores it
# and each reader gets it in theirs (comasec_facts.py).
# pylint: disable=prefer-env-translation


def get_text_param(env, key):
    """The text setting ``key`` ("" when unset)."""
    # sudo: ir.config_parameter is readable by admins only; this reads one named key.
    return (env["ir.config_parameter"].sudo().get_param(key) or "").strip()


def get_param(env, key):
    """The number setting ``key``: an int when written as one ("30"), else a float.

    An unset number is 0 (a number setting of ours saved as 0 in Settings holds "0")."""
    value = get_text_param(env, key)
    if not value:
        return 0
    try:
        number = float(value)
    except ValueError:
        raise UserError(
            env._(
                "The setting %(key)s holds %(value)r, which is not a number: correct it in Settings > Technical > "
                "System Parameters.",
                key=key,
                value=value[:40],
            )
        ) from None
    return int(number) if number.is_integer() and "." not in value else number


def get_days_param(env, key):
    """The list setting ``key`` of day offsets ("90, 30"), sorted from the smallest: [30, 90].

    An unset list is empty."""
    return days_list(env, key, get_text_param(env, key))


def days_list(env, key, value):
    """The day offsets written in ``value`` for the setting ``key`` (see get_days_param);
    a UserError says how to write them."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise UserError(
            env._(
                "The setting %(key)s holds %(value)r: write whole numbers of days separated by commas, e.g. 90, 30.",
                key=key,
                value=value[:40],
            )
        )
    return sorted({int(part) for part in parts})


def adopt_params(cr, module):
    """Give the settings an admin saved before ``module`` shipped their defaults as data
    (ir.config_parameter rows without an XML id) the XML ids of that data, noupdate.

    Called by each addon's pre-migration: without it, loading the data would try to create
    a second row with the same key and fail on its unique constraint. noupdate: the admin's
    value is kept. An XML id left by a deleted row is pointed at the admin's row as well.
    Returns the adopted keys."""
    tree = etree.parse(file_path(f"{module}/{PARAMS_DATA}"))
    records = [
        (record.get("id"), record.findtext("field[@name='key']"))
        for record in tree.iter("record")
        if record.get("model") == "ir.config_parameter"
    ]
    cr.execute(
        SQL(
            """
            INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
            SELECT %(module)s, data.name, 'ir.config_parameter', param.id, true
              FROM unnest(%(names)s::varchar[], %(keys)s::varchar[]) AS data(name, key)
              JOIN ir_config_parameter param ON param.key = data.key
                ON CONFLICT (module, name) DO UPDATE SET res_id = excluded.res_id, noupdate = true
             WHERE NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE id = ir_model_data.res_id)
         RETURNING (SELECT key FROM ir_config_parameter WHERE id = res_id)
            """,
            module=module,
            names=[name for name, _key in records],
            keys=[key for _name, key in records],
        )
    )
    return sorted(key for (key,) in cr.fetchall())


def check_ice(value):
    """``(ice, problem)``: the 15-digit ICE of ``value`` (its printed separators removed)
    and None, or None and a ``_lt`` term that says what is wrong with it (length,
    characters or check digits)."""
    compact = ICE_SEPARATORS.sub("", value or "")
    try:
        return stdnum_ice.validate(compact), None
    except StdnumValidationError:
        if not compact.isdigit():
            reason = _lt("it must contain digits only")
        elif len(compact) != 15:
            reason = _lt("it has %s digits instead of 15", len(compact))
        else:
            reason = _lt("its last two check digits do not match (ISO 7064 mod 97-10)")
        return None, _lt("The ICE %(value)s is invalid: %(reason)s.", value=value, reason=reason)


def normalize_ice(env, value):
    """Return the 15-digit ICE of ``value`` or raise a ValidationError that says
    what is wrong with it (length, characters or check digits)."""
    ice, problem = check_ice(value)
    if problem:
        raise ValidationError(problem._translate(env.lang or "en_US"))
    return ice
