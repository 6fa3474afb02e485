from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecMinimumWage(models.Model):
    """Legal minimum wage in force from a date, as its decree sets it: the SMIG
    (industry, trade, services) per hour, the SMAG (agriculture) per day. The monthly
    conversion is a setting (see ``comasec_social.monthly_minimums``)."""

    _name = "comasec.minimum.wage"
    _description = "Legal minimum wage"
    _order = "kind, date desc"

    kind = fields.Selection([("smig", "SMIG (hourly)"), ("smag", "SMAG (daily)")], required=True)
    date = fields.Date(string="In force from", required=True)
    amount = fields.Float(required=True, digits=(16, 2), help="Hourly for the SMIG, daily for the SMAG, in MAD.")
    to_confirm = fields.Boolean(
        default=True, help="To confirm: check the amount against the decree before relying on it."
    )
    source = fields.Char(help="Decree, and where its amount was read.")
    note = fields.Char()

    _sql_constraints = [("kind_date_unique", "unique(kind, date)", "One minimum wage per kind and date.")]

    @api.constrains("amount")
    def _check_amount(self):
        for wage in self:
            if wage.amount <= 0:
                raise ValidationError(self.env._("A minimum wage must be positive."))

    @api.model
    def _in_force(self, on_date):
        """{kind: amount} of the minimum wages in force on ``on_date``."""
        groups = self.search([("date", "<=", on_date)], order="date desc")
        res = {}
        for wage in groups:
            res.setdefault(wage.kind, wage.amount)
        return res
