from odoo import fields, models


class ComasecCommune(models.Model):
    _name = "comasec.commune"
    _description = "Commune or district"
    _order = "province_id, name"

    name = fields.Char(required=True)
    province_id = fields.Many2one("comasec.province", required=True, ondelete="restrict", index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_province_unique", "unique(name, province_id)", "This commune already exists in the province.")
    ]
