from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .comasec_params import normalize_ice

COMPLIANT = "compliant"
NON_COMPLIANT = "non_compliant"
NOT_APPLICABLE = "not_applicable"


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

    def _evaluate_register_inscription(self, cooperatives, on_date):
        return {
            coop.id: (COMPLIANT, self.env._("Inscribed under number %s.", coop.coop_register_number))
            if coop.coop_register_number and coop.coop_register_date and coop.coop_register_date <= on_date
            else (NON_COMPLIANT, self.env._("No inscription in the local register is recorded."))
            for coop in cooperatives
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
        result = {}
        for coop in cooperatives:
            # The last fiscal year whose assembly deadline has passed on on_date.
            year_end = coop._coop_fiscal_year_end(on_date - relativedelta(months=months))
            deadline = year_end + relativedelta(months=months)
            date = first_held.get((coop.id, year_end.year))
            if coop.coop_founding_date and coop.coop_founding_date > year_end:
                result[coop.id] = (NOT_APPLICABLE, self.env._("Founded after the fiscal year %s.", year_end.year))
            elif date and date <= deadline:
                result[coop.id] = (
                    COMPLIANT,
                    self.env._("Ordinary assembly for %(year)s held on %(date)s.", year=year_end.year, date=date),
                )
            elif date:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._(
                        "Ordinary assembly for %(year)s held late, on %(date)s (deadline %(deadline)s).",
                        year=year_end.year,
                        date=date,
                        deadline=deadline,
                    ),
                )
            else:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._(
                        "No ordinary assembly held for the fiscal year %(year)s (deadline %(deadline)s).",
                        year=year_end.year,
                        deadline=deadline,
                    ),
                )
        return result

    def _evaluate_min_capital(self, cooperatives, on_date):
        minimum = self.param_value
        return {
            coop.id: (COMPLIANT, self.env._("Capital subscribed: %s MAD.", coop.coop_capital_subscribed))
            if coop.coop_capital_subscribed >= minimum
            else (
                NON_COMPLIANT,
                self.env._(
                    "Capital subscribed %(capital)s MAD is below the minimum of %(min)s MAD.",
                    capital=coop.coop_capital_subscribed,
                    min=minimum,
                ),
            )
            for coop in cooperatives
        }

    def _evaluate_min_share_value(self, cooperatives, on_date):
        minimum = self.param_value
        return {
            coop.id: (COMPLIANT, self.env._("Share value: %s MAD.", coop.coop_share_value))
            if coop.coop_share_value >= minimum
            else (
                NON_COMPLIANT,
                self.env._(
                    "Share value %(value)s MAD is below the minimum of %(min)s MAD.",
                    value=coop.coop_share_value,
                    min=minimum,
                ),
            )
            for coop in cooperatives
        }

    def _evaluate_min_members(self, cooperatives, on_date):
        minimum = int(self.param_value)
        return {
            coop.id: (COMPLIANT, self.env._("%s active members.", coop.coop_member_count))
            if coop.coop_member_count >= minimum
            else (
                NON_COMPLIANT,
                self.env._("%(count)s active members, fewer than %(min)s.", count=coop.coop_member_count, min=minimum),
            )
            for coop in cooperatives
        }

    def _evaluate_valid_ice(self, cooperatives, on_date):
        result = {}
        for coop in cooperatives:
            if not coop.company_registry:
                result[coop.id] = (NON_COMPLIANT, self.env._("No ICE recorded."))
                continue
            try:
                normalize_ice(self.env, coop.company_registry)
                result[coop.id] = (COMPLIANT, self.env._("ICE %s is valid.", coop.company_registry))
            except ValidationError as exc:
                result[coop.id] = (NON_COMPLIANT, str(exc.args[0]))
        return result

    def _evaluate_onssa_valid(self, cooperatives, on_date):
        result = {}
        for coop in cooperatives:
            if not coop.coop_makes_food:
                result[coop.id] = (NOT_APPLICABLE, self.env._("Does not make food."))
            elif not coop.onssa_number:
                result[coop.id] = (NON_COMPLIANT, self.env._("Makes food without an ONSSA authorisation."))
            elif not coop.onssa_expiry_date or coop.onssa_expiry_date < on_date:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._(
                        "ONSSA authorisation %(number)s expired on %(date)s.",
                        number=coop.onssa_number,
                        date=coop.onssa_expiry_date,
                    ),
                )
            else:
                result[coop.id] = (
                    COMPLIANT,
                    self.env._(
                        "ONSSA %(number)s valid until %(date)s.", number=coop.onssa_number, date=coop.onssa_expiry_date
                    ),
                )
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
        required = {"president", "treasurer"}
        labels = dict(self.env["comasec.coop.mandate"]._fields["role"]._description_selection(self.env))
        result = {}
        for coop in cooperatives:
            missing = required - roles.get(coop.id, set())
            if missing:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._("No mandate in force for: %s.", ", ".join(sorted(labels[r] for r in missing))),
                )
            else:
                result[coop.id] = (COMPLIANT, self.env._("President and treasurer in office."))
        return result

    def _evaluate_member_register(self, cooperatives, on_date):
        incomplete = dict(
            self.env["comasec.coop.member"]._read_group(
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
        )
        incomplete = {coop.id: count for coop, count in incomplete.items()}
        result = {}
        for coop in cooperatives:
            if not coop.coop_member_count:
                result[coop.id] = (NON_COMPLIANT, self.env._("No member is recorded in the register."))
            elif incomplete.get(coop.id):
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._("%s active member(s) without identity card number or paid share.", incomplete[coop.id]),
                )
            else:
                result[coop.id] = (COMPLIANT, self.env._("%s members registered.", coop.coop_member_count))
        return result
