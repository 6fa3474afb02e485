from odoo import api, fields, models
from odoo.exceptions import UserError

from .comasec_social import days_per_month

WAGE_GROUPS = "comasec_coop.comasec_coop_group_bookkeeper,hr.group_hr_user"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Bookkeepers record their cooperative's workers, gender included (pay equality).
    # Every field here carries groups: hr.employee.public has none of them, and Odoo
    # refuses to read an ungrouped private field for users without an HR group.
    gender = fields.Selection(groups="hr.group_hr_user,comasec_coop.comasec_coop_group_bookkeeper")
    comasec_contract_type = fields.Selection(
        [("permanent", "Permanent"), ("fixed_term", "Fixed term"), ("seasonal", "Seasonal"), ("daily", "Day labourer")],
        string="Contract type",
        groups=WAGE_GROUPS,
    )
    comasec_minimum_kind = fields.Selection(
        [("smig", "SMIG (industry, trade, services)"), ("smag", "SMAG (agriculture)")],
        string="Minimum wage applicable",
        default="smig",
        groups=WAGE_GROUPS,
    )
    comasec_wage_kind = fields.Selection(
        [("monthly", "Monthly"), ("daily", "Daily")], string="Paid", default="monthly", groups=WAGE_GROUPS
    )
    comasec_wage = fields.Float(string="Wage (MAD)", digits=(16, 2), groups=WAGE_GROUPS)
    comasec_monthly_wage = fields.Float(
        string="Monthly equivalent (MAD)",
        compute="_compute_comasec_monthly_wage",
        store=True,
        aggregator="avg",
        groups=WAGE_GROUPS,
    )
    comasec_cnss_number = fields.Char(string="CNSS number", groups=WAGE_GROUPS)
    comasec_start_date = fields.Date(string="Start date", groups=WAGE_GROUPS)

    @api.depends("comasec_wage", "comasec_wage_kind")
    def _compute_comasec_monthly_wage(self):
        days = days_per_month(self.env)
        for employee in self:
            factor = days if employee.comasec_wage_kind == "daily" else 1
            employee.comasec_monthly_wage = employee.comasec_wage * factor

    @api.model_create_multi
    def create(self, vals_list):
        self._comasec_check_computed_wage(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._comasec_check_computed_wage([vals])
        return super().write(vals)

    def _comasec_check_computed_wage(self, vals_list):
        # The monthly equivalent feeds the minimum-wage indicators: only its compute sets it.
        if any("comasec_monthly_wage" in vals for vals in vals_list):
            raise UserError(
                self.env._(
                    "The monthly equivalent of a wage is computed from the wage and how it is paid: change those "
                    "instead."
                )
            )

    def _comasec_recompute_daily_wages(self):
        """Recompute the monthly equivalent of daily wages after the days-per-month setting changed."""
        # sudo: every company's daily-paid workers depend on the suite-wide setting.
        daily = self.sudo().with_context(active_test=False).search([("comasec_wage_kind", "=", "daily")])
        self.env.add_to_compute(self._fields["comasec_monthly_wage"], daily)
