"""18.0.4.0.0 ships a new setting as data (how many cooperatives' books a supervisor keeps
open): a value an admin saved under its key before is adopted by that data (noupdate), so
the upgrade neither fails on the key nor overwrites the value."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params


def migrate(cr, version):
    adopt_params(cr, "comasec_accounting_coaching")
