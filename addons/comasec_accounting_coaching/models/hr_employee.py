from odoo import api, fields, models

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
