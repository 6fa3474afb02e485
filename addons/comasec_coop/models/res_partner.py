import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.dates import date_out_of_range
from .comasec_params import normalize_ice

# Register, tax, CNSS and ONSSA numbers: digits and letters with the separators the
# administrations print (95/2014, 2.84.0095), never free text.
IDENTIFIER_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z ./-]{0,31}")
IDENTIFIER_FIELDS = (
    "comasec_coop_register_number",
    "comasec_coop_if",
    "comasec_coop_tp",
    "comasec_coop_cnss",
    "comasec_onssa_number",
)

SUPERVISOR_GROUP = "comasec_coop.comasec_coop_group_supervisor"
# CoMaSec's own assessment of a cooperative: its staff read it, not the bookkeepers of
# other cooperatives (who see a cooperative as any business partner); a bookkeeper reads
# its own cooperative's reviews, with their scores, through the reviews themselves.
STAFF_GROUPS = (
    "comasec_coop.comasec_coop_group_supervisor,comasec_coop.comasec_coop_group_trainer,"
    "comasec_coop.comasec_coop_group_label_auditor,comasec_coop.comasec_coop_group_committee_member"
)

MONTHS = [(str(m), name) for m, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"], start=1)]  # fmt: skip

# The suite's internal users, who may read cooperatives' records. Fields of ours that
# read the suite's models carry these groups: res.partner is read by every user of the
# database, and Odoo's own screens (a contact's form, a merge) must not fail for them.
COOP_READERS = (
    "comasec_coop.comasec_coop_group_bookkeeper,comasec_coop.comasec_coop_group_trainer,"
    "comasec_coop.comasec_coop_group_label_auditor,comasec_coop.comasec_coop_group_committee_member,"
    "comasec_coop.comasec_coop_group_supervisor"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    comasec_is_cooperative = fields.Boolean(
        string="Supervised cooperative", index=True, help="A cooperative (or union) supervised by CoMaSec."
    )
    comasec_coop_state = fields.Selection(
        [("prospect", "Being founded"), ("registered", "Registered")],
        string="Register status",
        default="registered",
        tracking=True,
        help="A cooperative being founded becomes registered when its inscription in the local register is recorded.",
    )
    comasec_coop_legal_form = fields.Selection(
        [("cooperative", "Cooperative"), ("union", "Union of cooperatives")],
        string="Legal form",
        default="cooperative",
    )
    comasec_coop_register_number = fields.Char(string="Register number", tracking=True, copy=False)
    comasec_coop_register_date = fields.Date(string="Inscription date", tracking=True, copy=False)
    comasec_coop_register_court = fields.Char(
        string="Court", help="First-instance court whose clerk's office keeps the local register of cooperatives."
    )
    comasec_coop_if = fields.Char(string="IF", help="Identifiant fiscal", tracking=True, copy=False)
    comasec_coop_tp = fields.Char(string="Taxe professionnelle", tracking=True, copy=False)
    comasec_coop_cnss = fields.Char(string="CNSS number", copy=False)
    comasec_coop_founding_date = fields.Date(string="Founding date")
    comasec_coop_fiscal_year_end_month = fields.Selection(MONTHS, string="Fiscal year ends in", default="12")
    comasec_coop_province_id = fields.Many2one("comasec.province", string="Province", index=True)
    comasec_coop_commune_id = fields.Many2one(
        "comasec.commune", string="Commune", domain="[('province_id', '=?', comasec_coop_province_id)]"
    )
    comasec_coop_sector_ids = fields.Many2many("comasec.sector", string="Sectors")
    comasec_coop_product_ids = fields.Many2many("product.template", string="Products")
    comasec_coop_union_id = fields.Many2one(
        "res.partner",
        string="Union / federation",
        domain=[("comasec_is_cooperative", "=", True), ("comasec_coop_legal_form", "=", "union")],
        index="btree_not_null",
    )
    comasec_coop_funding_ids = fields.One2many(
        "comasec.coop.funding", "cooperative_id", string="Public funding", groups=COOP_READERS
    )
    comasec_coop_makes_food = fields.Boolean(
        string="Makes food",
        compute="_compute_comasec_coop_makes_food",
        store=True,
        readonly=False,
        help="Set from its sectors; a food producer needs an ONSSA sanitary authorisation or approval.",
    )
    comasec_onssa_number = fields.Char(string="ONSSA number", help="activity.province.serial", copy=False)
    comasec_onssa_kind = fields.Selection(
        [("authorisation", "Sanitary authorisation"), ("approval", "Sanitary approval")], string="ONSSA kind"
    )
    comasec_onssa_date = fields.Date(string="ONSSA date")
    comasec_onssa_expiry_date = fields.Date(string="ONSSA valid until")
    comasec_onssa_valid = fields.Boolean(
        string="ONSSA valid", compute="_compute_comasec_onssa_valid", search="_search_comasec_onssa_valid"
    )

    comasec_coop_share_value = fields.Monetary(
        string="Nominal share value",
        currency_field="comasec_coop_currency_id",
        default=100.0,
        help="Value of one share; Law 112-12 sets 100 MAD as the minimum.",
    )
    comasec_coop_currency_id = fields.Many2one(
        "res.currency", string="Coop Currency", default=lambda self: self.env.ref("base.MAD")
    )
    comasec_coop_member_ids = fields.One2many(
        "comasec.coop.member", "cooperative_id", string="Members", groups=COOP_READERS
    )
    comasec_coop_member_count = fields.Integer(
        string="Active members", compute="_compute_comasec_coop_capital", store=True
    )
    comasec_coop_women_count = fields.Integer(
        string="Women members", compute="_compute_comasec_coop_capital", store=True
    )
    comasec_coop_capital_subscribed = fields.Monetary(
        string="Capital subscribed",
        currency_field="comasec_coop_currency_id",
        compute="_compute_comasec_coop_capital",
        store=True,
    )
    comasec_coop_capital_paid = fields.Monetary(
        string="Capital paid",
        currency_field="comasec_coop_currency_id",
        compute="_compute_comasec_coop_capital",
        store=True,
    )
    comasec_coop_assembly_ids = fields.One2many(
        "comasec.coop.assembly", "cooperative_id", string="Assemblies", groups=COOP_READERS
    )
    comasec_coop_mandate_ids = fields.One2many(
        "comasec.coop.mandate", "cooperative_id", string="Mandates", groups=COOP_READERS
    )
    comasec_coop_creation_step_ids = fields.One2many(
        "comasec.coop.creation.step", "cooperative_id", string="Creation steps", groups=COOP_READERS
    )
    comasec_compliance_review_ids = fields.One2many(
        "comasec.compliance.review", "cooperative_id", string="Reviews", groups=COOP_READERS
    )
    # The level shown is that of the latest evaluated review, closed or still in progress:
    # a failure found today shows today (comasec_compliance_review_state says if it is final).
    comasec_compliance_review_id = fields.Many2one(
        "comasec.compliance.review",
        string="Review behind the level",
        compute="_compute_comasec_compliance",
        store=True,
        groups=STAFF_GROUPS,
    )
    comasec_compliance_review_state = fields.Selection(
        related="comasec_compliance_review_id.state", string="Review status", groups=STAFF_GROUPS
    )
    comasec_compliance_level_reason = fields.Char(
        related="comasec_compliance_review_id.level_reason", string="Why this level", groups=STAFF_GROUPS
    )
    comasec_compliance_score = fields.Float(
        string="Compliance Score",
        compute="_compute_comasec_compliance",
        store=True,
        aggregator="avg",
        groups=STAFF_GROUPS,
    )
    # The cockpit's columns in this order, red first, empty ones shown too. A cooperative
    # never reviewed has its own value, last: Odoo's kanban puts an empty group first.
    comasec_compliance_level = fields.Selection(
        [("red", "Red"), ("orange", "Orange"), ("green", "Green"), ("not_reviewed", "Not reviewed")],
        string="Compliance Level",
        compute="_compute_comasec_compliance",
        store=True,
        index=True,
        groups=STAFF_GROUPS,
        group_expand=True,
    )
    comasec_compliance_trend = fields.Selection(
        [("up", "Improving"), ("stable", "Stable"), ("down", "Worsening"), ("new", "First review")],
        string="Compliance Trend",
        compute="_compute_comasec_compliance",
        store=True,
        groups=STAFF_GROUPS,
    )
    comasec_compliance_review_date = fields.Date(
        string="Last review", compute="_compute_comasec_compliance", store=True, groups=STAFF_GROUPS
    )
    comasec_coop_followup_count = fields.Integer(
        string="Open follow-ups", compute="_compute_comasec_coop_followup_count", groups=COOP_READERS
    )

    _sql_constraints = [
        (
            "coop_register_unique",
            "unique(comasec_coop_register_court, comasec_coop_register_number)",
            "This register number is already used by another cooperative in the same court.",
        ),
    ]

    @api.depends("comasec_coop_sector_ids.is_food")
    def _compute_comasec_coop_makes_food(self):
        for partner in self:
            partner.comasec_coop_makes_food = any(partner.comasec_coop_sector_ids.mapped("is_food"))

    @api.depends("comasec_onssa_number", "comasec_onssa_expiry_date")
    def _compute_comasec_onssa_valid(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.comasec_onssa_valid = bool(
                partner.comasec_onssa_number
                and partner.comasec_onssa_expiry_date
                and partner.comasec_onssa_expiry_date >= today
            )

    def _search_comasec_onssa_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on ONSSA validity."))
        valid = [
            ("comasec_onssa_number", "!=", False),
            ("comasec_onssa_expiry_date", ">=", fields.Date.context_today(self)),
        ]
        return valid if (operator == "=") == value else ["!", "&", *valid]

    @api.depends(
        "comasec_coop_member_ids.state",
        "comasec_coop_member_ids.gender",
        "comasec_coop_member_ids.amount_subscribed",
        "comasec_coop_member_ids.amount_paid",
    )
    def _compute_comasec_coop_capital(self):
        # members are counted while in force; the capital is the register's, held by every
        # member until refunded (a member who has left keeps their shares until then)
        groups = self.env["comasec.coop.member"]._read_group(
            [("cooperative_id", "in", self.ids)],
            ["cooperative_id", "state", "gender"],
            ["__count", "amount_subscribed:sum", "amount_paid:sum"],
        )
        totals = {}
        for cooperative, state, gender, count, subscribed, paid in groups:
            total = totals.setdefault(cooperative.id, [0, 0, 0.0, 0.0])
            total[0] += count if state == "active" else 0
            total[1] += count if state == "active" and gender == "female" else 0
            total[2] += subscribed
            total[3] += paid
        for partner in self:
            count, women, subscribed, paid = totals.get(partner.id, (0, 0, 0.0, 0.0))
            partner.comasec_coop_member_count = count
            partner.comasec_coop_women_count = women
            partner.comasec_coop_capital_subscribed = subscribed
            partner.comasec_coop_capital_paid = paid

    def _comasec_capital_at(self, on_date, exclude=None):
        """The cooperative's capital subscribed and paid up on ``on_date``, from its capital
        register (without the movement ``exclude``)."""
        self.ensure_one()
        Movement = self.env["comasec.coop.capital.movement"]
        subscribed = paid = 0.0
        movements = Movement.search([("cooperative_id", "=", self.id), ("date", "<=", on_date)]) - (exclude or Movement)
        for movement in movements:
            # a transfer moves capital between two members: the cooperative's is unchanged
            if movement.kind == "transfer":
                continue
            _shares, add_subscribed, add_paid = movement._effects(movement.member_id)
            subscribed += add_subscribed
            paid += add_paid
        return {"subscribed": subscribed, "paid": paid, "to_pay": subscribed - paid}

    def _comasec_capital_statement(self):
        """The yearly capital statement, from the first year of the capital register to this
        year: per calendar year, the capital subscribed and paid at its start, what each kind of
        movement added or took, and the capital at its end."""
        self.ensure_one()
        movements = self.env["comasec.coop.capital.movement"].search([("cooperative_id", "=", self.id)])
        if not movements:
            return []
        years = []
        subscribed = paid = 0.0
        for year in range(min(movements.mapped("date")).year, fields.Date.context_today(self).year + 1):
            row = {"year": year, "opening_subscribed": subscribed, "opening_paid": paid, "changes": {}}
            for movement in movements.filtered(lambda m, y=year: m.date.year == y and m.kind != "transfer"):
                _shares, add_subscribed, add_paid = movement._effects(movement.member_id)
                change = row["changes"].setdefault(movement.kind, [0.0, 0.0])
                change[0] += add_subscribed
                change[1] += add_paid
                subscribed += add_subscribed
                paid += add_paid
            row.update(closing_subscribed=subscribed, closing_paid=paid)
            years.append(row)
        return years

    @api.depends(
        "comasec_is_cooperative",
        "comasec_compliance_review_ids.state",
        "comasec_compliance_review_ids.score",
        "comasec_compliance_review_ids.level",
        "comasec_compliance_review_ids.review_date",
    )
    def _compute_comasec_compliance(self):
        reviews = self.env["comasec.compliance.review"].search(
            [("cooperative_id", "in", self.ids), ("state", "in", ("in_progress", "done")), ("level", "!=", False)],
            order="review_date desc, id desc",
        )
        by_coop = {}
        for review in reviews:
            by_coop.setdefault(review.cooperative_id.id, []).append(review)
        for partner in self:
            evaluated = by_coop.get(partner.id, [])
            last = evaluated[0] if evaluated else None
            partner.comasec_compliance_review_id = last
            partner.comasec_compliance_score = last.score if last else 0.0
            partner.comasec_compliance_level = last.level if last else partner.comasec_is_cooperative and "not_reviewed"
            partner.comasec_compliance_review_date = last.review_date if last else False
            if not last:
                partner.comasec_compliance_trend = False
            elif len(evaluated) == 1:
                partner.comasec_compliance_trend = "new"
            else:
                delta = last.score - evaluated[1].score
                partner.comasec_compliance_trend = "up" if delta > 1 else "down" if delta < -1 else "stable"

    def _compute_comasec_coop_followup_count(self):
        counts = dict(
            self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", "comasec.compliance.review"),
                    ("res_id", "in", self.comasec_compliance_review_ids.ids),
                ],
                ["res_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.comasec_coop_followup_count = sum(
                counts.get(rid, 0) for rid in partner.comasec_compliance_review_ids.ids
            )

    @api.constrains("company_registry", "comasec_is_cooperative")
    def _check_comasec_coop_ice(self):
        for partner in self.filtered(lambda p: p.comasec_is_cooperative and p.company_registry):
            normalize_ice(self.env, partner.company_registry)

    @api.constrains(*IDENTIFIER_FIELDS, "comasec_coop_founding_date", "comasec_coop_register_date")
    def _check_comasec_coop_identifiers(self):
        today = fields.Date.context_today(self)
        for partner in self.filtered("comasec_is_cooperative"):
            for name in IDENTIFIER_FIELDS:
                value = partner[name]
                if value and not IDENTIFIER_PATTERN.fullmatch(value):
                    raise ValidationError(
                        self.env._(
                            "%(coop)s: the %(field)s %(value)s is not valid: use at most 32 letters, digits, "
                            "spaces and the separators . / - as printed on the official document.",
                            coop=partner.display_name,
                            field=partner._fields[name].get_description(self.env)["string"],
                            value=value[:40],
                        )
                    )
            for name in ("comasec_coop_founding_date", "comasec_coop_register_date"):
                value = partner[name]
                if date_out_of_range(value, 1900, today):
                    raise ValidationError(
                        self.env._(
                            "%(coop)s: the %(field)s (%(date)s) must be between 1900 and today.",
                            coop=partner.display_name,
                            field=partner._fields[name].get_description(self.env)["string"],
                            date=value,
                        )
                    )

    @api.constrains("comasec_onssa_date", "comasec_onssa_expiry_date")
    def _check_comasec_onssa_dates(self):
        for partner in self:
            if (
                partner.comasec_onssa_date
                and partner.comasec_onssa_expiry_date
                and partner.comasec_onssa_expiry_date < partner.comasec_onssa_date
            ):
                raise ValidationError(
                    self.env._("%s: the ONSSA validity ends before its date of issue.", partner.display_name)
                )

    @api.constrains("comasec_coop_share_value", "comasec_is_cooperative")
    def _check_comasec_coop_share_value(self):
        for partner in self.filtered("comasec_is_cooperative"):
            if partner.comasec_coop_share_value <= 0:
                raise ValidationError(self.env._("%s: the nominal share value must be positive.", partner.display_name))

    @api.constrains("comasec_coop_state", "comasec_is_cooperative")
    def _check_comasec_coop_state(self):
        cooperatives = self.filtered(lambda p: p.comasec_is_cooperative and p.comasec_coop_state == "registered")
        # sudo: reads only the state of the cooperative's own creation steps. The rule
        # must hold whoever writes the partner: Odoo's contact merge, run by an
        # accountant without any of the suite's groups, rewrites comasec_coop_state too.
        for partner in cooperatives.sudo().filtered("comasec_coop_creation_step_ids"):
            inscription = partner.comasec_coop_creation_step_ids.filtered(lambda s: s.step == "inscription")
            if inscription.state != "done":
                raise ValidationError(
                    self.env._(
                        "%s becomes a registered cooperative only when its inscription in the local register "
                        "is recorded (last creation step).",
                        partner.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._comasec_normalize_vals(vals)
            names = self._comasec_register_fields_to_check(vals)
            if names:
                self._comasec_check_register_fields(self.new(self.default_get(names)), vals, names)
        partners = super().create(vals_list)
        partners._comasec_create_creation_steps()
        return partners

    def write(self, vals):
        self._comasec_normalize_vals(vals)
        names = self._comasec_register_fields_to_check(vals)
        for partner in self if names else ():
            self._comasec_check_register_fields(partner, vals, names)
        res = super().write(vals)
        if vals.get("comasec_coop_state") == "prospect" or vals.get("comasec_is_cooperative"):
            self._comasec_create_creation_steps()
        return res

    @api.model
    def _comasec_register_fields_to_check(self, vals):
        """The cooperative's register data in ``vals`` that the caller may not change: the
        stored fields the suite adds to partners (whether it is a cooperative, its
        identifiers, ONSSA, compliance, capital, its accounting company), which the label
        prerequisites, the certificates and the reports read. Only CoMaSec supervisors and
        the suite's methods (as superuser) change them. Lists of related records are
        guarded by their own models' rules."""
        if self.env.su or self.env.user.has_group(SUPERVISOR_GROUP):
            return []
        return [
            name
            for name in vals
            if (field := self._fields.get(name))
            and field.store
            and field.type not in ("one2many", "many2many")
            and (field._modules or ("",))[0].startswith("comasec_")
        ]

    @api.model
    def _comasec_check_register_fields(self, partner, vals, names):
        """Refuse ``vals`` if it changes one of the register fields ``names`` of ``partner``
        (the record, or the new record with its defaults); values sent unchanged, as the
        web client does, are accepted."""
        # sudo: compares the current values only; some of these fields are not readable by the caller.
        current = partner.sudo()
        fields_ = [self._fields[name] for name in names]
        changed = [
            field
            for field in fields_
            if field.convert_to_record(field.convert_to_cache(vals[field.name], current), current)
            != current[field.name]
        ]
        if changed:
            raise AccessError(
                self.env._(
                    "Only CoMaSec supervisors change a cooperative's register data (%(fields)s of %(partner)s): "
                    "ask your supervisor to correct it.",
                    fields=", ".join(field._description_string(self.env) for field in changed),
                    partner=partner.display_name or self.env._("a new contact"),
                )
            )

    def _comasec_create_creation_steps(self):
        """Give each cooperative being founded its legal steps, in order, once."""
        prospects = self.filtered(lambda p: p.comasec_is_cooperative and p.comasec_coop_state == "prospect")
        if not prospects:
            return
        steps = [key for key, _label in self.env["comasec.coop.creation.step"]._fields["step"].selection]
        self.env["comasec.coop.creation.step"].create(
            [
                {"cooperative_id": partner.id, "step": step}
                for partner in prospects
                for step in steps
                if step not in partner.comasec_coop_creation_step_ids.mapped("step")
            ]
        )

    @api.model
    def _comasec_normalize_vals(self, vals):
        # Store the ICE as its 15 digits, as l10n_ma prints it; a cooperative with a
        # malformed ICE is refused by _check_comasec_coop_ice with the reason.
        if vals.get("company_registry"):
            try:
                vals["company_registry"] = normalize_ice(self.env, vals["company_registry"])
            except ValidationError:
                vals["company_registry"] = vals["company_registry"].strip()

    def _comasec_coop_action(self, xmlid, context_key):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("cooperative_id", "=", self.id)]
        action["context"] = {context_key: self.id}
        return action

    def action_view_coop_members(self):
        return self._comasec_coop_action("comasec_coop.comasec_coop_member_action", "default_cooperative_id")

    def action_view_coop_assemblies(self):
        return self._comasec_coop_action("comasec_coop.comasec_coop_assembly_action", "default_cooperative_id")

    def action_view_coop_mandates(self):
        return self._comasec_coop_action("comasec_coop.comasec_coop_mandate_action", "default_cooperative_id")

    def action_view_compliance_reviews(self):
        return self._comasec_coop_action("comasec_coop.comasec_compliance_review_action", "default_cooperative_id")

    def action_view_coop_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_coop.comasec_compliance_followup_action")
        action["domain"] = [
            ("res_model", "=", "comasec.compliance.review"),
            ("res_id", "in", self.comasec_compliance_review_ids.ids),
        ]
        return action

    def _comasec_fiscal_year_end(self, on_date):
        """Last fiscal-year end on or before ``on_date``."""
        self.ensure_one()
        month = int(self.comasec_coop_fiscal_year_end_month or 12)
        end = fields.Date.end_of(on_date.replace(month=month, day=1), "month")
        if end > on_date:
            end = fields.Date.end_of(end.replace(year=end.year - 1, day=1), "month")
        return end
