from odoo import fields, models


class ComasecCoopMemberRejoin(models.TransientModel):
    _name = "comasec.coop.member.rejoin"
    _description = "A member who left comes back"

    member_id = fields.Many2one("comasec.coop.member", required=True, ondelete="cascade")
    join_date = fields.Date(string="Return date", required=True, default=fields.Date.context_today)

    def action_rejoin(self):
        self.ensure_one()
        self.member_id._rejoin(self.join_date)
        return {"type": "ir.actions.act_window_close"}
