from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEmployeesForOdooUsers(TransactionCase):
    """Users with no HR group and none of the suite's (an employee, a trainer) list
    employees in plain Odoo screens: our hr.employee fields neither break nor leak."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env["hr.employee"].create(
            {
                "name": "Aicha",
                "comasec_contract_type": "seasonal",
                "comasec_minimum_kind": "smag",
                "comasec_start_date": "2024-03-01",
                "comasec_wage": 3100.0,
            }
        )
        # Internal users with only the groups named: Settings > Users would also give
        # them the HR rights that hr puts on the default user template.
        cls.employee = new_test_user(cls.env, "guard_employee", groups="base.group_user")
        cls.trainer = new_test_user(
            cls.env, "guard_trainer", groups="base.group_user,comasec_coop.comasec_coop_group_trainer"
        )

    def test_list_employees(self):
        # What Odoo's own hr test (TestSelfAccessProfile.test_employee_fields_groups) does.
        for user in (self.employee, self.trainer):
            with self.subTest(user=user.login):
                self.env["hr.employee"].with_user(user).search([]).read([])
                self.assertEqual(self.worker.with_user(user).read(["name"])[0]["name"], "Aicha")

    def test_private_fields_refused(self):
        for name in ("comasec_contract_type", "comasec_minimum_kind", "comasec_start_date", "comasec_wage"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.worker.with_user(self.employee).read([name])

    def test_employee_form(self):
        # The form a plain user gets does not carry our page of private fields.
        arch = self.env["hr.employee"].with_user(self.employee).get_view(view_type="form")["arch"]
        self.assertNotIn("comasec_", arch)
