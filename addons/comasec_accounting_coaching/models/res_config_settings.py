from odoo import fields, models

CUSTOMER_ICE_POLICY_KEY = "comasec_accounting_coaching.customer_ice_policy"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    comasec_customer_ice_policy = fields.Selection(
        [("warning", "Warn on the invoice"), ("refuse", "Refuse to post")],
        string="Business customer without ICE",
        config_parameter=CUSTOMER_ICE_POLICY_KEY,
        default="warning",
        help="What happens when a cooperative invoices a Moroccan business customer whose ICE is unknown "
        "(CGI art. 145-III asks for the customer's ICE).",
    )
