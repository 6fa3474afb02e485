from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.comasec_social import social_indicators
from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestWorkersFairPay(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.env["comasec.minimum.wage"].search([]).unlink()  # crafted minimum wages, not the shipped ones
        cls.env["comasec.minimum.wage"].create({"kind": "smig", "date": "2020-01-01", "amount": 3000.0})
        cls.env["comasec.minimum.wage"].create({"kind": "smag", "date": "2020-01-01", "amount": 100.0})
        cls.env["ir.config_parameter"].set_param("comasec_accounting_coaching.working_days_per_month", 26)
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
        self.assertEqual(res[self.other_company.id]["workers"], 0)
        self.assertIsNone(res[self.other_company.id]["cnss_share"])

    def test_latest_minimum_wage_applies(self):
        self.worker("Aicha", "female", self.press, 3100)
        self.assertEqual(social_indicators(self.env, self.company, self.today)[self.company.id]["below_minimum"], 0)
        self.env["comasec.minimum.wage"].create({"kind": "smig", "date": "2021-01-01", "amount": 3200.0})
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
