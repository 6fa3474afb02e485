from odoo import api, fields, models
from odoo.exceptions import UserError

from .comasec_facts import render_fact


class ComasecComplianceReviewLine(models.Model):
    _name = "comasec.compliance.review.line"
    _description = "Compliance review line"
    _order = "review_id, rule_id"

    review_id = fields.Many2one("comasec.compliance.review", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="review_id.cooperative_id")
    rule_id = fields.Many2one("comasec.compliance.rule", required=True, ondelete="restrict", index=True)
    category = fields.Selection(related="rule_id.category")
    severity = fields.Selection(related="rule_id.severity")
    weight = fields.Float(related="rule_id.weight")
    automatic = fields.Boolean(compute="_compute_automatic")
    result = fields.Selection(
        [
            ("compliant", "Compliant"),
            ("non_compliant", "Non-compliant"),
            ("not_applicable", "Not applicable"),
            ("not_evaluated", "Not evaluated"),
        ],
        required=True,
        default="not_evaluated",
        index=True,
    )
    explanation_data = fields.Json(
        string="Finding (facts)", readonly=True, help="What the automatic evaluation found, as facts."
    )
    explanation = fields.Text(
        compute="_compute_explanation", help="What the automatic evaluation found, in the reader's language."
    )
    comment = fields.Text()
    evidence_ids = fields.Many2many("ir.attachment", string="Evidence")
    followup_user_id = fields.Many2one("res.users", string="Follow-up owner")
    followup_deadline = fields.Date(string="Follow-up deadline")
    activity_id = fields.Many2one("mail.activity", string="Follow-up", ondelete="set null", readonly=True)

    _sql_constraints = [("rule_unique", "unique(review_id, rule_id)", "A rule appears once in a review.")]

    @api.depends("rule_id.evaluator")
    def _compute_automatic(self):
        automatic = {rule.id: bool(rule.evaluator) for rule in self.rule_id}
        for line in self:
            line.automatic = automatic.get(line.rule_id.id, False)

    def _refuse_automatic_result(self):
        raise UserError(
            self.env._("The result of an automatic rule comes from the data: fix the data and evaluate again.")
        )

    @api.model_create_multi
    def create(self, vals_list):
        # data files and fixtures (superuser) may record a review as it was, done included
        for vals in [] if self.env.su else vals_list:
            review = self.env["comasec.compliance.review"].browse(vals.get("review_id"))
            if review.state == "done":
                raise UserError(self.env._("This review is done and locked: a manager must reopen it first."))
            rule = self.env["comasec.compliance.rule"].browse(vals.get("rule_id"))
            # the evaluation inserts the automatic lines itself (_insert_lines), with their result
            if rule.evaluator and (vals.get("result", "not_evaluated") != "not_evaluated" or vals.get("explanation")):
                self._refuse_automatic_result()
        return super().create(vals_list)

    @api.depends("explanation_data")
    @api.depends_context("lang")
    def _compute_explanation(self):
        for line in self:
            line.explanation = render_fact(line.explanation_data, self.env.lang)

    def write(self, vals):
        if set(vals) - {"activity_id"} and any(line.review_id.state == "done" for line in self):
            raise UserError(self.env._("This review is done and locked: a manager must reopen it first."))
        if {"review_id", "rule_id"} & set(vals):
            raise UserError(
                self.env._("A line belongs to its review and rule for good: add the rule to the review instead.")
            )
        if {"result", "explanation"} & set(vals) and any(self.rule_id.mapped("evaluator")):
            self._refuse_automatic_result()
        return super().write(vals)
