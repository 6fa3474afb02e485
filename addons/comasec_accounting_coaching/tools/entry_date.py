"""The date of entries a wizard posts in a cooperative's books."""

from odoo import fields
from odoo.addons.comasec_coop.tools.dates import date_out_of_range
from odoo.exceptions import ValidationError


def check_entry_dates(records, what):
    """Refuse a date after today or before 2000 on ``records`` (their ``date`` field).

    The entries are numbered in the fiscal year of their date: a mistyped year would open
    a sequence in 9999 (or 0001) in the cooperative's books. ``what`` names the entries."""
    today = fields.Date.context_today(records)
    for record in records:
        if date_out_of_range(record.date, 2000, today):
            raise ValidationError(
                records.env._(
                    "The date of the %(what)s (%(date)s) must be today or earlier, and not before 2000.",
                    what=what,
                    date=record.date,
                )
            )
