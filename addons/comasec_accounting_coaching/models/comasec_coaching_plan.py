from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.comasec_coop.tools.dates import period_out_of_range
from odoo.exceptions import UserError, ValidationError


class ComasecCoachingPlan(models.Model):
    _name = "comasec.coaching.plan"
    _description = "Coaching plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.cooperative.mixin", "comasec.workflow.mixin"]
    # moved by Start and Close only
    _comasec_workflow_fields = ("state",)
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    cooperative_id = fields.Many2one(tracking=True)
    coach_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    objectives = fields.Html()
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In progress"), ("done", "Done")], default="draft", tracking=True
    )
    visit_ids = fields.One2many("comasec.coaching.visit", "plan_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        counts = dict(
            self.env["comasec.coaching.visit"]._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        )
        for plan in self:
            plan.visit_count = counts.get(plan, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        latest = fields.Date.context_today(self) + relativedelta(years=10)
        for plan in self:
            if plan.date_end < plan.date_start:
                raise ValidationError(self.env._("The coaching plan %s ends before it starts.", plan.name))
            if period_out_of_range(plan.date_start, plan.date_end, 1900, latest):
                raise ValidationError(
                    self.env._(
                        "The coaching plan %(plan)s runs from %(start)s to %(end)s: its dates must be between 1900 "
                        "and ten years from today.",
                        plan=plan.name,
                        start=plan.date_start,
                        end=plan.date_end,
                    )
                )

    def _not_a_cooperative_message(self):
        return self.env._(
            "%(partner)s is not a cooperative: a coaching plan is for a cooperative.", partner=self.cooperative_id.name
        )

    def action_start(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("The coaching plan %s is not a draft: it cannot be started.", plan.name))
        self._comasec_workflow().write({"state": "active"})

    def action_done(self):
        for plan in self:
            if plan.state != "active":
                raise UserError(self.env._("The coaching plan %s is not in progress: it cannot be closed.", plan.name))
        self._comasec_workflow().write({"state": "done"})

    def action_view_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visits"),
            "res_model": "comasec.coaching.visit",
            "view_mode": "list,form",
            "domain": [("plan_id", "=", self.id)],
            "context": {"default_plan_id": self.id},
        }
