from odoo import fields, models

from .res_users import OPEN_BOOKS_LIMIT

CUSTOMER_ICE_POLICY_KEY = "comasec_accounting_coaching.customer_ice_policy"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    comasec_customer_ice_policy = fields.Selection(
        [("warning", "Warn on the invoice"), ("refuse", "Refuse to post")],
        string="Business customer without ICE",
        config_parameter=CUSTOMER_ICE_POLICY_KEY,
        help="What happens when a cooperative invoices a Moroccan business customer whose ICE is unknown "
        "(CGI art. 145-III asks for the customer's ICE).",
    )
    comasec_health_last_entry_warning_days = fields.Integer(
        string="Days without entry: warning",
        config_parameter="comasec_accounting_coaching.health_last_entry_warning_days",
    )
    comasec_health_last_entry_bad_days = fields.Integer(
        string="Days without entry: bad",
        config_parameter="comasec_accounting_coaching.health_last_entry_bad_days",
    )
    comasec_health_draft_age_days = fields.Integer(
        string="Draft invoices old after (days)",
        config_parameter="comasec_accounting_coaching.health_draft_age_days",
    )
    comasec_health_draft_warning_count = fields.Integer(
        string="Old draft invoices: warning from",
        config_parameter="comasec_accounting_coaching.health_draft_warning_count",
    )
    comasec_health_draft_bad_count = fields.Integer(
        string="Old draft invoices: bad from",
        config_parameter="comasec_accounting_coaching.health_draft_bad_count",
    )
    comasec_health_late_sale_days = fields.Integer(
        string="Sale entered late after (days)",
        config_parameter="comasec_accounting_coaching.health_late_sale_days",
    )
    comasec_health_late_sale_warning_count = fields.Integer(
        string="Sales entered late: warning from",
        config_parameter="comasec_accounting_coaching.health_late_sale_warning_count",
    )
    comasec_health_late_sale_bad_count = fields.Integer(
        string="Sales entered late: bad from",
        config_parameter="comasec_accounting_coaching.health_late_sale_bad_count",
    )
    comasec_health_unreconciled_age_days = fields.Integer(
        string="Statement line unreconciled after (days)",
        config_parameter="comasec_accounting_coaching.health_unreconciled_age_days",
    )
    comasec_health_unreconciled_warning_count = fields.Integer(
        string="Unreconciled statement lines: warning from",
        config_parameter="comasec_accounting_coaching.health_unreconciled_warning_count",
    )
    comasec_health_unreconciled_bad_count = fields.Integer(
        string="Unreconciled statement lines: bad from",
        config_parameter="comasec_accounting_coaching.health_unreconciled_bad_count",
    )
    comasec_health_overdue_days = fields.Integer(
        string="Receivable overdue after (days past due)",
        config_parameter="comasec_accounting_coaching.health_overdue_days",
    )
    comasec_health_overdue_warning_percent = fields.Float(
        string="Overdue receivables: warning from (%)",
        config_parameter="comasec_accounting_coaching.health_overdue_warning_percent",
    )
    comasec_health_overdue_bad_percent = fields.Float(
        string="Overdue receivables: bad from (%)",
        config_parameter="comasec_accounting_coaching.health_overdue_bad_percent",
    )
    comasec_health_tax_lock_grace_days = fields.Integer(
        string="VAT period closed within (days after quarter)",
        config_parameter="comasec_accounting_coaching.health_tax_lock_grace_days",
    )
    comasec_health_year_lock_months = fields.Integer(
        string="Fiscal year closed within (months)",
        config_parameter="comasec_accounting_coaching.health_year_lock_months",
        help="Law 112-12: the ordinary assembly approves the accounts within 6 months of the close.",
    )
    comasec_health_score_ok_min = fields.Float(
        string="Health OK from score",
        config_parameter="comasec_accounting_coaching.health_score_ok_min",
    )
    comasec_health_score_warning_min = fields.Float(
        string="Health warning from score",
        config_parameter="comasec_accounting_coaching.health_score_warning_min",
    )
    comasec_health_batch_size = fields.Integer(
        string="Cooperatives measured per batch",
        config_parameter="comasec_accounting_coaching.health_batch_size",
    )
    comasec_supervisor_open_books_limit = fields.Integer(
        string="Cooperatives' books a supervisor keeps open",
        config_parameter=OPEN_BOOKS_LIMIT,
        help="Open books adds a cooperative's company to the supervisor's companies; beyond this number "
        "the least recently opened are closed again, so that each page load stays small.",
    )
    comasec_working_hours_per_month = fields.Integer(
        string="Hours in a month (SMIG)",
        config_parameter="comasec_accounting_coaching.working_hours_per_month",
        help="To confirm: 191 hours is the usual monthly conversion of the hourly SMIG.",
    )
    comasec_working_days_per_month = fields.Integer(
        string="Working days in a month (SMAG, daily wages)",
        config_parameter="comasec_accounting_coaching.working_days_per_month",
        help="To confirm: 26 days is the usual SMAG month and the CNSS cap on declared days.",
    )
    comasec_cit_exemption_ceiling = fields.Integer(
        string="Corporate tax exemption ceiling (MAD excl. VAT)",
        config_parameter="comasec_accounting_coaching.cit_exemption_ceiling",
        help="CGI: a cooperative that processes its members' produce is exempt from corporate tax while its "
        "turnover stays under this amount (10,000,000 MAD).",
    )
    comasec_cit_exemption_warning_percent = fields.Float(
        string="Warn from (% of the ceiling)",
        config_parameter="comasec_accounting_coaching.cit_exemption_warning_percent",
        help="The compliance review warns when the fiscal year's turnover reaches this share of the ceiling.",
    )
