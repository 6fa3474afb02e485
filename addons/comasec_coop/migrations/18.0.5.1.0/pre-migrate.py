"""18.0.5.1.0: as at every version, settings saved by an admin before their defaults were shipped
as data are adopted by that data (noupdate), so the upgrade neither fails nor overwrites them."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params


def migrate(cr, version):
    adopt_params(cr, "comasec_coop")
