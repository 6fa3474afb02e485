"""18.0.2.1.0: the taxes of the cooperatives already onboarded read "VAT 20%", not "20% 80"."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._comasec_cooperative_companies()._comasec_label_taxes()
