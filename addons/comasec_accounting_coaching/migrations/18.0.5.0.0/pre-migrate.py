"""18.0.5.0.0: a cooperative's accounting company on its contact (and so on its users) is
comasec_coop_company_id, with the comasec_ prefix of every field the suite adds to Odoo's
models: renamed with its values before the module loads. As at every version, settings an
admin saved before their defaults were shipped as data are adopted by that data."""

from openupgradelib import openupgrade

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.addons.comasec_coop.tools.upgrade import PARTNER_MODELS, add_prefix

RENAMED = ("coop_company_id",)


@openupgrade.migrate()
def migrate(env, version):
    add_prefix(env, "comasec_accounting_coaching", PARTNER_MODELS, RENAMED)
    adopt_params(env.cr, "comasec_accounting_coaching")
