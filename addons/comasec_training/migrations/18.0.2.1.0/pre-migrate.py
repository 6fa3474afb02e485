"""18.0.2.1.0: as at every version, settings an admin saved before their defaults were
shipped as data are adopted by that data (noupdate), so the upgrade neither fails nor
overwrites them. The certificate's public check (now comasec_coop's public document) needs
no data migration."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params


def migrate(cr, version):
    adopt_params(cr, "comasec_training")
