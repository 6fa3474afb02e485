"""Issue 14 item 4, wages: the computed monthly wage of a worker feeds the minimum-wage
indicators; a bookkeeper writing it over JSON-RPC (to hide an underpayment) is refused
and the figure stays the one computed from the wage."""

from odoo.addons.comasec_accounting_coaching.models.comasec_social import social_indicators
from odoo.addons.comasec_accounting_coaching.tests.common import ComasecAccountingCase
from odoo.addons.comasec_coop.tests.common import RpcCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestHostileWages(ComasecAccountingCase, RpcCase):
    def setUp(self):
        super().setUp()
        # the onboarded bookkeeper, with a password to log in over RPC (call_as: login = password)
        self.bookkeeper.password = self.bookkeeper.login
        env_a = self.company_env(self.bookkeeper, self.company)
        self.aicha = env_a["hr.employee"].create(
            {"name": "Aicha", "comasec_wage": 2000, "comasec_cnss_number": "CNSS-1", "comasec_minimum_kind": "smig"}
        )

    def below_minimum(self):
        return social_indicators(self.env, self.company, self.today)[self.company.id]["below_minimum"]

    def test_monthly_wage_write_refused(self):
        self.assertEqual(self.below_minimum(), 1)
        context = {"allowed_company_ids": self.company.ids}
        self.assertRefused(
            self.bookkeeper,
            "hr.employee",
            "write",
            [self.aicha.id],
            {"comasec_monthly_wage": 4000},
            error="UserError",
            context=context,
        )
        self.assertRefused(
            self.bookkeeper,
            "hr.employee",
            "web_save",
            [self.aicha.id],
            {"comasec_monthly_wage": 4000},
            specification={"comasec_monthly_wage": {}},
            error="UserError",
            context=context,
        )
        self.assertRefused(
            self.bookkeeper,
            "hr.employee",
            "create",
            {"name": "Said", "comasec_wage": 1000, "comasec_monthly_wage": 4000},
            error="UserError",
            context=context,
        )
        self.aicha.invalidate_recordset()
        self.assertEqual(self.aicha.comasec_monthly_wage, 2000.0)
        self.assertEqual(self.below_minimum(), 1)
        # the wage itself is the bookkeeper's to correct, and the figure follows it
        self.call_as(self.bookkeeper, "hr.employee", "write", [self.aicha.id], {"comasec_wage": 4000}, context=context)
        self.aicha.invalidate_recordset()
        self.assertEqual(self.aicha.comasec_monthly_wage, 4000.0)
        self.assertEqual(self.below_minimum(), 0)
