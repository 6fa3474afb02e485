from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.comasec_social import monthly_minimums, social_indicators
from ..tools.payroll import cnss_contributions
from ..tools.surplus import to_cents
from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestWorkersFairPay(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.env["comasec.minimum.wage"].search([]).unlink()  # crafted minimum wages, not the shipped ones
        # SMIG 20.00 MAD/h x 150 h = 3000 MAD a month
        cls.env["comasec.minimum.wage"].create({"kind": "smig", "date": "2020-01-01", "amount": 20.0})
        cls.env["comasec.minimum.wage"].create({"kind": "smag", "date": "2020-01-01", "amount": 100.0})
        cls.env["ir.config_parameter"].set_param("comasec_accounting_coaching.working_days_per_month", 26)
        cls.env["ir.config_parameter"].set_param("comasec_accounting_coaching.working_hours_per_month", 150)
        Job = cls.env["hr.job"].with_company(cls.company)
        cls.press = Job.create({"name": "Pressage", "company_id": cls.company.id})
        cls.pack = Job.create({"name": "Conditionnement", "company_id": cls.company.id})

    def worker(self, name, gender, job, wage, kind="monthly", minimum="smig", cnss=True):
        return self.env_a["hr.employee"].create(
            {
                "name": name,
                "gender": gender,
                "job_id": job.id,
                "comasec_wage_kind": kind,
                "comasec_wage": wage,
                "comasec_minimum_kind": minimum,
                "comasec_cnss_number": f"CNSS-{name}" if cnss else False,
                "comasec_contract_type": "permanent",
            }
        )

    def test_indicators(self):
        self.worker("Aicha", "female", self.press, 2800)  # below SMIG 3000
        self.worker("Fadma", "female", self.press, 110, kind="daily", minimum="smag", cnss=False)  # 2860/month
        self.worker("Brahim", "male", self.press, 3200)
        self.worker("Said", "male", self.pack, 90, kind="daily", minimum="smag")  # below SMAG 100
        self.worker("Khadija", "female", self.pack, 3000, minimum="smag")  # 3000 >= 2600
        res = social_indicators(self.env, self.company | self.other_company, self.today)
        data = res[self.company.id]
        self.assertEqual(data["workers"], 5)
        self.assertEqual(data["cnss_share"], 80.0)
        self.assertEqual(data["below_minimum"], 2)
        # press: women avg (2800 + 2860) / 2 = 2830, men 3200; pack: women 3000, men 2340
        expected = (2830 / 3200 * 3 + 3000 / 2340 * 2) / 5
        self.assertAlmostEqual(data["women_men_ratio"], round(expected, 3))
        # declared: 2800, 3200, 90 x 26 = 2340 and 3000 a month, at the shipped CNSS rates
        rates = [
            (b, er, ee, to_cents(cap) if cap else None)
            for b, er, ee, cap in self.env["comasec.cnss.rate"]._in_force(self.today)
        ]
        due = sum(sum(cnss_contributions(to_cents(wage), rates)) for wage in (2800, 3200, 2340, 3000))
        self.assertEqual(to_cents(data["cnss_due"]), due)
        self.assertEqual(res[self.other_company.id]["workers"], 0)
        self.assertEqual(res[self.other_company.id]["cnss_due"], 0)
        self.assertIsNone(res[self.other_company.id]["cnss_share"])

    def test_latest_minimum_wage_applies(self):
        self.worker("Aicha", "female", self.press, 3100)
        self.assertEqual(social_indicators(self.env, self.company, self.today)[self.company.id]["below_minimum"], 0)
        # 21.00 MAD/h x 150 h = 3150 MAD a month
        self.env["comasec.minimum.wage"].create({"kind": "smig", "date": "2021-01-01", "amount": 21.0})
        self.assertEqual(social_indicators(self.env, self.company, self.today)[self.company.id]["below_minimum"], 1)

    def test_access(self):
        aicha = self.worker("Aicha", "female", self.press, 2800)
        other = self.env["hr.employee"].create(
            {"name": "Ahmed", "company_id": self.other_company.id, "comasec_wage": 5000}
        )
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        self.assertEqual(env_b["hr.employee"].search([]), other)
        with self.assertRaises(AccessError):
            env_b["hr.employee"].browse(aicha.id).read(["name"])
        supervisor = self.company_env(self.users["supervisor"], self.company)
        with self.assertRaises(AccessError):
            supervisor["hr.employee"].browse(aicha.id).read(["comasec_wage"])
        # supervisors see the indicators on the health snapshots
        snapshot = self.env["comasec.accounting.health"]._compute_snapshots(self.company, self.today)
        seen = supervisor["comasec.accounting.health"].browse(snapshot.id)
        self.assertEqual((seen.worker_count, seen.below_minimum_count), (1, 1))

    def test_social_compliance_rules(self):
        self.worker("Aicha", "female", self.press, 2800, cnss=False)
        review = self.env["comasec.compliance.review"].create(
            {"cooperative_id": self.coop.id, "period": "2026", "review_date": self.today}
        )
        review.action_start()
        results = {line.rule_id.code: line for line in review.line_ids}
        self.assertEqual(results["SOC-H1"].result, "non_compliant")
        self.assertIn("0.0% of the 1 workers", results["SOC-H1"].explanation)
        self.assertEqual(results["SOC-H2"].result, "non_compliant")

    def test_monthly_wage_follows_the_days_setting(self):
        """Saved in Settings, the days of a month recompute the stored monthly equivalents."""
        fadma = self.worker("Fadma", "female", self.press, 110, kind="daily", minimum="smag")
        aicha = self.worker("Aicha", "female", self.press, 2800)
        self.assertEqual(fadma.comasec_monthly_wage, 2860.0)
        settings = self.env["res.config.settings"].create({"comasec_working_days_per_month": 20})
        settings.execute()
        self.env.flush_all()
        self.assertEqual(fadma.comasec_monthly_wage, 2200.0)
        self.assertEqual(aicha.comasec_monthly_wage, 2800.0)
        # Settings saves 0 as False (stored as "0"): the monthly equivalent follows too
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.working_days_per_month", False)
        self.env.flush_all()
        self.assertEqual(fadma.comasec_monthly_wage, 0.0)

    def test_monthly_wage_is_computed_only(self):
        aicha = self.worker("Aicha", "female", self.press, 2800)
        with self.assertRaisesRegex(UserError, "computed from the wage"):
            aicha.write({"comasec_monthly_wage": 4000})
        with self.assertRaisesRegex(UserError, "computed from the wage"):
            self.env_a["hr.employee"].create({"name": "Said", "comasec_wage": 100, "comasec_monthly_wage": 4000})
        self.assertEqual(aicha.comasec_monthly_wage, 2800.0)


@tagged("post_install", "-at_install")
class TestShippedMinimumWages(ComasecAccountingCase):
    """The minimum wages as their decrees set them, converted to a month by the settings."""

    def test_dated_minimum_wages(self):
        def monthly(day):
            return monthly_minimums(self.env, day)

        # SMIG 17.10 MAD/h x 191 h; SMAG not yet in force
        self.assertEqual(monthly(date(2025, 3, 31)), {"smig": 3266.10})
        # SMAG 93.00 MAD/day x 26 days from 2025-04-01 (decree 2.24.1122), not 97.44
        self.assertEqual(monthly(date(2025, 4, 1)), {"smig": 3266.10, "smag": 2418.00})
        # SMIG 17.92 MAD/h from 2026-01-01, SMAG 97.44 MAD/day from 2026-04-01 (decree 2.25.983)
        self.assertEqual(monthly(date(2026, 1, 1)), {"smig": 3422.72, "smag": 2418.00})
        self.assertEqual(monthly(date(2026, 4, 1)), {"smig": 3422.72, "smag": 2533.44})
        self.assertTrue(all(self.env["comasec.minimum.wage"].search([]).mapped("source")))

    def test_smag_worker_paid_95_a_day_in_2025(self):
        """95 MAD a day is above the 2025 SMAG (93.00) and below the 2026 one (97.44)."""
        self.env_a = self.company_env(self.bookkeeper, self.company)
        self.env_a["hr.employee"].create(
            {"name": "Said", "comasec_wage_kind": "daily", "comasec_wage": 95, "comasec_minimum_kind": "smag"}
        )
        below = {
            day: social_indicators(self.env, self.company, day)[self.company.id]["below_minimum"]
            for day in (date(2025, 6, 30), date(2026, 6, 30))
        }
        self.assertEqual(below, {date(2025, 6, 30): 0, date(2026, 6, 30): 1})
