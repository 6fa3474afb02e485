from odoo import fields, models


class ComasecSector(models.Model):
    _name = "comasec.sector"
    _description = "Production sector"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_food = fields.Boolean(
        string="Food",
        help="Producers of this sector make food: they need an ONSSA sanitary authorisation "
        "or approval (Law 28-07 art. 5).",
    )
    sdoq = fields.Char(
        string="Origin sign", help="Distinctive sign of origin and quality (Law 25-06), e.g. IGP Argane."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "A sector code must be unique.")]
