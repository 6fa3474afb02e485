from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..tools.payroll import cnss_contributions
from .common import ComasecAccountingCase

# the shipped CNSS rates: branch, employer %, employee %, cap (centimes)
RATES = [
    ("family", 6.40, 0.0, None),
    ("short_term", 1.05, 0.52, 600000),
    ("pension", 7.93, 3.96, 600000),
    ("amo", 4.11, 2.26, None),
    ("training", 1.6, 0.0, None),
]


@tagged("post_install", "-at_install")
class TestCnssContributions(BaseCase):
    def test_examples(self):
        # 5,000 MAD: employer 320 + 52.50 + 396.50 + 205.50 + 80; employee 26 + 198 + 113
        self.assertEqual(cnss_contributions(500000, RATES), (105450, 33700))
        # 8,000 MAD: short-term and pension on 6,000 only
        # employer 512 + 63 + 475.80 + 328.80 + 128; employee 31.20 + 237.60 + 180.80
        self.assertEqual(cnss_contributions(800000, RATES), (150760, 44960))
        # half-centimes round up, branch by branch: 0.52 % of 1.01 MAD = 0.5252 c -> 1 c
        self.assertEqual(cnss_contributions(101, [("short_term", 0.0, 0.52, None)]), (0, 1))
        self.assertEqual(cnss_contributions(0, RATES), (0, 0))

    def test_refused(self):
        with self.assertRaises(ValueError):
            cnss_contributions(-1, RATES)

    @settings(max_examples=200, deadline=None)
    @given(st.integers(min_value=600000, max_value=10**8), st.integers(min_value=0, max_value=10**6))
    def test_capped_branches_stop_at_the_cap(self, wage, more):
        capped = [rate for rate in RATES if rate[3]]
        self.assertEqual(cnss_contributions(wage, capped), cnss_contributions(wage + more, capped))
        low, high = cnss_contributions(wage, RATES), cnss_contributions(wage + more, RATES)
        self.assertLessEqual(low[0], high[0])
        self.assertLessEqual(low[1], high[1])


@tagged("post_install", "-at_install")
class TestPayrollEntry(ComasecAccountingCase):
    """The bookkeeper posts a month's wages; the ledger holds them to the centime."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        Employee = cls.env_a["hr.employee"]
        cls.aicha = Employee.create({"name": "Aicha", "comasec_wage": 5000, "comasec_cnss_number": "CNSS-1"})
        cls.said = Employee.create({"name": "Said", "comasec_wage": 8000, "comasec_cnss_number": "CNSS-2"})
        # 100 MAD a day x 26 days, not declared: no contributions
        cls.fadma = Employee.create(
            {"name": "Fadma", "comasec_wage_kind": "daily", "comasec_wage": 100, "comasec_minimum_kind": "smag"}
        )
        cls.cash = cls.env_a["account.journal"].search([("type", "=", "cash")], limit=1)

    def ledger(self, moves):
        """{account code: (debit, credit)} of ``moves``' lines."""
        res = {}
        for line in moves.line_ids:
            debit, credit = res.get(line.account_id.code, (0.0, 0.0))
            res[line.account_id.code] = (round(debit + line.debit, 2), round(credit + line.credit, 2))
        return res

    def test_wages_entry_and_payment(self):
        wizard = self.env_a["comasec.payroll.entry"].create(
            {"date": date(2025, 3, 31), "payment_journal_id": self.cash.id}
        )
        self.assertEqual((wizard.worker_count, wizard.gross), (3, 15600.0))
        self.assertEqual((wizard.employer_share, wizard.employee_share), (2562.10, 786.60))
        self.assertEqual(wizard.net, 14813.40)
        moves = self.env_a["account.move"].search(wizard.action_post()["domain"])
        self.assertEqual(moves.mapped("state"), ["posted", "posted"])
        self.assertEqual(moves.company_id, self.company)
        cash_code = self.cash.default_account_id.code
        self.assertTrue(cash_code.startswith("5161"))
        self.assertEqual(
            self.ledger(moves),
            {
                "617110": (15600.0, 0.0),
                "617410": (2562.10, 0.0),
                "444100": (0.0, 3348.70),
                "443200": (14813.40, 14813.40),
                cash_code: (0.0, 14813.40),
            },
        )
        with self.assertRaisesRegex(UserError, "already recorded"):
            self.env_a["comasec.payroll.entry"].create({"date": date(2025, 3, 28)}).action_post()

    def test_unpaid_wages_stay_payable(self):
        moves = self.env_a["account.move"].search(
            self.env_a["comasec.payroll.entry"].create({"date": date(2025, 4, 30)}).action_post()["domain"]
        )
        self.assertEqual(self.ledger(moves)["443200"], (0.0, 14813.40))
        self.assertEqual(len(moves), 1)

    def test_refused_without_workers_or_accounts(self):
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        with self.assertRaisesRegex(UserError, "has no worker with a wage"):
            env_b["comasec.payroll.entry"].create({"date": date(2025, 3, 31)}).action_post()
        self.company.sudo().comasec_cnss_payable_account_id = False
        with self.assertRaisesRegex(UserError, "Set the CNSS payable account"):
            self.env_a["comasec.payroll.entry"].create({"date": date(2025, 3, 31)}).action_post()
        self.assertFalse(self.env["account.move"].search_count([("company_id", "=", self.company.id)]))
