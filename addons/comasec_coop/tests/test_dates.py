from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from ..models.comasec_facts import render_fact, to_fact
from ..tools.dates import date_out_of_range, last_due_period_end, months_after, period_out_of_range
from .common import ComasecCoopCase


def month_end(year, month):
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@tagged("post_install", "-at_install")
class TestMonthEndDeadlines(BaseCase):
    def test_six_months_after_each_month_end_is_the_sixth_month_end(self):
        # 2025, and 2023-2024 for the leap February (year end 31 August -> 29 February)
        for year in (2023, 2024, 2025):
            for month in range(1, 13):
                end = month_end(year, month)
                expected = month_end(year + (month + 5) // 12, (month + 5) % 12 + 1)
                with self.subTest(end=end):
                    self.assertEqual(months_after(end, 6), expected)
        self.assertEqual(months_after(date(2025, 6, 30), 6), date(2025, 12, 31))
        self.assertEqual(months_after(date(2025, 2, 28), 6), date(2025, 8, 31))
        self.assertEqual(months_after(date(2025, 4, 30), 6), date(2025, 10, 31))
        self.assertEqual(months_after(date(2025, 9, 30), 6), date(2026, 3, 31))
        self.assertEqual(months_after(date(2025, 11, 30), 6), date(2026, 5, 31))
        self.assertEqual(months_after(date(2023, 8, 31), 6), date(2024, 2, 29))

    def test_other_days_keep_their_day(self):
        self.assertEqual(months_after(date(2025, 6, 15), 6), date(2025, 12, 15))
        self.assertEqual(months_after(date(2025, 8, 30), 6), date(2026, 2, 28))
        self.assertEqual(months_after(date(2025, 1, 1), 12), date(2026, 1, 1))

    def test_last_due_period_end_for_each_month(self):
        def year_end_before(month):
            def before(day):
                end = month_end(day.year, month)
                return end if end <= day else month_end(day.year - 1, month)

            return before

        for month in range(1, 13):
            end = month_end(2025, month)
            deadline = months_after(end, 6)
            before = year_end_before(month)
            with self.subTest(month=month):
                # due on the deadline itself, not the day before
                self.assertEqual(last_due_period_end(deadline, 6, before), end)
                self.assertEqual(last_due_period_end(deadline - timedelta(days=1), 6, before), month_end(2024, month))
                self.assertEqual(last_due_period_end(deadline + timedelta(days=300), 6, before), end)


@tagged("post_install", "-at_install")
class TestDateOutOfRange(BaseCase):
    def test_dates_within_bounds_inclusive(self):
        latest = date(2026, 6, 30)
        self.assertFalse(date_out_of_range(date(1900, 1, 1), 1900, latest))
        self.assertFalse(date_out_of_range(latest, 1900, latest))
        self.assertTrue(date_out_of_range(date(1899, 12, 31), 1900, latest))
        self.assertTrue(date_out_of_range(date(2026, 7, 1), 1900, latest))
        self.assertTrue(date_out_of_range(date(9999, 1, 1), 1900, latest))

    def test_years_and_empty_values(self):
        self.assertFalse(date_out_of_range(1900, 1900, 2027))
        self.assertFalse(date_out_of_range(2027, 1900, 2027))
        self.assertTrue(date_out_of_range(1899, 1900, 2027))
        self.assertTrue(date_out_of_range(2028, 1900, 2027))
        # an Integer field's 0 is a year out of range, an empty Date field is not
        self.assertTrue(date_out_of_range(0, 1900, 2027))
        self.assertFalse(date_out_of_range(False, 1900, date(2026, 1, 1)))

    def test_a_period_is_out_of_range_by_either_bound(self):
        latest = date(2026, 6, 30)
        self.assertFalse(period_out_of_range(date(1900, 1, 1), latest, 1900, latest))
        self.assertTrue(period_out_of_range(date(1899, 12, 31), date(2020, 1, 1), 1900, latest))
        self.assertTrue(period_out_of_range(date(2020, 1, 1), date(2026, 7, 1), 1900, latest))


@tagged("post_install", "-at_install")
class TestAssemblyDeadlineAtMonthEnd(ComasecCoopCase):
    def evaluate(self, on_date):
        rule = self.env.ref("comasec_coop.comasec_compliance_rule_leg_02")
        result, why = rule._evaluate(self.coop, on_date)[self.coop.id]
        return result, render_fact(to_fact(why), "en_US")

    def test_fiscal_year_ending_30_june_meets_on_31_december(self):
        self.coop.comasec_coop_fiscal_year_end_month = "6"
        self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": self.coop.id,
                "fiscal_year": 2025,
                "convocation_date": date(2025, 12, 1),
                "held_date": date(2025, 12, 31),
                "state": "held",
            }
        )
        result, why = self.evaluate(date(2026, 1, 15))
        self.assertEqual((result, why), ("compliant", "Ordinary assembly for 2025 held on 2025-12-31."))
        # On 30 December the year ended in June 2025 is not due yet: the one before is judged.
        result, why = self.evaluate(date(2025, 12, 30))
        self.assertEqual(result, "non_compliant")
        self.assertIn("fiscal year 2024 (deadline 2024-12-31)", why)

    def test_february_april_september_november_ends(self):
        for month, deadline in (("2", "2025-08-31"), ("4", "2025-10-31"), ("9", "2025-03-31"), ("11", "2025-05-31")):
            self.coop.comasec_coop_fiscal_year_end_month = month
            with self.subTest(month=month):
                self.assertIn(f"(deadline {deadline})", self.evaluate(date(2025, 12, 31))[1])
