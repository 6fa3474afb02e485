"""18.0.3.0.0: a contact's count of training registrations is comasec_training_registration_count,
with the comasec_ prefix of every field the suite adds to Odoo's models (a computed field:
its rows and xmlids are renamed). As at every version, settings an admin saved before their
defaults were shipped as data are adopted by that data."""

from openupgradelib import openupgrade

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.addons.comasec_coop.tools.upgrade import rename_fields

RENAMED = ("training_registration_count",)


@openupgrade.migrate()
def migrate(env, version):
    rename_fields(
        env,
        "comasec_training",
        {"res.partner": "res_partner", "res.users": "res_users"},
        {name: f"comasec_{name}" for name in RENAMED},
    )
    adopt_params(env.cr, "comasec_training")
