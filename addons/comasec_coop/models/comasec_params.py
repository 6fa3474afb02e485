"""Suite-wide settings and the small pure checks every addon shares.

Settings live in ``ir.config_parameter`` (edited in Settings > CoMaSec); each addon
ships their defaults as data (data/ir_config_parameter_data.xml). Legal thresholds
checked by a compliance rule (minimum capital 1,000 MAD, share value 100 MAD, assembly
within 6 months...) are the ``param_value`` of that rule, editable on the rule.
"""

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.ma import ice as stdnum_ice

from odoo.exceptions import UserError, ValidationError


def get_text_param(env, key):
    """The text setting ``key`` ("" when unset)."""
    # sudo: ir.config_parameter is readable by admins only; this reads one named key.
    return (env["ir.config_parameter"].sudo().get_param(key) or "").strip()


def get_param(env, key):
    """The number setting ``key``: an int when written as one ("30"), else a float.

    Settings stores 0 by removing the parameter, so an unset number is 0."""
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


def normalize_ice(env, value):
    """Return the 15-digit ICE of ``value`` or raise a ValidationError that says
    what is wrong with it (length, characters or check digits)."""
    compact = stdnum_ice.compact(value or "")
    try:
        return stdnum_ice.validate(compact)
    except StdnumValidationError as exc:
        if not compact.isdigit():
            reason = env._("it must contain digits only")
        elif len(compact) != 15:
            reason = env._("it has %s digits instead of 15", len(compact))
        else:
            reason = env._("its last two check digits do not match (ISO 7064 mod 97-10)")
        raise ValidationError(env._("The ICE %(value)s is invalid: %(reason)s.", value=value, reason=reason)) from exc
