from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..tools.certificate_dates import certificate_expiry


@tagged("post_install", "-at_install")
class TestCertificateDates(BaseCase):
    def test_the_day_before_the_anniversary(self):
        self.assertEqual(certificate_expiry(date(2026, 3, 1), 3), date(2029, 2, 28))
        self.assertEqual(certificate_expiry(date(2026, 5, 4), 3), date(2029, 5, 3))
        self.assertEqual(certificate_expiry(date(2026, 1, 1), 1), date(2026, 12, 31))
        # the day before 1 March in a leap year is 29 February
        self.assertEqual(certificate_expiry(date(2025, 3, 1), 3), date(2028, 2, 29))
        self.assertEqual(certificate_expiry(date(2025, 2, 28), 3), date(2028, 2, 27))

    def test_issued_on_29_february_lasts_to_28_february(self):
        self.assertEqual(certificate_expiry(date(2024, 2, 29), 1), date(2025, 2, 28))
        self.assertEqual(certificate_expiry(date(2024, 2, 29), 3), date(2027, 2, 28))
        # to a leap year too: the anniversary is 29 February, its eve the 28th
        self.assertEqual(certificate_expiry(date(2024, 2, 29), 4), date(2028, 2, 28))

    @settings(max_examples=300, deadline=None)
    @given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(1, 10))
    def test_covers_exactly_the_years(self, issue_date, years):
        expiry = certificate_expiry(issue_date, years)
        # the next day is the anniversary: same day and month, or 1 March for 29 February
        anniversary = expiry + timedelta(days=1)
        self.assertEqual(anniversary.year, issue_date.year + years)
        if (issue_date.month, issue_date.day) == (2, 29):
            self.assertIn((anniversary.month, anniversary.day), [(2, 29), (3, 1)])
        else:
            self.assertEqual((anniversary.month, anniversary.day), (issue_date.month, issue_date.day))
