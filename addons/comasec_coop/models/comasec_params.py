"""Suite-wide parameters and the small pure checks every addon shares.

Parameters live in ``ir.config_parameter`` (edited in Settings > CoMaSec); the
defaults below are used until a manager sets a value. Legal thresholds checked by
a compliance rule (minimum capital 1,000 MAD, share value 100 MAD, assembly
within 6 months...) are the ``param_value`` of that rule, editable on the rule.
"""

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.ma import ice as stdnum_ice

from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)
# check_ice says what is wrong as a _lt term, not in one language: the ICE rule stores it
# and each reader gets it in theirs (comasec_facts.py).
# pylint: disable=prefer-env-translation

PARAM_DEFAULTS = {
    # to confirm: the statutes of each cooperative may set them
    "comasec_coop.min_shares_per_member": 1,
    "comasec_coop.assembly_quorum_percent": 50.0,
    # CoMaSec's own scoring
    "comasec_coop.level_green_min": 80.0,
    "comasec_coop.level_orange_min": 50.0,
    "comasec_coop.followup_days": 30,
}


def get_param(env, key):
    """Return the parameter ``key`` typed like its default."""
    default = PARAM_DEFAULTS[key]
    # sudo: ir.config_parameter is readable by admins only; this reads one named key.
    value = env["ir.config_parameter"].sudo().get_param(key)
    if value in (None, False, ""):
        return default
    try:
        return type(default)(float(value))
    except ValueError:
        return default


def check_ice(value):
    """``(ice, problem)``: the 15-digit ICE of ``value`` and None, or None and a ``_lt``
    term that says what is wrong with it (length, characters or check digits)."""
    compact = stdnum_ice.compact(value or "")
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
