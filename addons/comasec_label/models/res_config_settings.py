from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import days_list

REMINDER_DAYS_KEY = "comasec_label.certificate_reminder_days"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    comasec_label_validity_years = fields.Integer(
        string="Certificate validity (years)",
        config_parameter="comasec_label.certificate_validity_years",
        help="CoMaSec's own rule for its label (no official text sets it).",
    )
    comasec_label_committee_quorum = fields.Integer(
        string="Committee quorum (votes)",
        config_parameter="comasec_label.committee_quorum",
        help="Default quorum of new committee sessions: votes of members without a conflict of interest.",
    )
    comasec_label_surveillance_lead_days = fields.Integer(
        string="Plan surveillance audits (days ahead)",
        config_parameter="comasec_label.surveillance_lead_days",
    )
    comasec_label_surveillance_grace_days = fields.Integer(
        string="Suspend after overdue surveillance (days)",
        config_parameter="comasec_label.surveillance_grace_days",
    )
    comasec_label_surveillance_interval_months = fields.Integer(
        string="Surveillance audit every (months)",
        config_parameter="comasec_label.surveillance_interval_months",
        help="Time from the issue of a certificate, then from each surveillance audit, to the next one due.",
    )
    comasec_label_certificate_reminder_days = fields.Char(
        string="Remind before expiry (days)",
        config_parameter=REMINDER_DAYS_KEY,
        help="Days before a certificate's expiry on which the cooperative and the label team are reminded, "
        "separated by commas, e.g. 90, 30.",
    )
    comasec_label_nc_due_days_critical = fields.Integer(
        string="Critical non-conformity: days to correct",
        config_parameter="comasec_label.nc_due_days_critical",
    )
    comasec_label_nc_due_days_major = fields.Integer(
        string="Major non-conformity: days to correct",
        config_parameter="comasec_label.nc_due_days_major",
    )
    comasec_label_nc_due_days_minor = fields.Integer(
        string="Minor non-conformity: days to correct",
        config_parameter="comasec_label.nc_due_days_minor",
    )
    comasec_label_ics_min_members = fields.Integer(
        string="Internal control from (producing members)",
        config_parameter="comasec_label.ics_min_members",
        help="A cooperative with this many producing members inspects each one yearly; its audits visit "
        "a random sample of them. 0: never required.",
    )
    comasec_label_capa_reminder_days_before = fields.Integer(
        string="Remind action owners (days before due)",
        config_parameter="comasec_label.capa_reminder_days_before",
    )
    comasec_label_capa_reminder_repeat_days = fields.Integer(
        string="Remind again every (days)",
        config_parameter="comasec_label.capa_reminder_repeat_days",
        help="Until the corrective or preventive action is done.",
    )
    comasec_label_complaint_acknowledge_days = fields.Integer(
        string="Acknowledge a complaint within (days)",
        config_parameter="comasec_label.complaint_acknowledge_days",
    )
    comasec_label_complaint_reply_days = fields.Integer(
        string="Reply to a complaint within (days)",
        config_parameter="comasec_label.complaint_reply_days",
    )
    comasec_label_complaint_rate_limit_per_hour = fields.Integer(
        string="Public reports per address and hour",
        config_parameter="comasec_label.complaint_rate_limit_per_hour",
        help="Reports of a problem accepted from one network address in an hour on the public verification pages.",
    )

    @api.constrains("comasec_label_certificate_reminder_days")
    def _check_comasec_certificate_reminder_days(self):
        for settings in self:
            days_list(self.env, REMINDER_DAYS_KEY, settings.comasec_label_certificate_reminder_days or "")
