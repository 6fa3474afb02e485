"""18.0.2.0.0: minimum wages as their decrees set them, and each cooperative's accounts."""

from odoo import SUPERUSER_ID, api

# xmlid: (amount shipped before, amount of the decree, source)
CORRECTED_WAGES = {
    # the SMIG was shipped per month (17.10 x 191 h); it is now hourly, converted by a setting
    "comasec_minimum_wage_smig_2025": (3266.10, 17.10, 'le360, "SMIG et SMAG au Maroc en 2026"'),
    # 97.44 is the SMAG from 2026-04-01; from 2025-04-01 it was 93.00
    "comasec_minimum_wage_smag_2025": (97.44, 93.00, 'Decree 2.24.1122; le360, "SMIG et SMAG au Maroc en 2026"'),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (old, new, source) in CORRECTED_WAGES.items():
        wage = env.ref(f"comasec_accounting_coaching.{xmlid}", raise_if_not_found=False)
        # a manager's own correction stays
        if wage and round(wage.amount, 2) == old:
            wage.write({"amount": new, "to_confirm": False, "source": source})
    env["res.partner"].search(
        [("comasec_coop_company_id", "!=", False)]
    ).comasec_coop_company_id._comasec_set_default_accounts()
