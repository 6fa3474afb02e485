from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    comasec_min_shares_per_member = fields.Integer(
        string="Minimum shares per member",
        config_parameter="comasec_coop.min_shares_per_member",
        help="To confirm: set by each cooperative's statutes.",
    )
    comasec_assembly_quorum_percent = fields.Float(
        string="Assembly quorum (%)",
        config_parameter="comasec_coop.assembly_quorum_percent",
        help="To confirm: share of members present or represented for a general assembly to decide.",
    )
    comasec_level_green_min = fields.Float(
        string="Green from score",
        config_parameter="comasec_coop.level_green_min",
    )
    comasec_level_orange_min = fields.Float(
        string="Orange from score",
        config_parameter="comasec_coop.level_orange_min",
    )
    comasec_followup_days = fields.Integer(
        string="Follow-up delay (days)",
        config_parameter="comasec_coop.followup_days",
    )
