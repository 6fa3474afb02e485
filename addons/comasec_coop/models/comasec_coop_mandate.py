from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecCoopMandate(models.Model):
    _name = "comasec.coop.mandate"
    _description = "Board mandate"
    _inherit = ["mail.thread"]
    _order = "cooperative_id, date_start desc"

    member_id = fields.Many2one("comasec.coop.member", required=True, ondelete="restrict", index=True)
    cooperative_id = fields.Many2one(related="member_id.cooperative_id", store=True, index=True)
    role = fields.Selection(
        [
            ("president", "President"),
            ("vice_president", "Vice-president"),
            ("treasurer", "Treasurer"),
            ("secretary", "Secretary"),
            ("board_member", "Board member"),
        ],
        required=True,
        tracking=True,
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    in_force = fields.Boolean(compute="_compute_in_force", search="_search_in_force")

    @api.depends("date_start", "date_end")
    def _compute_in_force(self):
        today = fields.Date.context_today(self)
        for mandate in self:
            mandate.in_force = mandate.date_start <= today <= mandate.date_end

    def _search_in_force(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on mandates in force."))
        today = fields.Date.context_today(self)
        domain = [("date_start", "<=", today), ("date_end", ">=", today)]
        return domain if (operator == "=") == value else ["|", ("date_start", ">", today), ("date_end", "<", today)]

    @api.depends("member_id", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for mandate in self:
            mandate.display_name = f"{roles.get(mandate.role, '')}: {mandate.member_id.partner_id.name or ''}"

    @api.constrains("date_start", "date_end", "member_id")
    def _check_dates(self):
        for mandate in self:
            if mandate.date_end < mandate.date_start:
                raise ValidationError(self.env._("A mandate cannot end before it starts."))
            # a mandate may be recorded from before the join (founders elected at the
            # constitutive assembly), never in a time the member had left
            member = mandate.member_id
            first_join = min(member.period_ids.mapped("join_date"), default=mandate.date_start)
            if mandate.date_start > first_join and not member._period_at(mandate.date_start):
                raise ValidationError(
                    self.env._(
                        "%(member)s had left the cooperative on %(date)s, when the mandate starts: no mandate then.",
                        member=mandate.member_id.partner_id.name,
                        date=mandate.date_start,
                    )
                )
