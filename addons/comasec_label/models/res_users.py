from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _comasec_company_reader_groups(self):
        """Label managers and committee members read the cooperatives' labelled lots and
        their recall, which Odoo's multi-company rules on stock keep to allowed companies."""
        return (
            super()._comasec_company_reader_groups()
            | self.env.ref("comasec_coop.comasec_coop_group_label_manager")
            | self.env.ref("comasec_coop.comasec_coop_group_committee_member")
        )
