from odoo import fields, models


class ResLang(models.Model):
    _inherit = "res.lang"

    comasec_digits = fields.Selection(
        [("western", "Western (0-9)"), ("arabic", "Arabic-Indic (\u0660-\u0669)")],
        string="Digits on documents",
        required=True,
        default="western",
        help="Digits printed on the CoMaSec documents (certificates, invoices, registers, visit reports) "
        "rendered in this language. URLs and QR codes always keep Western digits.",
    )
