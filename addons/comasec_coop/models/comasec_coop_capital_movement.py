from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import date_out_of_range
from .comasec_params import get_param

# the movements that change the number of shares a member holds, and in which direction
SHARE_SIGN = {"subscription": 1, "increase": 1, "transfer": -1, "refund": -1, "reduction": -1}


class ComasecCoopCapitalMovement(models.Model):
    """The capital register: every dated change of a member's shares and of the capital
    they have paid up. A movement is never changed once recorded (a mistake is corrected
    by another movement); the member's balances and the cooperative's capital at any date
    are the sum of the movements up to that date."""

    _name = "comasec.coop.capital.movement"
    _description = "Capital movement"
    _inherit = ["mail.thread"]
    _order = "cooperative_id, date, id"

    member_id = fields.Many2one("comasec.coop.member", required=True, ondelete="restrict", index=True)
    cooperative_id = fields.Many2one(related="member_id.cooperative_id", store=True, index=True)
    partner_id = fields.Many2one(related="member_id.partner_id", string="Person")
    currency_id = fields.Many2one(related="member_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [
            ("subscription", "Subscription"),
            ("payment", "Payment of subscribed capital"),
            ("transfer", "Transfer to another member"),
            ("refund", "Refund at exit"),
            ("increase", "Capital increase (assembly decision)"),
            ("reduction", "Capital reduction (assembly decision)"),
        ],
        required=True,
    )
    shares = fields.Integer(help="Shares subscribed, transferred, refunded or cancelled.")
    share_value = fields.Monetary(
        string="Share value", readonly=True, help="Nominal value of a share when the movement was recorded."
    )
    amount = fields.Monetary(
        help="Nominal value of the shares, or the money paid (payment, refund).",
    )
    unpaid_cancelled = fields.Monetary(
        string="Unpaid capital cancelled",
        readonly=True,
        help="Part of the shares refunded or cancelled that the member had not paid up yet.",
    )
    to_member_id = fields.Many2one(
        "comasec.coop.member", string="Transferred to", ondelete="restrict", index="btree_not_null"
    )
    board_approval_date = fields.Date(help="Date on which the board of directors approved the transfer.")
    assembly_id = fields.Many2one(
        "comasec.coop.assembly",
        string="Assembly decision",
        ondelete="restrict",
        domain="[('cooperative_id', '=', cooperative_id), ('state', '=', 'held')]",
    )
    reason = fields.Char()

    @api.depends("kind", "member_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for movement in self:
            movement.display_name = f"{movement.date} {kinds.get(movement.kind, '')}: {movement.partner_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        """Each movement is checked against the register as it stands before it, in the
        order given: the amounts it derives (nominal value, unpaid part cancelled) are
        fixed then, never typed by the user."""
        movements = self.browse()
        for vals in vals_list:
            vals = {key: value for key, value in vals.items() if key not in ("share_value", "unpaid_cancelled")}
            movement = super().create([vals])
            movement._check_and_value()
            movements |= movement
        return movements

    def write(self, vals):
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            raise UserError(
                self.env._("A capital movement is not changed once recorded: record a new movement that corrects it.")
            )
        return super().write(vals)

    def _check_and_value(self):
        """Refuse the movement if the register does not allow it, else fix its amounts."""
        self.ensure_one()
        member, name = self.member_id, self.member_id.partner_id.name
        today = fields.Date.context_today(self)
        if date_out_of_range(self.date, 1900, today):
            raise ValidationError(
                self.env._("The date of the capital movement (%s) must be today or earlier.", self.date)
            )
        later = self.search_count(
            [
                ("id", "!=", self.id),
                ("date", ">", self.date),
                "|",
                ("member_id", "in", (member | self.to_member_id).ids),
                ("to_member_id", "in", (member | self.to_member_id).ids),
            ]
        )
        if later:
            raise ValidationError(
                self.env._(
                    "%(member)s already has capital movements after %(date)s: record the movements in date order.",
                    member=name,
                    date=self.date,
                )
            )
        value = member.cooperative_id.comasec_coop_share_value
        vals = {"share_value": value, "unpaid_cancelled": 0.0}
        if self.kind == "payment":
            self._check_payment(name)
        else:
            if self.shares <= 0:
                raise ValidationError(self.env._("%s: enter a positive number of shares.", name))
            vals["amount"] = self.shares * value
        balances = member._capital_balances(self.date, exclude=self)
        if SHARE_SIGN.get(self.kind, 0) < 0 and balances["shares"]:
            # shares leave at the nominal value they were subscribed at, whatever today's
            vals["amount"] = self.currency_id.round(self.shares * balances["subscribed"] / balances["shares"])
        if self.kind in ("subscription", "increase") and not member._period_at(self.date):
            raise ValidationError(
                self.env._("%(member)s is not a member on %(date)s: no subscription then.", member=name, date=self.date)
            )
        if self.kind in ("increase", "reduction") or (self.kind == "refund" and self.assembly_id):
            self._check_assembly()
        if self.kind == "transfer":
            self._check_transfer(balances)
        if self.kind in ("refund", "reduction"):
            if self.shares > balances["shares"]:
                raise ValidationError(
                    self.env._(
                        "%(member)s holds %(held)s share(s): %(shares)s cannot be refunded or cancelled.",
                        member=name,
                        held=balances["shares"],
                        shares=self.shares,
                    )
                )
            # the unpaid part of the member's capital goes first
            vals["unpaid_cancelled"] = min(balances["to_pay"], vals["amount"])
        if self.kind == "refund":
            if member._period_at(self.date) or member.period_ids.filtered(lambda p: p.join_date > self.date):
                raise ValidationError(
                    self.env._(
                        "%(member)s has not left the cooperative on %(date)s: only a member who has left is "
                        "refunded (record the exit first).",
                        member=name,
                        date=self.date,
                    )
                )
            if not self.reason:
                raise ValidationError(self.env._("%s: give the reason of the refund.", name))
        if self.kind == "refund" and not self.assembly_id:
            self._check_min_paid_capital(vals["amount"] - vals["unpaid_cancelled"])
        # sudo: the amounts the register derives itself; no user writes a movement
        return super(ComasecCoopCapitalMovement, self.sudo()).write(vals)

    def _check_payment(self, name):
        if self.shares:
            raise ValidationError(self.env._("%s: a payment is an amount of money, not shares.", name))
        if self.currency_id.compare_amounts(self.amount, 0) <= 0:
            raise ValidationError(self.env._("%s: enter the amount paid.", name))
        to_pay = self.member_id._capital_balances(self.date, exclude=self)["to_pay"]
        if self.currency_id.compare_amounts(self.amount, to_pay) > 0:
            raise ValidationError(
                self.env._(
                    "%(member)s has %(to_pay)s of subscribed capital left to pay on %(date)s: a payment of "
                    "%(amount)s is too much.",
                    member=name,
                    to_pay=to_pay,
                    date=self.date,
                    amount=self.amount,
                )
            )

    def _check_transfer(self, balances):
        member, other = self.member_id, self.to_member_id
        if not other or other == member or other.cooperative_id != member.cooperative_id:
            raise ValidationError(
                self.env._("Choose the member of %s who receives the shares.", member.cooperative_id.name)
            )
        if not other._period_at(self.date):
            raise ValidationError(
                self.env._(
                    "%(member)s is not a member on %(date)s: shares are transferred only between members.",
                    member=other.partner_id.name,
                    date=self.date,
                )
            )
        if not self.board_approval_date or self.board_approval_date > self.date:
            raise ValidationError(
                self.env._("Enter the date on which the board approved the transfer (on or before the transfer).")
            )
        # only paid-up shares change hands: the cooperative keeps the same debtor for the rest
        paid_shares = self.member_id._paid_shares(balances)
        if self.shares > paid_shares:
            raise ValidationError(
                self.env._(
                    "%(member)s holds %(held)s fully paid share(s) on %(date)s: a transfer of %(shares)s is refused.",
                    member=member.partner_id.name,
                    held=paid_shares,
                    date=self.date,
                    shares=self.shares,
                )
            )

    def _check_assembly(self):
        assembly = self.assembly_id
        if (
            not assembly
            or assembly.cooperative_id != self.cooperative_id
            or assembly.state != "held"
            or assembly.held_date > self.date
        ):
            raise ValidationError(
                self.env._(
                    "A capital increase or reduction needs the decision of an assembly of %s held on or before "
                    "the movement's date.",
                    self.cooperative_id.name,
                )
            )

    def _check_min_paid_capital(self, paid_out):
        """A refund without an assembly decision may not take the paid-up capital below the
        legal minimum (setting comasec_coop.min_paid_capital)."""
        minimum = get_param(self.env, "comasec_coop.min_paid_capital")
        paid = self.cooperative_id._comasec_capital_at(self.date, exclude=self)["paid"]
        if self.currency_id.compare_amounts(paid - paid_out, minimum) < 0:
            raise ValidationError(
                self.env._(
                    "This refund takes the paid-up capital of %(coop)s from %(paid)s to %(after)s, below the legal "
                    "minimum of %(min)s: it needs the decision of an assembly (choose it on the movement).",
                    coop=self.cooperative_id.name,
                    paid=paid,
                    after=paid - paid_out,
                    min=minimum,
                )
            )

    def _effects(self, member):
        """(shares, subscribed, paid) this movement adds to ``member``'s balances."""
        self.ensure_one()
        if self.kind == "payment":
            return 0, 0.0, self.amount
        if self.kind == "transfer" and self.to_member_id == member:
            return self.shares, self.amount, self.amount
        sign = SHARE_SIGN[self.kind]
        if sign > 0:
            return self.shares, self.amount, 0.0
        paid_out = self.amount if self.kind == "transfer" else self.amount - self.unpaid_cancelled
        return -self.shares, -self.amount, -paid_out
