from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.comasec_coop.tools.dates import date_out_of_range
from odoo.exceptions import UserError, ValidationError

from .comasec_accounting_health_line import INDICATORS, STATUSES


class ComasecCoachingVisit(models.Model):
    """A coaching visit: what was found per indicator, what is recommended, and the
    actions agreed, each a scheduled activity with an owner and a deadline."""

    _name = "comasec.coaching.visit"
    _description = "Coaching visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin"]
    # set by Mark done only
    _comasec_workflow_fields = ("state",)
    _order = "date desc, id desc"

    plan_id = fields.Many2one("comasec.coaching.plan", required=True, index=True, ondelete="cascade")
    cooperative_id = fields.Many2one(related="plan_id.cooperative_id", store=True, index=True)
    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    coach_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    participant_ids = fields.Many2many("res.partner", string="Participants")
    finding_ids = fields.One2many("comasec.coaching.finding", "visit_id", string="Findings")
    recommendations = fields.Html()
    state = fields.Selection([("planned", "Planned"), ("done", "Done")], default="planned", tracking=True)
    open_action_count = fields.Integer(string="Open actions", compute="_compute_open_action_count")

    @api.depends("plan_id.cooperative_id", "date")
    def _compute_name(self):
        for visit in self:
            visit.name = f"{visit.plan_id.cooperative_id.name or ''} - {visit.date or ''}"

    def _compute_open_action_count(self):
        counts = dict(
            self.env["mail.activity"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["__count"]
            )
        )
        for visit in self:
            visit.open_action_count = counts.get(visit.id, 0)

    @api.constrains("date")
    def _check_date(self):
        latest = fields.Date.context_today(self) + timedelta(days=366)
        for visit in self:
            if date_out_of_range(visit.date, 1900, latest):
                raise ValidationError(
                    self.env._(
                        "The date of the visit to %(coop)s (%(date)s) must be between 1900 and one year from today.",
                        coop=visit.cooperative_id.name,
                        date=visit.date,
                    )
                )

    def action_load_findings(self):
        """Start the findings from the cooperative's latest bookkeeping health."""
        for visit in self:
            snapshot = self.env["comasec.accounting.health"].search(
                [("cooperative_id", "=", visit.cooperative_id.id), ("date", "<=", visit.date)], limit=1
            )
            if not snapshot:
                raise UserError(
                    self.env._("No bookkeeping health has been measured for %s yet.", visit.cooperative_id.name)
                )
            visit.finding_ids = [Command.clear()] + [
                Command.create({"indicator": line.indicator, "status": line.status, "note": line.explanation})
                for line in snapshot.line_ids
                if line.status in ("warning", "bad")
            ]

    def action_done(self):
        self._comasec_workflow().write({"state": "done"})


class ComasecCoachingFinding(models.Model):
    _name = "comasec.coaching.finding"
    _description = "Coaching visit finding"
    _order = "visit_id, indicator"

    visit_id = fields.Many2one("comasec.coaching.visit", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="visit_id.cooperative_id", store=True)
    indicator = fields.Selection([*INDICATORS, ("other", "Other")], required=True, default="other")
    status = fields.Selection(STATUSES, default="warning")
    note = fields.Text(string="Finding")
