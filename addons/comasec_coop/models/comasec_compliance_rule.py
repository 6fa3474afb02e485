import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from ..tools.dates import last_due_period_end, months_after
from .comasec_params import check_ice

_lt = LazyTranslate(__name__)
# The evaluators' findings are _lt terms on purpose, not self.env._: they are stored
# untranslated with their values and rendered in each reader's language (comasec_facts.py).
# pylint: disable=prefer-env-translation

COMPLIANT = "compliant"
NON_COMPLIANT = "non_compliant"
NOT_APPLICABLE = "not_applicable"

# A normalised ICE: 15 ASCII digits (stdnum checks ASCII digits, str.isdigit would accept others).
ICE_DIGITS = re.compile(r"[0-9]{15}")

# The cooperative columns the evaluators below read.
COOP_FIELDS = frozenset(
    (
        "comasec_coop_register_number",
        "comasec_coop_register_date",
        "comasec_coop_fiscal_year_end_month",
        "comasec_coop_founding_date",
        "comasec_coop_capital_subscribed",
        "comasec_coop_share_value",
        "comasec_coop_member_count",
        "company_registry",
        "comasec_coop_makes_food",
        "comasec_onssa_number",
        "comasec_onssa_expiry_date",
    )
)


class ComasecComplianceRule(models.Model):
    """A rule a supervised cooperative must follow.

    Extension point for other addons: an automatic rule names an ``evaluator``.
    To add one, extend the selection with ``selection_add`` and define
    ``_evaluate_<key>(self, cooperatives, on_date)``, which must evaluate every
    cooperative at once (grouped queries, never one query per cooperative) and
    return ``{cooperative_id: (result, explanation)}`` where result is
    ``compliant``, ``non_compliant`` or ``not_applicable`` and explanation a ``_lt``
    term with its values (stored as facts, rendered in each reader's language; see
    comasec_facts.py). A cooperative missing from the dict is left ``not_evaluated``.
    """

    _name = "comasec.compliance.rule"
    _description = "Compliance rule"
    _inherit = ["mail.thread"]
    _order = "category, sequence, code"

    code = fields.Char(required=True, tracking=True)
    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    legal_reference = fields.Char(tracking=True)
    description = fields.Text(translate=True, help="What is checked and how a cooperative complies.")
    category = fields.Selection(
        [
            ("legal", "Legal"),
            ("accounting", "Accounting"),
            ("social", "Social"),
            ("hygiene", "Hygiene"),
        ],
        required=True,
        default="legal",
        tracking=True,
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        required=True,
        default="major",
        tracking=True,
        help="A critical non-compliance makes the review red whatever its score.",
    )
    weight = fields.Float(default=1.0, required=True, tracking=True)
    evaluator = fields.Selection(
        [
            ("register_inscription", "Inscription in the register of cooperatives"),
            ("ordinary_assembly", "Ordinary assembly within the deadline"),
            ("min_capital", "Minimum capital"),
            ("min_share_value", "Minimum share value"),
            ("min_members", "Minimum number of members"),
            ("valid_ice", "Valid ICE"),
            ("onssa_valid", "Valid ONSSA authorisation"),
            ("mandates_in_force", "Board mandates in force"),
            ("member_register", "Member register kept"),
        ],
        help="Empty for a manual rule, set by the supervisor with evidence.",
        tracking=True,
    )
    evaluation = fields.Selection(
        [("automatic", "Automatic"), ("manual", "Manual")], compute="_compute_evaluation", store=True
    )
    param_value = fields.Float(string="Parameter", tracking=True)
    param_label = fields.Char(string="Parameter meaning", translate=True)
    param_to_confirm = fields.Boolean(
        string="To confirm",
        help="No verified legal source was found for this value: confirm it before relying on it.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "A rule code must be unique.")]

    @api.depends("evaluator")
    def _compute_evaluation(self):
        for rule in self:
            rule.evaluation = "automatic" if rule.evaluator else "manual"

    @api.constrains("weight")
    def _check_weight(self):
        for rule in self:
            if rule.weight <= 0:
                raise ValidationError(self.env._("Rule %s: the weight must be positive.", rule.code))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"[{rule.code}] {rule.name}"

    def _evaluate(self, cooperatives, on_date):
        """Evaluate this automatic rule for ``cooperatives`` on ``on_date``."""
        self.ensure_one()
        if not self.evaluator or not cooperatives:
            return {}
        return getattr(self, f"_evaluate_{self.evaluator}")(cooperatives, on_date)

    def _coop_rows(self, cooperatives, fnames):
        """``(id, *values)`` of ``cooperatives`` for ``fnames``.

        One query for the columns the evaluators of this module read, by the first of
        them (a first field access would prefetch every res.partner column), and the
        values taken from the cache field by field for all the cooperatives at once,
        not record by record: a rule evaluates 2,000 cooperatives in milliseconds.
        """
        cooperatives.fetch(COOP_FIELDS | set(fnames))
        return list(zip(cooperatives._ids, *(cooperatives.mapped(fname) for fname in fnames), strict=True))

    # The findings are _lt terms: kept untranslated with their values, rendered for each reader.

    def _evaluate_register_inscription(self, cooperatives, on_date):
        missing = (NON_COMPLIANT, _lt("No inscription in the local register is recorded."))
        return {
            coop_id: (COMPLIANT, _lt("Inscribed under number %s.", number))
            if number and date and date <= on_date
            else missing
            for coop_id, number, date in self._coop_rows(
                cooperatives, ["comasec_coop_register_number", "comasec_coop_register_date"]
            )
        }

    def _evaluate_ordinary_assembly(self, cooperatives, on_date):
        months = int(self.param_value)
        held = self.env["comasec.coop.assembly"]._read_group(
            [
                ("cooperative_id", "in", cooperatives.ids),
                ("kind", "=", "ordinary"),
                ("state", "=", "held"),
            ],
            ["cooperative_id", "fiscal_year"],
            ["held_date:min"],
        )
        first_held = {(coop.id, year): date for coop, year, date in held}
        # The last fiscal year whose assembly deadline has come on on_date: it only
        # depends on the month the fiscal year ends, so it is computed once per month.
        year_ends = {}
        result = {}
        rows = self._coop_rows(cooperatives, ["comasec_coop_fiscal_year_end_month", "comasec_coop_founding_date"])
        for coop_id, month, founded in rows:
            if month not in year_ends:
                year_end = last_due_period_end(on_date, months, cooperatives.browse(coop_id)._comasec_fiscal_year_end)
                year_ends[month] = (year_end, months_after(year_end, months))
            year_end, deadline = year_ends[month]
            date = first_held.get((coop_id, year_end.year))
            if founded and founded > year_end:
                result[coop_id] = (NOT_APPLICABLE, _lt("Founded after the fiscal year %s.", year_end.year))
            elif date and date <= deadline:
                result[coop_id] = (
                    COMPLIANT,
                    _lt("Ordinary assembly for %(year)s held on %(date)s.", year=year_end.year, date=date),
                )
            elif date:
                result[coop_id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Ordinary assembly for %(year)s held late, on %(date)s (deadline %(deadline)s).",
                        year=year_end.year,
                        date=date,
                        deadline=deadline,
                    ),
                )
            else:
                result[coop_id] = (
                    NON_COMPLIANT,
                    _lt(
                        "No ordinary assembly held for the fiscal year %(year)s (deadline %(deadline)s).",
                        year=year_end.year,
                        deadline=deadline,
                    ),
                )
        return result

    def _evaluate_min_capital(self, cooperatives, on_date):
        minimum = self.param_value
        return {
            coop_id: (COMPLIANT, _lt("Capital subscribed: %s MAD.", capital))
            if capital >= minimum
            else (
                NON_COMPLIANT,
                _lt(
                    "Capital subscribed %(capital)s MAD is below the minimum of %(min)s MAD.",
                    capital=capital,
                    min=minimum,
                ),
            )
            for coop_id, capital in self._coop_rows(cooperatives, ["comasec_coop_capital_subscribed"])
        }

    def _evaluate_min_share_value(self, cooperatives, on_date):
        minimum = self.param_value
        return {
            coop_id: (COMPLIANT, _lt("Share value: %s MAD.", value))
            if value >= minimum
            else (
                NON_COMPLIANT,
                _lt("Share value %(value)s MAD is below the minimum of %(min)s MAD.", value=value, min=minimum),
            )
            for coop_id, value in self._coop_rows(cooperatives, ["comasec_coop_share_value"])
        }

    def _evaluate_min_members(self, cooperatives, on_date):
        minimum = int(self.param_value)
        # the members on on_date, from their membership periods (a member who left and
        # came back counts once, if in one of their periods that day)
        Period = self.env["comasec.coop.member.period"]
        counts = dict(
            Period._read_group(
                [
                    ("cooperative_id", "in", cooperatives.ids),
                    ("member_id.active", "=", True),
                    *Period._in_force_domain(on_date),
                ],
                ["cooperative_id"],
                ["member_id:count_distinct"],
            )
        )
        counts = {coop.id: count for coop, count in counts.items()}
        return {
            coop_id: (COMPLIANT, _lt("%s active members.", count))
            if count >= minimum
            else (NON_COMPLIANT, _lt("%(count)s active members, fewer than %(min)s.", count=count, min=minimum))
            for coop_id in cooperatives._ids
            for count in [counts.get(coop_id, 0)]
        }

    def _evaluate_valid_ice(self, cooperatives, on_date):
        missing = (NON_COMPLIANT, _lt("No ICE recorded."))
        result = {}
        for coop_id, ice in self._coop_rows(cooperatives, ["company_registry"]):
            if not ice:
                result[coop_id] = missing
            elif ICE_DIGITS.fullmatch(ice) and int(ice) % 97 == 0:
                # What check_ice accepts for a stored (normalised) ICE, checked without
                # stdnum's overhead; anything else goes through it to say what is wrong.
                result[coop_id] = (COMPLIANT, _lt("ICE %s is valid.", ice))
            else:
                _ice, problem = check_ice(ice)
                result[coop_id] = (NON_COMPLIANT, problem) if problem else (COMPLIANT, _lt("ICE %s is valid.", ice))
        return result

    def _evaluate_onssa_valid(self, cooperatives, on_date):
        no_food = (NOT_APPLICABLE, _lt("Does not make food."))
        missing = (NON_COMPLIANT, _lt("Makes food without an ONSSA authorisation."))
        result = {}
        rows = self._coop_rows(
            cooperatives, ["comasec_coop_makes_food", "comasec_onssa_number", "comasec_onssa_expiry_date"]
        )
        for coop_id, makes_food, number, expiry in rows:
            if not makes_food:
                result[coop_id] = no_food
            elif not number:
                result[coop_id] = missing
            elif not expiry or expiry < on_date:
                result[coop_id] = (
                    NON_COMPLIANT,
                    _lt("ONSSA authorisation %(number)s expired on %(date)s.", number=number, date=expiry),
                )
            else:
                result[coop_id] = (COMPLIANT, _lt("ONSSA %(number)s valid until %(date)s.", number=number, date=expiry))
        return result

    def _evaluate_mandates_in_force(self, cooperatives, on_date):
        groups = self.env["comasec.coop.mandate"]._read_group(
            [
                ("cooperative_id", "in", cooperatives.ids),
                ("date_start", "<=", on_date),
                ("date_end", ">=", on_date),
            ],
            ["cooperative_id", "role"],
        )
        roles = {}
        for coop, role in groups:
            roles.setdefault(coop.id, set()).add(role)
        # One sentence per set of missing roles, so that each reader gets it whole in their language.
        outcomes = {
            frozenset(): (COMPLIANT, _lt("President and treasurer in office.")),
            frozenset(("president",)): (NON_COMPLIANT, _lt("No mandate in force for: President.")),
            frozenset(("treasurer",)): (NON_COMPLIANT, _lt("No mandate in force for: Treasurer.")),
            frozenset(("president", "treasurer")): (
                NON_COMPLIANT,
                _lt("No mandate in force for: President, Treasurer."),
            ),
        }
        required = frozenset(("president", "treasurer"))
        return {coop_id: outcomes[required - roles.get(coop_id, frozenset())] for coop_id in cooperatives._ids}

    def _evaluate_member_register(self, cooperatives, on_date):
        incomplete = self.env["comasec.coop.member"]._read_group(
            [
                ("cooperative_id", "in", cooperatives.ids),
                ("state", "=", "active"),
                "|",
                ("cin", "=", False),
                ("shares_paid", "=", 0),
            ],
            ["cooperative_id"],
            ["__count"],
        )
        incomplete = {coop.id: count for coop, count in incomplete}
        empty = (NON_COMPLIANT, _lt("No member is recorded in the register."))
        result = {}
        for coop_id, count in self._coop_rows(cooperatives, ["comasec_coop_member_count"]):
            if not count:
                result[coop_id] = empty
            elif incomplete.get(coop_id):
                result[coop_id] = (
                    NON_COMPLIANT,
                    _lt("%s active member(s) without identity card number or paid share.", incomplete[coop_id]),
                )
            else:
                result[coop_id] = (COMPLIANT, _lt("%s members registered.", count))
        return result
