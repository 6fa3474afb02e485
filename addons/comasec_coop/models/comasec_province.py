from odoo import fields, models


class ComasecProvince(models.Model):
    _name = "comasec.province"
    _description = "Province or prefecture"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    region = fields.Char(default="Souss-Massa")
    commune_ids = fields.One2many("comasec.commune", "province_id", string="Communes")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "A province code must be unique.")]
