from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..tools.traceability import certificate_state_on, women_share

ISSUE, EXPIRY = date(2026, 3, 1), date(2029, 2, 28)


@tagged("post_install", "-at_install")
class TestTraceabilityTools(BaseCase):
    def test_women_share(self):
        self.assertEqual(women_share([(40, True), (25, True), (35, False)]), 65)
        self.assertEqual(women_share([(14, True), (9, True), (7, True)]), 100)
        self.assertEqual(women_share([(1, False)]), 0)
        self.assertEqual(women_share([(1, True), (2, False)]), 33)
        self.assertIsNone(women_share([]))

    @given(st.lists(st.tuples(st.floats(0.001, 1e6), st.booleans()), min_size=1))
    def test_women_share_is_a_percentage(self, deliveries):
        self.assertTrue(0 <= women_share(deliveries) <= 100)

    def test_state_on_a_day(self):
        sanctions = [
            (date(2027, 5, 10), "suspension"),
            (date(2027, 6, 1), "reinstatement"),
            (date(2027, 9, 1), "warning"),
        ]
        self.assertIsNone(certificate_state_on(date(2026, 2, 28), ISSUE, EXPIRY, sanctions))
        self.assertEqual(certificate_state_on(ISSUE, ISSUE, EXPIRY, sanctions), "valid")
        self.assertEqual(certificate_state_on(date(2027, 5, 9), ISSUE, EXPIRY, sanctions), "valid")
        self.assertEqual(certificate_state_on(date(2027, 5, 10), ISSUE, EXPIRY, sanctions), "suspended")
        self.assertEqual(certificate_state_on(date(2027, 6, 1), ISSUE, EXPIRY, sanctions), "valid")
        self.assertEqual(certificate_state_on(date(2027, 10, 1), ISSUE, EXPIRY, sanctions), "valid")
        self.assertEqual(certificate_state_on(EXPIRY, ISSUE, EXPIRY, sanctions), "valid")
        self.assertEqual(certificate_state_on(date(2029, 3, 1), ISSUE, EXPIRY, sanctions), "expired")
        withdrawn = [(date(2027, 1, 1), "withdrawal")]
        self.assertEqual(certificate_state_on(date(2028, 1, 1), ISSUE, EXPIRY, withdrawn), "withdrawn")
        # given out of order, the sanctions are replayed by date
        self.assertEqual(certificate_state_on(date(2027, 7, 1), ISSUE, EXPIRY, list(reversed(sanctions))), "valid")
