"""18.0.6.0.0: a product's certificates are comasec_label_certificate_id(s), with the comasec_
prefix of every field the suite adds to Odoo's models (computed fields: their rows and
xmlids are renamed). As at every version, settings an admin saved before their defaults
were shipped as data are adopted by that data."""

from openupgradelib import openupgrade

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.addons.comasec_coop.tools.upgrade import add_prefix

RENAMED = (
    "label_certificate_id",
    "label_certificate_ids",
)


@openupgrade.migrate()
def migrate(env, version):
    add_prefix(
        env, "comasec_label", {"product.template": "product_template", "product.product": "product_product"}, RENAMED
    )
    adopt_params(env.cr, "comasec_label")
