from odoo import fields, models


class ComasecCoopMember(models.Model):
    _inherit = "comasec.coop.member"

    registration_ids = fields.One2many("event.registration", "comasec_member_id", string="Enrolments")
    training_count = fields.Integer(compute="_compute_training_count", string="Trainings")
    certificate_count = fields.Integer(compute="_compute_training_count", string="Certificates")

    def _compute_training_count(self):
        trainings = dict(
            self.env["event.registration"]._read_group(
                [("comasec_member_id", "in", self.ids), ("state", "!=", "cancel")], ["comasec_member_id"], ["__count"]
            )
        )
        certificates = dict(
            self.env["comasec.training.certificate"]._read_group(
                [("member_id", "in", self.ids), ("state", "=", "issued")], ["member_id"], ["__count"]
            )
        )
        for member in self:
            member.training_count = trainings.get(member, 0)
            member.certificate_count = certificates.get(member, 0)

    def action_view_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.event_registration_action_training")
        action["domain"] = [("comasec_member_id", "=", self.id)]
        return action

    def action_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.comasec_training_certificate_action")
        action["domain"] = [("member_id", "=", self.id)]
        return action
