import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .comasec_params import normalize_ice

COMPLIANT = "compliant"
NON_COMPLIANT = "non_compliant"
NOT_APPLICABLE = "not_applicable"

# A normalised ICE: 15 ASCII digits (stdnum checks ASCII digits, str.isdigit would accept others).
ICE_DIGITS = re.compile(r"[0-9]{15}")

# The cooperative columns the evaluators below read.
COOP_FIELDS = frozenset(
    (
        "coop_register_number",
        "coop_register_date",
        "coop_fiscal_year_end_month",
        "coop_founding_date",
        "coop_capital_subscribed",
        "coop_share_value",
        "coop_member_count",
        "company_registry",
        "coop_makes_food",
        "onssa_number",
        "onssa_expiry_date",
    )
)


class ComasecComplianceRule(models.Model):
    """A rule a supervised cooperative must follow.

    Extension point for other addons: an automatic rule names an ``evaluator``.
    To add one, extend the selection with ``selection_add`` and define
    ``_evaluate_<key>(self, cooperatives, on_date)``, which must evaluate every
    cooperative at once (grouped queries, never one query per cooperative) and
    return ``{cooperative_id: (result, explanation)}`` where result is
    ``compliant``, ``non_compliant`` or ``not_applicable``. A cooperative missing
    from the dict is left ``not_evaluated``.
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
            ("label", "Label"),
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

    # The messages are translated once per call, then formatted for each cooperative.

    def _evaluate_register_inscription(self, cooperatives, on_date):
        inscribed = self.env._("Inscribed under number %s.")
        missing = (NON_COMPLIANT, self.env._("No inscription in the local register is recorded."))
        return {
            coop_id: (COMPLIANT, inscribed % number) if number and date and date <= on_date else missing
            for coop_id, number, date in self._coop_rows(cooperatives, ["coop_register_number", "coop_register_date"])
        }

    def _evaluate_ordinary_assembly(self, cooperatives, on_date):
        months = int(self.param_value or 6)
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
        founded_after = self.env._("Founded after the fiscal year %s.")
        in_time = self.env._("Ordinary assembly for %(year)s held on %(date)s.")
        late = self.env._("Ordinary assembly for %(year)s held late, on %(date)s (deadline %(deadline)s).")
        not_held = self.env._("No ordinary assembly held for the fiscal year %(year)s (deadline %(deadline)s).")
        # The last fiscal year whose assembly deadline has passed on on_date: it only
        # depends on the month the fiscal year ends, so it is computed once per month.
        limit = on_date - relativedelta(months=months)
        year_ends = {}
        result = {}
        rows = self._coop_rows(cooperatives, ["coop_fiscal_year_end_month", "coop_founding_date"])
        for coop_id, month, founded in rows:
            if month not in year_ends:
                year_end = cooperatives.browse(coop_id)._coop_fiscal_year_end(limit)
                year_ends[month] = (year_end, year_end + relativedelta(months=months))
            year_end, deadline = year_ends[month]
            date = first_held.get((coop_id, year_end.year))
            if founded and founded > year_end:
                result[coop_id] = (NOT_APPLICABLE, founded_after % year_end.year)
            elif date and date <= deadline:
                result[coop_id] = (COMPLIANT, in_time % {"year": year_end.year, "date": date})
            elif date:
                result[coop_id] = (
                    NON_COMPLIANT,
                    late % {"year": year_end.year, "date": date, "deadline": deadline},
                )
            else:
                result[coop_id] = (NON_COMPLIANT, not_held % {"year": year_end.year, "deadline": deadline})
        return result

    def _evaluate_min_capital(self, cooperatives, on_date):
        minimum = self.param_value
        enough = self.env._("Capital subscribed: %s MAD.")
        below = self.env._("Capital subscribed %(capital)s MAD is below the minimum of %(min)s MAD.")
        return {
            coop_id: (COMPLIANT, enough % capital)
            if capital >= minimum
            else (NON_COMPLIANT, below % {"capital": capital, "min": minimum})
            for coop_id, capital in self._coop_rows(cooperatives, ["coop_capital_subscribed"])
        }

    def _evaluate_min_share_value(self, cooperatives, on_date):
        minimum = self.param_value
        enough = self.env._("Share value: %s MAD.")
        below = self.env._("Share value %(value)s MAD is below the minimum of %(min)s MAD.")
        return {
            coop_id: (COMPLIANT, enough % value)
            if value >= minimum
            else (NON_COMPLIANT, below % {"value": value, "min": minimum})
            for coop_id, value in self._coop_rows(cooperatives, ["coop_share_value"])
        }

    def _evaluate_min_members(self, cooperatives, on_date):
        minimum = int(self.param_value)
        enough = self.env._("%s active members.")
        below = self.env._("%(count)s active members, fewer than %(min)s.")
        return {
            coop_id: (COMPLIANT, enough % count)
            if count >= minimum
            else (NON_COMPLIANT, below % {"count": count, "min": minimum})
            for coop_id, count in self._coop_rows(cooperatives, ["coop_member_count"])
        }

    def _evaluate_valid_ice(self, cooperatives, on_date):
        valid = self.env._("ICE %s is valid.")
        missing = (NON_COMPLIANT, self.env._("No ICE recorded."))
        result = {}
        for coop_id, ice in self._coop_rows(cooperatives, ["company_registry"]):
            if not ice:
                result[coop_id] = missing
            elif ICE_DIGITS.fullmatch(ice) and int(ice) % 97 == 0:
                # What normalize_ice accepts for a stored (normalised) ICE, checked without
                # stdnum's overhead; anything else goes through it to say what is wrong.
                result[coop_id] = (COMPLIANT, valid % ice)
            else:
                try:
                    normalize_ice(self.env, ice)
                    result[coop_id] = (COMPLIANT, valid % ice)
                except ValidationError as exc:
                    result[coop_id] = (NON_COMPLIANT, str(exc.args[0]))
        return result

    def _evaluate_onssa_valid(self, cooperatives, on_date):
        no_food = (NOT_APPLICABLE, self.env._("Does not make food."))
        missing = (NON_COMPLIANT, self.env._("Makes food without an ONSSA authorisation."))
        expired = self.env._("ONSSA authorisation %(number)s expired on %(date)s.")
        valid = self.env._("ONSSA %(number)s valid until %(date)s.")
        result = {}
        rows = self._coop_rows(cooperatives, ["coop_makes_food", "onssa_number", "onssa_expiry_date"])
        for coop_id, makes_food, number, expiry in rows:
            if not makes_food:
                result[coop_id] = no_food
            elif not number:
                result[coop_id] = missing
            elif not expiry or expiry < on_date:
                result[coop_id] = (NON_COMPLIANT, expired % {"number": number, "date": expiry})
            else:
                result[coop_id] = (COMPLIANT, valid % {"number": number, "date": expiry})
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
        required = frozenset(("president", "treasurer"))
        labels = dict(self.env["comasec.coop.mandate"]._fields["role"]._description_selection(self.env))
        in_office = (COMPLIANT, self.env._("President and treasurer in office."))
        missing_roles = self.env._("No mandate in force for: %s.")
        # At most one message per set of missing roles.
        outcomes = {}
        result = {}
        for coop_id in cooperatives._ids:
            missing = required - roles.get(coop_id, frozenset())
            if missing not in outcomes:
                outcomes[missing] = (
                    (NON_COMPLIANT, missing_roles % ", ".join(sorted(labels[r] for r in missing)))
                    if missing
                    else in_office
                )
            result[coop_id] = outcomes[missing]
        return result

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
        empty = (NON_COMPLIANT, self.env._("No member is recorded in the register."))
        gaps = self.env._("%s active member(s) without identity card number or paid share.")
        registered = self.env._("%s members registered.")
        result = {}
        for coop_id, count in self._coop_rows(cooperatives, ["coop_member_count"]):
            if not count:
                result[coop_id] = empty
            elif incomplete.get(coop_id):
                result[coop_id] = (NON_COMPLIANT, gaps % incomplete[coop_id])
            else:
                result[coop_id] = (COMPLIANT, registered % count)
        return result
