"""18.0.5.0.0: the fields the suite adds to contacts (and so to users) carry the comasec_ prefix,
as every field the suite adds to Odoo's models: renamed with their values, their rows and
their xmlids before the module loads. As at every version, settings an admin saved before
their defaults were shipped as data are adopted by that data."""

from openupgradelib import openupgrade

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.addons.comasec_coop.tools.upgrade import PARTNER_MODELS, add_prefix

RENAMED = (
    "is_cooperative",
    "coop_state",
    "coop_legal_form",
    "coop_register_number",
    "coop_register_date",
    "coop_register_court",
    "coop_if",
    "coop_tp",
    "coop_cnss",
    "coop_founding_date",
    "coop_fiscal_year_end_month",
    "coop_province_id",
    "coop_commune_id",
    "coop_sector_ids",
    "coop_product_ids",
    "coop_union_id",
    "coop_funding_ids",
    "coop_makes_food",
    "onssa_number",
    "onssa_kind",
    "onssa_date",
    "onssa_expiry_date",
    "onssa_valid",
    "coop_share_value",
    "coop_currency_id",
    "coop_member_ids",
    "coop_member_count",
    "coop_women_count",
    "coop_capital_subscribed",
    "coop_capital_paid",
    "coop_assembly_ids",
    "coop_mandate_ids",
    "coop_creation_step_ids",
    "compliance_review_ids",
    "compliance_review_id",
    "compliance_review_state",
    "compliance_level_reason",
    "compliance_score",
    "compliance_level",
    "compliance_trend",
    "compliance_review_date",
    "coop_followup_count",
)


@openupgrade.migrate()
def migrate(env, version):
    add_prefix(env, "comasec_coop", PARTNER_MODELS, RENAMED)
    adopt_params(env.cr, "comasec_coop")
