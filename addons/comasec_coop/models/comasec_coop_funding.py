from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import date_out_of_range


class ComasecCoopFunding(models.Model):
    _name = "comasec.coop.funding"
    _description = "Public funding received by a cooperative"
    _inherit = ["comasec.cooperative.mixin"]
    _order = "year desc, id desc"

    cooperative_id = fields.Many2one(ondelete="cascade")
    funder = fields.Selection(
        [("indh", "INDH"), ("region", "Souss-Massa region"), ("ministry", "Ministry"), ("other", "Other")],
        required=True,
        default="indh",
    )
    program = fields.Char()
    year = fields.Integer(required=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.MAD"), required=True)
    amount = fields.Monetary(required=True)

    @api.constrains("amount", "year")
    def _check_amount_year(self):
        for funding in self:
            if funding.amount <= 0:
                raise ValidationError(self.env._("A funding amount must be positive."))
            if date_out_of_range(funding.year, 1950, fields.Date.today().year + 1):
                raise ValidationError(self.env._("The funding year %s is out of range.", funding.year))
