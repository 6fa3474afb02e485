from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecTrainingNeed(models.Model):
    _name = "comasec.training.need"
    _description = "Training need of a cooperative"
    _order = "plan_id, rule_id, course_id"

    plan_id = fields.Many2one("comasec.training.plan", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="plan_id.cooperative_id", store=True, index=True)
    rule_id = fields.Many2one("comasec.compliance.rule", string="Failing rule", required=True, ondelete="cascade")
    course_id = fields.Many2one(
        "comasec.training.course",
        string="Suggested course",
        ondelete="cascade",
        help="Empty when no course of the catalogue addresses the rule yet.",
    )
    state = fields.Selection(
        [("no_course", "No course"), ("open", "To plan"), ("planned", "Planned"), ("done", "Trained")],
        compute="_compute_state",
    )

    @api.constrains("rule_id", "course_id")
    def _check_course_addresses_rule(self):
        for need in self:
            if need.course_id and need.rule_id not in need.course_id.rule_ids:
                raise ValidationError(
                    self.env._(
                        "The course %(course)s does not address the rule %(rule)s: choose a course that addresses "
                        "it, or leave the course empty.",
                        course=need.course_id.name,
                        rule=need.rule_id.display_name,
                    )
                )

    @api.depends("course_id", "cooperative_id")
    def _compute_state(self):
        registrations = self.env["event.registration"].search(
            [
                ("comasec_cooperative_id", "in", self.cooperative_id.ids),
                ("comasec_course_id", "in", self.course_id.ids),
                ("state", "!=", "cancel"),
            ]
        )
        status = {}
        for registration in registrations:
            key = (registration.comasec_cooperative_id.id, registration.comasec_course_id.id)
            current = status.get(key, "open")
            if registration.comasec_result == "passed":
                status[key] = "done"
            elif current != "done" and registration.comasec_result == "pending":
                status[key] = "planned"
        for need in self:
            if not need.course_id:
                need.state = "no_course"
            else:
                need.state = status.get((need.cooperative_id.id, need.course_id.id), "open")
