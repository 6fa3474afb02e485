from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ComasecComplianceReviewCreate(models.TransientModel):
    _name = "comasec.compliance.review.create"
    _description = "Start compliance reviews for several cooperatives"

    cooperative_ids = fields.Many2many(
        "res.partner", string="Cooperatives", domain=[("comasec_is_cooperative", "=", True)], required=True
    )
    period = fields.Char(required=True, default=lambda self: str(fields.Date.context_today(self).year))
    review_date = fields.Date(required=True, default=fields.Date.context_today)
    supervisor_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and self.env.context.get("active_ids"):
            res["cooperative_ids"] = [Command.set(self.env.context["active_ids"])]
        return res

    def action_create(self):
        self.ensure_one()
        cooperatives = self.cooperative_ids.filtered("comasec_is_cooperative")
        if not cooperatives:
            raise UserError(self.env._("Select at least one cooperative to review."))
        taken = self.env["comasec.compliance.review"].search(
            [("cooperative_id", "in", cooperatives.ids), ("period", "=", self.period)]
        )
        if taken:
            raise UserError(
                self.env._(
                    "These cooperatives already have a review for %(period)s: %(names)s. A period is reviewed "
                    "once: remove them from the list and follow up their reviews, or enter another period, "
                    "such as %(period)s-S2.",
                    period=self.period,
                    names=", ".join(taken.cooperative_id.mapped("name")),
                )
            )
        reviews = self.env["comasec.compliance.review"].create(
            [
                {
                    "cooperative_id": coop.id,
                    "period": self.period,
                    "review_date": self.review_date,
                    "supervisor_id": self.supervisor_id.id,
                }
                for coop in cooperatives
            ]
        )
        reviews.action_start()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Compliance reviews"),
            "res_model": "comasec.compliance.review",
            "view_mode": "list,form",
            "domain": [("id", "in", reviews.ids)],
        }
