from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    comasec_reminded_date = fields.Date(
        string="Overdue reminder sent on",
        readonly=True,
        copy=False,
        help="Last day the overdue follow-up reminder was posted: the daily job reminds once a day.",
    )
