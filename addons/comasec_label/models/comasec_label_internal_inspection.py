from odoo import api, fields, models
from odoo.addons.comasec_coop.tools.dates import date_out_of_range
from odoo.exceptions import ValidationError

INSPECTION_RESULTS = [("compliant", "Compliant"), ("non_compliant", "Non-compliant")]


class ComasecLabelInternalInspection(models.Model):
    """The yearly inspection of one producing member by the cooperative's internal control
    system, recorded from its register; the external audit samples members and compares."""

    _name = "comasec.label.internal.inspection"
    _description = "Internal inspection of a member"
    _inherit = ["mail.thread", "comasec.cooperative.mixin"]
    _order = "date desc, id desc"

    cooperative_id = fields.Many2one(tracking=True)
    member_id = fields.Many2one(
        "comasec.coop.member",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('cooperative_id', '=', cooperative_id)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    inspector = fields.Char(required=True, help="The cooperative's internal inspector who visited the member.")
    result = fields.Selection(INSPECTION_RESULTS, required=True, tracking=True)
    notes = fields.Text()

    _sql_constraints = [
        ("member_year_unique", "unique(member_id, year)", "A member has one internal inspection a year."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for inspection in self:
            inspection.year = inspection.date.year

    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = f"{inspection.year} {inspection.member_id.display_name}"

    @api.constrains("cooperative_id", "member_id", "date")
    def _check_member(self):
        today = fields.Date.context_today(self)
        for inspection in self:
            if inspection.member_id.cooperative_id != inspection.cooperative_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(cooperative)s: choose one of its members.",
                        member=inspection.member_id.display_name,
                        cooperative=inspection.cooperative_id.name,
                    )
                )
            if date_out_of_range(inspection.date, 1900, today):
                raise ValidationError(
                    self.env._(
                        "The date of the internal inspection of %(member)s (%(date)s) must be between 1900 and today.",
                        member=inspection.member_id.display_name,
                        date=inspection.date,
                    )
                )
