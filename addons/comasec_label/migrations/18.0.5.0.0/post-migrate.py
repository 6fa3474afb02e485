"""18.0.5.0.0: the expiry reminders are a list of day offsets (a setting); a certificate
keeps the smallest offset it was reminded at in reminder_days_sent instead of the two
flags reminder_30_sent and reminder_90_sent (dropped by the upgrade after this script)."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, "comasec_label_certificate", "reminder_90_sent"):
        return
    cr.execute(
        SQL(
            """
            UPDATE comasec_label_certificate
               SET reminder_days_sent = CASE WHEN reminder_30_sent THEN 30 ELSE 90 END
             WHERE reminder_30_sent OR reminder_90_sent
            """
        )
    )
