"""18.0.4.0.0 ships new settings as data (the tax regime's exemption ceiling and warning
share, the VAT statement's rate format, the health thresholds, the CNSS declaration deadline, how many
cooperatives' books a supervisor keeps open): as at every version, rows an admin saved
under these keys without XML id are adopted by that data first (see comasec_coop's
adopt_params), so the upgrade neither fails on a key nor overwrites a value. The new
fields and models need no data migration."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params


def migrate(cr, version):
    adopt_params(cr, "comasec_accounting_coaching")
