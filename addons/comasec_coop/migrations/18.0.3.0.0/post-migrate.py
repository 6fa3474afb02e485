"""18.0.3.0.0: a cooperative never reviewed has the compliance level "Not reviewed" (the
cockpit's last column) instead of none; the levels already computed stay."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Partner = env["res.partner"].with_context(active_test=False)
    never = Partner.search([("is_cooperative", "=", True), ("compliance_level", "=", False)])
    env.add_to_compute(Partner._fields["compliance_level"], never)
    never.flush_recordset(["compliance_level"])
