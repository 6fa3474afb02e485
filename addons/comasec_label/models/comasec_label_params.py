"""Parameters of the label, read with comasec_coop's get_param (Settings > CoMaSec)."""

from odoo.addons.comasec_coop.models.comasec_params import PARAM_DEFAULTS

PARAM_DEFAULTS.update(
    {
        # CoMaSec's own rules for its label (no official text sets them)
        "comasec_label.certificate_validity_years": 3,
        "comasec_label.committee_quorum": 3,
        "comasec_label.nc_due_days_critical": 30,
        "comasec_label.nc_due_days_major": 60,
        "comasec_label.nc_due_days_minor": 90,
        "comasec_label.surveillance_lead_days": 60,
        "comasec_label.surveillance_grace_days": 30,
    }
)
