from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


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

    def test_own_profile_form(self):
        # What Odoo's own hr test (TestSelfAccessProfile.test_readonly_fields) does: an
        # employee opens their profile, whose subviews include the partner form.
        self.env["hr.employee"].create({"name": "Guard employee", "user_id": self.employee.id})
        employee = self.employee.with_user(self.employee)
        form = Form(employee, view=self.env.ref("hr.res_users_view_form_profile"))
        self.assertEqual(form.name, self.employee.name)


@tagged("post_install", "-at_install")
class TestMergeForOdooUsers(TransactionCase):
    def test_merge_partners(self):
        # Odoo's contact merge (account's TestMergePartner), by an accountant who is a
        # settings administrator but has none of the suite's groups: it rewrites every
        # field of the kept contact, comasec_coop_state too, which our constraint checks.
        accountant = new_test_user(
            self.env,
            "guard_accountant",
            groups="base.group_user,base.group_partner_manager,base.group_system,"
            "account.group_account_manager,account.group_account_user",
        )
        one, two = self.env["res.partner"].create(
            [{"name": "Brahim", "email": "brahim@example.com"}, {"name": "Brahim A.", "email": "brahim@example.com"}]
        )
        self.env["res.partner.bank"].create([{"acc_number": "MA64 011", "partner_id": p.id} for p in (one, two)])
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(accountant)
        wizard._merge((one + two).ids, one.with_user(accountant))
        self.assertFalse(two.exists())
        self.assertEqual(one.bank_ids.acc_number, "MA64 011")
