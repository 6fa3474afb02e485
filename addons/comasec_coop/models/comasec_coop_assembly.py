from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import date_out_of_range
from .comasec_params import get_param


class ComasecCoopAssembly(models.Model):
    _name = "comasec.coop.assembly"
    _description = "General assembly"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.cooperative.mixin", "comasec.workflow.mixin"]
    # moved by the buttons only: "held" by hand would skip the convocation and its held date
    _comasec_workflow_fields = ("state",)
    _order = "convocation_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    cooperative_id = fields.Many2one(tracking=True)
    kind = fields.Selection(
        [("ordinary", "Ordinary"), ("extraordinary", "Extraordinary")],
        required=True,
        default="ordinary",
        tracking=True,
    )
    fiscal_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        help="Year in which the fiscal year approved by this assembly ends.",
    )
    convocation_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    held_date = fields.Date(tracking=True)
    location = fields.Char()
    attendance_ids = fields.One2many("comasec.coop.assembly.attendance", "assembly_id", string="Attendance")
    present_count = fields.Integer(compute="_compute_quorum", store=True)
    represented_count = fields.Integer(compute="_compute_quorum", store=True)
    member_count = fields.Integer(compute="_compute_quorum", store=True)
    attendance_rate = fields.Float(compute="_compute_quorum", store=True, aggregator="avg")
    quorum_percent = fields.Float(
        default=lambda self: get_param(self.env, "comasec_coop.assembly_quorum_percent"),
        help="Share of members present or represented required (parameter, to confirm in the statutes).",
    )
    quorum_reached = fields.Boolean(compute="_compute_quorum", store=True)
    resolutions = fields.Html()
    minutes_attachment_ids = fields.Many2many("ir.attachment", string="Minutes")
    state = fields.Selection(
        [("draft", "Draft"), ("convened", "Convened"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )

    @api.depends("cooperative_id", "kind", "fiscal_year")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for assembly in self:
            assembly.name = (
                f"{kinds.get(assembly.kind, '')} {assembly.fiscal_year} - {assembly.cooperative_id.name or ''}"
            )

    @api.depends("attendance_ids.status", "quorum_percent")
    def _compute_quorum(self):
        for assembly in self:
            statuses = assembly.attendance_ids.mapped("status")
            assembly.member_count = len(statuses)
            assembly.present_count = statuses.count("present")
            assembly.represented_count = statuses.count("represented")
            attending = assembly.present_count + assembly.represented_count
            assembly.attendance_rate = 100.0 * attending / len(statuses) if statuses else 0.0
            assembly.quorum_reached = bool(statuses) and assembly.attendance_rate >= assembly.quorum_percent

    @api.constrains("convocation_date", "held_date")
    def _check_dates(self):
        for assembly in self:
            if assembly.held_date and assembly.held_date < assembly.convocation_date:
                raise ValidationError(
                    self.env._(
                        "The assembly cannot be held (%(held)s) before it was convened (%(convened)s).",
                        held=assembly.held_date,
                        convened=assembly.convocation_date,
                    )
                )

    @api.constrains("fiscal_year", "quorum_percent")
    def _check_fiscal_year_quorum(self):
        this_year = fields.Date.context_today(self).year
        for assembly in self:
            if date_out_of_range(assembly.fiscal_year, 1900, this_year + 1):
                raise ValidationError(
                    self.env._(
                        "The fiscal year %(year)s of the assembly must be between 1900 and %(max)s.",
                        year=assembly.fiscal_year,
                        max=this_year + 1,
                    )
                )
            if not 0 <= assembly.quorum_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The quorum (%s %%) of the assembly must be between 0 and 100 %%.", assembly.quorum_percent
                    )
                )

    def action_convene(self):
        for assembly in self:
            if assembly.state != "draft":
                raise UserError(self.env._("Only a draft assembly can be convened."))
            # Everyone who is a member on the convocation date is called.
            members = self.env["comasec.coop.member"].search(
                [
                    ("cooperative_id", "=", assembly.cooperative_id.id),
                    *self.env["comasec.coop.member"]._in_force_domain(assembly.convocation_date),
                ]
            )
            called = assembly.attendance_ids.member_id
            assembly._comasec_workflow().write(
                {
                    "state": "convened",
                    "attendance_ids": [
                        Command.create({"member_id": m.id, "status": "absent"}) for m in members - called
                    ],
                }
            )

    def action_hold(self):
        for assembly in self:
            if assembly.state != "convened":
                raise UserError(self.env._("Only a convened assembly can be marked as held."))
            if not assembly.held_date:
                raise UserError(self.env._("Enter the date on which the assembly was held."))
        self._comasec_workflow().state = "held"

    def action_cancel(self):
        self.filtered(lambda a: a.state != "held")._comasec_workflow().state = "cancelled"

    def action_draft(self):
        self.filtered(lambda a: a.state == "cancelled")._comasec_workflow().state = "draft"
