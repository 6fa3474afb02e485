"""18.0.3.0.0: settings saved by an admin before their defaults were shipped as data are
adopted by that data (noupdate), so the upgrade neither fails nor overwrites them; and the
hand-written XLSX statements give way to the OCA's report engines.

Odoo removes a deleted model's fields at the end of the upgrade, but removing the values of
a selection field looks the model up in the registry, where it no longer is: remove them
(and their XML ids) first, and the wizards' table, which Odoo leaves behind."""

from odoo.addons.comasec_coop.models.comasec_params import adopt_params
from odoo.tools import SQL

REMOVED_MODELS = {"comasec.accounting.export": "comasec_accounting_export"}


def migrate(cr, version):
    adopt_params(cr, "comasec_accounting_coaching")
    cr.execute(
        SQL(
            """
            WITH gone AS (
                DELETE FROM ir_model_fields_selection s
                 USING ir_model_fields f
                 WHERE s.field_id = f.id AND f.model IN %s
             RETURNING s.id
            )
            DELETE FROM ir_model_data d
             USING gone
             WHERE d.model = 'ir.model.fields.selection' AND d.res_id = gone.id
            """,
            tuple(REMOVED_MODELS),
        )
    )
    for table in REMOVED_MODELS.values():
        cr.execute(SQL("DROP TABLE IF EXISTS %s CASCADE", SQL.identifier(table)))
