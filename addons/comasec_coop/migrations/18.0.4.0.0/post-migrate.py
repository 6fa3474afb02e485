"""18.0.4.0.0: the compliance category "Label" is gone (no rule of the suite used it; the
label's own requirements are its standard's criteria). A rule an admin filed under it
goes to the default category, Legal, so that it still shows in its group."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("UPDATE comasec_compliance_rule SET category = 'legal' WHERE category = 'label'"))
