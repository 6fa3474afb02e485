import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import date_out_of_range
from .comasec_coop_member_period import EXIT_REASONS
from .comasec_params import get_param

# A Moroccan national identity card number: one or two letters, then digits (e.g. JT480644).
CIN_PATTERN = re.compile(r"[A-Z]{1,2}[0-9]{1,7}")


class ComasecCoopMember(models.Model):
    _name = "comasec.coop.member"
    _description = "Cooperative member"
    _inherit = ["mail.thread", "comasec.cooperative.mixin"]
    _order = "cooperative_id, number"
    _rec_names_search = ["partner_id", "number"]

    cooperative_id = fields.Many2one(tracking=True)
    partner_id = fields.Many2one("res.partner", string="Person", required=True, ondelete="restrict", index=True)
    number = fields.Integer(
        string="Member number", readonly=True, copy=False, help="Given in order of entry, per cooperative."
    )
    gender = fields.Selection([("female", "Woman"), ("male", "Man")], required=True, tracking=True)
    birth_year = fields.Integer()
    cin = fields.Char(string="CIN", help="National identity card number")
    period_ids = fields.One2many("comasec.coop.member.period", "member_id", string="Membership periods")
    # The current (last) period, edited in place: an exit closes it; a return opens a
    # new one (action_rejoin).
    join_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        compute="_compute_current_period",
        inverse="_inverse_current_period",
        store=True,
        tracking=True,
    )
    exit_date = fields.Date(
        compute="_compute_current_period", inverse="_inverse_current_period", store=True, tracking=True
    )
    exit_reason = fields.Selection(
        EXIT_REASONS, compute="_compute_current_period", inverse="_inverse_current_period", store=True
    )
    movement_ids = fields.One2many("comasec.coop.capital.movement", "member_id", string="Capital movements")
    transfer_in_ids = fields.One2many(
        "comasec.coop.capital.movement", "to_member_id", string="Shares received by transfer"
    )
    # The member's shares and capital are the sum of their capital movements; the values
    # typed when the member is created are recorded as their opening subscription and
    # payment, on the join date (_inverse_opening_capital).
    shares_subscribed = fields.Integer(
        required=True,
        default=1,
        compute="_compute_amounts",
        inverse="_inverse_opening_capital",
        store=True,
        tracking=True,
    )
    shares_paid = fields.Integer(
        default=0,
        compute="_compute_amounts",
        inverse="_inverse_opening_capital",
        store=True,
        tracking=True,
        help="Shares whose nominal value is fully paid up.",
    )
    share_value = fields.Monetary(
        related="cooperative_id.comasec_coop_share_value", string="Nominal share value", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="cooperative_id.comasec_coop_currency_id")
    amount_subscribed = fields.Monetary(compute="_compute_amounts", store=True, currency_field="currency_id")
    amount_paid = fields.Monetary(compute="_compute_amounts", store=True, currency_field="currency_id")
    amount_to_pay = fields.Monetary(
        string="Left to pay", compute="_compute_amounts", store=True, currency_field="currency_id"
    )
    amount_to_refund = fields.Monetary(
        string="To refund",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Capital paid up by a member who has left and not yet refunded.",
    )
    state = fields.Selection(
        [("active", "Active"), ("exited", "Exited")],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )
    mandate_ids = fields.One2many("comasec.coop.mandate", "member_id", string="Mandates")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "member_unique",
            "unique(cooperative_id, partner_id)",
            "This person is already in this cooperative's register: if they left and come back, "
            "use Rejoin on their member record.",
        ),
        ("number_unique", "unique(cooperative_id, number)", "Member numbers are unique in a cooperative."),
    ]

    @api.depends("partner_id", "number")
    def _compute_display_name(self):
        for member in self:
            member.display_name = f"{member.number or '?'} - {member.partner_id.name or ''}"

    @api.depends(
        "movement_ids.amount",
        "movement_ids.unpaid_cancelled",
        "transfer_in_ids.amount",
        "exit_date",
    )
    def _compute_amounts(self):
        for member in self:
            if not member.movement_ids and not member.transfer_in_ids:
                # a member being created: its opening movements are made from the values typed
                member.shares_subscribed = member.shares_subscribed
                member.shares_paid = member.shares_paid
                value = member.cooperative_id.comasec_coop_share_value
                balances = {
                    "shares": member.shares_subscribed,
                    "subscribed": member.shares_subscribed * value,
                    "paid": member.shares_paid * value,
                }
            else:
                balances = member._capital_balances()
                member.shares_subscribed = balances["shares"]
                member.shares_paid = member._paid_shares(balances)
            member.amount_subscribed = balances["subscribed"]
            member.amount_paid = balances["paid"]
            member.amount_to_pay = balances["subscribed"] - balances["paid"]
            member.amount_to_refund = balances["paid"] if member.exit_date else 0.0

    def _capital_balances(self, on_date=None, exclude=None):
        """The member's shares, capital subscribed, paid and left to pay from the capital
        register, up to ``on_date`` (all movements if None), without the movement ``exclude``."""
        self.ensure_one()
        shares = subscribed = paid = 0
        for movement in (self.movement_ids | self.transfer_in_ids) - (exclude or self.movement_ids.browse()):
            if on_date and movement.date > on_date:
                continue
            add_shares, add_subscribed, add_paid = movement._effects(self)
            shares += add_shares
            subscribed += add_subscribed
            paid += add_paid
        return {"shares": shares, "subscribed": subscribed, "paid": paid, "to_pay": subscribed - paid}

    @api.model
    def _paid_shares(self, balances):
        """The number of fully paid shares in ``balances`` (see _capital_balances): the
        capital paid up over each share's nominal value, whatever the share value is today."""
        if not balances["shares"] or balances["subscribed"] <= 0:
            return 0
        per_share = balances["subscribed"] / balances["shares"]
        # rounded before the floor: 2.9999999 paid shares are 3
        return min(balances["shares"], int(round(balances["paid"] / per_share, 6)))

    def _inverse_opening_capital(self):
        Movement = self.env["comasec.coop.capital.movement"]
        for member in self:
            if member.movement_ids or member.transfer_in_ids:
                raise UserError(
                    self.env._(
                        "%s: shares change only through the capital register: record a subscription, a payment, "
                        "a transfer or a refund.",
                        member.partner_id.name,
                    )
                )
            if not member.period_ids:
                member._inverse_current_period()
            opening = [
                {
                    "member_id": member.id,
                    "kind": "subscription",
                    "date": member.join_date,
                    "shares": member.shares_subscribed,
                }
            ]
            if member.shares_paid:
                opening.append(
                    {
                        "member_id": member.id,
                        "kind": "payment",
                        "date": member.join_date,
                        "amount": member.shares_paid * member.cooperative_id.comasec_coop_share_value,
                    }
                )
            # sudo: the opening balance typed on the new member's form by whoever keeps the
            # member register (supervisors, who do not record capital movements otherwise)
            Movement.sudo().create(opening)
        # the amounts share this compute with the fields being inverted, which Odoo keeps
        # from recomputing until the end of the write: computed here from the new movements
        self._compute_amounts()

    @api.depends("exit_date")
    def _compute_state(self):
        for member in self:
            member.state = "exited" if member.exit_date else "active"

    @api.depends("period_ids.join_date", "period_ids.exit_date", "period_ids.exit_reason")
    def _compute_current_period(self):
        for member in self:
            current = member.period_ids.sorted(lambda p: (p.join_date, p.id))[-1:]
            if current:
                member.join_date = current.join_date
                member.exit_date = current.exit_date
                member.exit_reason = current.exit_reason
            else:
                # a member being created: its first period is made from these values
                member.join_date = member.join_date
                member.exit_date = member.exit_date
                member.exit_reason = member.exit_reason

    def _inverse_current_period(self):
        for member in self:
            vals = {
                "join_date": member.join_date,
                "exit_date": member.exit_date,
                "exit_reason": member.exit_reason,
            }
            current = member.period_ids.sorted(lambda p: (p.join_date, p.id))[-1:]
            if current:
                current.write(vals)
            else:
                self.env["comasec.coop.member.period"].create({"member_id": member.id, **vals})

    @api.constrains("birth_year", "cin")
    def _check_identity(self):
        today = fields.Date.context_today(self)
        for member in self:
            name = member.partner_id.name
            # 0 means the year of birth is not known
            if member.birth_year and date_out_of_range(member.birth_year, 1900, today.year):
                raise ValidationError(
                    self.env._(
                        "%(member)s: the year of birth (%(year)s) must be between 1900 and this year.",
                        member=name,
                        year=member.birth_year,
                    )
                )
            if member.cin and not CIN_PATTERN.fullmatch(member.cin):
                raise ValidationError(
                    self.env._(
                        "%(member)s: the CIN %(cin)s is not a national identity card number: "
                        "one or two capital letters followed by at most 7 digits (e.g. JT480644).",
                        member=name,
                        cin=member.cin[:40],
                    )
                )

    @api.constrains("shares_subscribed", "shares_paid")
    def _check_shares(self):
        minimum = get_param(self.env, "comasec_coop.min_shares_per_member")
        for member in self:
            # a member who has left may hold no share any more (refunded)
            if member.shares_subscribed < minimum and not member.exit_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s subscribes %(shares)s share(s): a member must subscribe at least %(min)s.",
                        member=member.partner_id.name,
                        shares=member.shares_subscribed,
                        min=minimum,
                    )
                )
            if not 0 <= member.shares_paid <= member.shares_subscribed:
                raise ValidationError(
                    self.env._(
                        "%(member)s: shares paid (%(paid)s) must be between 0 and the shares subscribed (%(sub)s).",
                        member=member.partner_id.name,
                        paid=member.shares_paid,
                        sub=member.shares_subscribed,
                    )
                )

    @api.constrains("cooperative_id", "partner_id")
    def _check_person(self):
        for member in self:
            if member.partner_id == member.cooperative_id:
                raise ValidationError(self.env._("A cooperative cannot be a member of itself."))

    def _period_at(self, on_date):
        """The member's period in force on ``on_date`` (empty if not a member that day)."""
        self.ensure_one()
        return self.period_ids.filtered(lambda p: p._is_in_force(on_date))

    @api.model
    def _in_force_domain(self, on_date):
        """Members who are members on ``on_date``, whatever happened before or after."""
        Period = self.env["comasec.coop.member.period"]
        return [("period_ids", "any", Period._in_force_domain(on_date))]

    def action_rejoin_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rejoin"),
            "res_model": "comasec.coop.member.rejoin",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_id": self.id},
        }

    def _rejoin(self, join_date):
        """Open a new membership period for a member who has left: the register keeps the
        earlier ones, with their dates and reasons."""
        self.ensure_one()
        if self.state != "exited":
            raise UserError(
                self.env._(
                    "%s is still a member: only a member who has left can rejoin (record the exit first).",
                    self.partner_id.name,
                )
            )
        if join_date < self.exit_date:
            raise ValidationError(
                self.env._(
                    "%(member)s left on %(exit)s: the return (%(join)s) cannot be earlier.",
                    member=self.partner_id.name,
                    exit=self.exit_date,
                    join=join_date,
                )
            )
        self.env["comasec.coop.member.period"].create({"member_id": self.id, "join_date": join_date})

    @api.model_create_multi
    def create(self, vals_list):
        # Numbers follow the order of entry in each cooperative: one grouped query
        # gives every cooperative's last number, however many members are created.
        coop_ids = {vals.get("cooperative_id") for vals in vals_list if not vals.get("number")}
        last = dict(
            self.with_context(active_test=False)._read_group(
                [("cooperative_id", "in", list(coop_ids))], ["cooperative_id"], ["number:max"]
            )
        )
        last = {coop.id: number for coop, number in last.items()}
        for vals in vals_list:
            if not vals.get("number") and vals.get("cooperative_id"):
                last[vals["cooperative_id"]] = last.get(vals["cooperative_id"], 0) + 1
                vals["number"] = last[vals["cooperative_id"]]
        return super().create(vals_list)
