from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Counts registrations, which only the suite's users read: hidden from other users of partners.
    comasec_training_registration_count = fields.Integer(
        compute="_compute_comasec_training_registration_count",
        string="Trainings",
        groups="comasec_coop.comasec_coop_group_bookkeeper,comasec_coop.comasec_coop_group_trainer,"
        "comasec_coop.comasec_coop_group_supervisor",
    )

    def _compute_comasec_training_registration_count(self):
        counts = dict(
            self.env["event.registration"]._read_group(
                [("comasec_cooperative_id", "in", self.ids), ("state", "!=", "cancel")],
                ["comasec_cooperative_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.comasec_training_registration_count = counts.get(partner, 0)

    def action_view_training_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.event_registration_action_training")
        action["domain"] = [("comasec_cooperative_id", "=", self.id)]
        action["context"] = {"search_default_group_course": 1}
        return action

    def action_open_training_plan(self):
        self.ensure_one()
        plan = self.env["comasec.training.plan"].search([("cooperative_id", "=", self.id)], limit=1)
        if not plan:
            plan = self.env["comasec.training.plan"].create({"cooperative_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "comasec.training.plan",
            "res_id": plan.id,
            "view_mode": "form",
        }
