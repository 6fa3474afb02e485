from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ComasecTrainingPlan(models.Model):
    _name = "comasec.training.plan"
    _description = "Training plan of a cooperative"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.cooperative.mixin"]
    _order = "cooperative_id"
    _rec_name = "cooperative_id"

    cooperative_id = fields.Many2one(ondelete="cascade", tracking=True)
    province_id = fields.Many2one(related="cooperative_id.comasec_coop_province_id", store=True)
    review_id = fields.Many2one(
        "comasec.compliance.review",
        string="Based on review",
        readonly=True,
        help="The cooperative's latest done compliance review when needs were last computed.",
    )
    need_ids = fields.One2many("comasec.training.need", "plan_id", string="Needs")
    registration_ids = fields.One2many(
        "event.registration", compute="_compute_registrations", string="Trainings of its members"
    )
    planned_session_ids = fields.Many2many("event.event", compute="_compute_registrations", string="Planned sessions")
    done_registration_ids = fields.Many2many(
        "event.registration", compute="_compute_registrations", string="Done trainings"
    )
    need_count = fields.Integer(compute="_compute_need_count")
    notes = fields.Html()

    _sql_constraints = [
        ("cooperative_unique", "unique(cooperative_id)", "A cooperative has one training plan."),
    ]

    def _not_a_cooperative_message(self):
        return self.env._(
            "%(partner)s is not a cooperative: a training plan is for a cooperative.", partner=self.cooperative_id.name
        )

    @api.depends("need_ids")
    def _compute_need_count(self):
        for plan in self:
            plan.need_count = len(plan.need_ids.filtered(lambda n: n.state == "open"))

    def _compute_registrations(self):
        registrations = self.env["event.registration"].search(
            [("comasec_cooperative_id", "in", self.cooperative_id.ids), ("state", "!=", "cancel")]
        )
        now = fields.Datetime.now()
        for plan in self:
            mine = registrations.filtered(lambda r, plan=plan: r.comasec_cooperative_id == plan.cooperative_id)
            plan.registration_ids = mine
            plan.planned_session_ids = mine.event_id.filtered(lambda e: e.date_end >= now)
            plan.done_registration_ids = mine.filtered(lambda r: r.comasec_result in ("passed", "failed", "absent"))

    def action_compute_needs(self):
        """Replaces the needs by those of each cooperative's latest done compliance review:
        every non-compliant rule suggests the courses that address it."""
        reviews = self.env["comasec.compliance.review"].search(
            [("cooperative_id", "in", self.cooperative_id.ids), ("state", "=", "done")],
            order="review_date desc, id desc",
        )
        latest = {}
        for review in reviews:
            latest.setdefault(review.cooperative_id, review)
        if not latest:
            raise UserError(
                self.env._(
                    "No done compliance review for %(coops)s: review the cooperative first.",
                    coops=", ".join(self.cooperative_id.mapped("name")),
                )
            )
        failing = self.env["comasec.compliance.review.line"].search(
            [("review_id", "in", [r.id for r in latest.values()]), ("result", "=", "non_compliant")]
        )
        courses = self.env["comasec.training.course"].search([("rule_ids", "in", failing.rule_id.ids)])
        for plan in self:
            review = latest.get(plan.cooperative_id)
            if not review:
                continue
            rules = failing.filtered(lambda line, review=review: line.review_id == review).rule_id
            needs = [
                Command.create({"rule_id": rule.id, "course_id": course.id})
                for rule in rules
                for course in courses
                if rule in course.rule_ids
            ]
            needs += [
                Command.create({"rule_id": rule.id})
                for rule in rules
                if not any(rule in course.rule_ids for course in courses)
            ]
            plan.write({"review_id": review.id, "need_ids": [Command.clear(), *needs]})
        return True

    def action_view_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.event_registration_action_training")
        action["domain"] = [("comasec_cooperative_id", "=", self.cooperative_id.id)]
        return action
