from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import date_out_of_range

EXIT_REASONS = [
    ("resignation", "Resignation"),
    ("exclusion", "Exclusion"),
    ("death", "Death"),
    ("other", "Other"),
]


class ComasecCoopMemberPeriod(models.Model):
    """One membership of a person in a cooperative, from the day they join to the day
    they leave: a member who comes back gets a new period, and the register keeps all."""

    _name = "comasec.coop.member.period"
    _description = "Membership period"
    _order = "cooperative_id, member_id, join_date, id"

    member_id = fields.Many2one("comasec.coop.member", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="member_id.cooperative_id", store=True, index=True)
    partner_id = fields.Many2one(related="member_id.partner_id", string="Person")
    join_date = fields.Date(required=True, default=fields.Date.context_today)
    exit_date = fields.Date()
    exit_reason = fields.Selection(EXIT_REASONS)

    @api.model
    def _in_force_domain(self, on_date):
        """The periods during which the person is a member on ``on_date``: joined that day
        or before and not left yet (a member who leaves on a day is no longer one that day)."""
        return [("join_date", "<=", on_date), "|", ("exit_date", "=", False), ("exit_date", ">", on_date)]

    def _is_in_force(self, on_date):
        self.ensure_one()
        return self.join_date <= on_date and (not self.exit_date or self.exit_date > on_date)

    @api.constrains("join_date", "exit_date", "exit_reason")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for period in self:
            name = period.member_id.partner_id.name
            if date_out_of_range(period.join_date, 1900, today):
                raise ValidationError(
                    self.env._(
                        "%(member)s: the join date (%(join)s) must be between 1900 and today.",
                        member=name,
                        join=period.join_date,
                    )
                )
            if period.exit_date and period.exit_date < period.join_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s: the exit date (%(exit)s) is before the join date (%(join)s).",
                        member=name,
                        exit=period.exit_date,
                        join=period.join_date,
                    )
                )
            if period.exit_date and not period.exit_reason:
                raise ValidationError(self.env._("%s: give the reason of the exit.", name))

    @api.constrains("member_id", "join_date", "exit_date")
    def _check_sequence(self):
        """A member's periods follow one another: each one but the last is closed, and the
        next one starts on or after its exit."""
        for member in self.member_id:
            periods = member.period_ids.sorted(lambda p: (p.join_date, p.id))
            for previous, period in pairwise(periods):
                if not previous.exit_date or previous.exit_date > period.join_date:
                    raise ValidationError(
                        self.env._(
                            "%(member)s: the membership from %(join)s starts before the one from %(previous)s "
                            "has ended: record the exit first, then the return.",
                            member=member.partner_id.name,
                            join=period.join_date,
                            previous=previous.join_date,
                        )
                    )
