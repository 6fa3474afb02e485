"""18.0.4.0.0: the tax regime's settings (exemption ceiling, warning share) ship as data;
as at every version, rows an admin saved without XML id are adopted by that data first
(see comasec_coop's adopt_params), so the upgrade neither fails nor overwrites them. The
new fields and the ODCO pack model need no data migration."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params


def migrate(cr, version):
    adopt_params(cr, "comasec_accounting_coaching")
