from odoo import api, fields, models
from odoo.exceptions import ValidationError

BRANCHES = [
    ("family", "Family allowances"),
    ("short_term", "Short-term benefits"),
    ("pension", "Long-term benefits (pension)"),
    ("amo", "Compulsory health insurance (AMO)"),
    ("training", "Vocational training tax"),
]


class ComasecCnssRate(models.Model):
    """A CNSS contribution rate in force from a date: employer and employee shares
    (% of the gross wage), on wages capped at ``monthly_cap`` when one is set."""

    _name = "comasec.cnss.rate"
    _description = "CNSS contribution rate"
    _order = "branch, date desc"

    branch = fields.Selection(BRANCHES, required=True)
    date = fields.Date(string="In force from", required=True)
    employer_percent = fields.Float(string="Employer (%)", digits=(16, 2))
    employee_percent = fields.Float(string="Employee (%)", digits=(16, 2))
    monthly_cap = fields.Float(
        string="Monthly wage cap (MAD)", digits=(16, 2), help="Wage above which no contribution is due; 0: no cap."
    )
    to_confirm = fields.Boolean(default=True, help="To confirm: check the rate before relying on it.")
    source = fields.Char(help="Where the rate was read.")

    _sql_constraints = [("branch_date_unique", "unique(branch, date)", "One CNSS rate per branch and date.")]

    @api.constrains("employer_percent", "employee_percent", "monthly_cap")
    def _check_rates(self):
        for rate in self:
            if min(rate.employer_percent, rate.employee_percent, rate.monthly_cap) < 0 or (
                rate.employer_percent + rate.employee_percent > 100
            ):
                raise ValidationError(
                    self.env._(
                        "The CNSS rate of %(branch)s from %(date)s must have shares of 0 to 100 %% and a cap of 0 "
                        "or more.",
                        branch=dict(BRANCHES)[rate.branch],
                        date=rate.date,
                    )
                )

    @api.model
    def _in_force(self, on_date):
        """[(branch, employer %, employee %, monthly cap or None)] in force on ``on_date``."""
        res = {}
        for rate in self.search([("date", "<=", on_date)], order="date desc"):
            res.setdefault(
                rate.branch, (rate.branch, rate.employer_percent, rate.employee_percent, rate.monthly_cap or None)
            )
        return list(res.values())
