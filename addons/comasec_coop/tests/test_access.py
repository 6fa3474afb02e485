from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestAccess(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.add_members(cls.coop, 2)
        cls.other_members = cls.add_members(cls.other_coop, 2)
        cls.review = cls.env["comasec.compliance.review"].create({"cooperative_id": cls.coop.id})
        cls.other_review = cls.env["comasec.compliance.review"].create({"cooperative_id": cls.other_coop.id})

    def test_staff_read_every_cooperative(self):
        for name in ("manager", "supervisor", "trainer", "auditor", "committee"):
            with self.subTest(group=name):
                Member = self.env["comasec.coop.member"].with_user(self.users[name])
                self.assertEqual(
                    Member.search([("id", "in", (self.members | self.other_members).ids)]),
                    self.members | self.other_members,
                )

    def test_supervisor_runs_reviews_but_cannot_configure_rules(self):
        supervisor = self.users["supervisor"]
        review = self.review.with_user(supervisor)
        review.action_start()
        self.assertEqual(review.state, "in_progress")
        rule = self.env.ref("comasec_coop.comasec_compliance_rule_leg_03").with_user(supervisor)
        with self.assertRaises(AccessError):
            rule.param_value = 10
        with self.assertRaises(AccessError):
            self.members[0].with_user(supervisor).unlink()

    def test_manager_configures_rules(self):
        rule = self.env.ref("comasec_coop.comasec_compliance_rule_leg_03").with_user(self.users["manager"])
        rule.param_value = 2000
        self.assertEqual(rule.param_value, 2000)

    def test_trainer_and_committee_only_read(self):
        for name in ("trainer", "auditor", "committee"):
            with self.subTest(group=name):
                with self.assertRaises(AccessError):
                    self.members[0].with_user(self.users[name]).shares_paid = 1
                with self.assertRaises(AccessError):
                    self.review.with_user(self.users[name]).note = "x"

    def test_plain_employee_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["comasec.coop.member"].with_user(self.users["employee"]).search([])

    def test_portal_user_sees_only_own_cooperative(self):
        Member = self.env["comasec.coop.member"].with_user(self.portal_user)
        self.assertEqual(Member.search([]), self.members)
        Review = self.env["comasec.compliance.review"].with_user(self.portal_user)
        self.assertEqual(Review.search([]), self.review)
        with self.assertRaises(AccessError):
            self.other_members[0].with_user(self.portal_user).read(["number"])
        with self.assertRaises(AccessError):
            self.members[0].with_user(self.portal_user).shares_paid = 1

    def test_bookkeeper_sees_only_the_cooperative_of_its_company(self):
        bookkeeper = self.bookkeeper_of(self.coop, "comasec_bookkeeper", "Tifawin books")
        Member = self.env["comasec.coop.member"].with_user(bookkeeper)
        self.assertEqual(Member.search([]), self.members)
        Review = self.env["comasec.compliance.review"].with_user(bookkeeper)
        self.assertEqual(Review.search([]), self.review)

    def test_reopen_requires_manager(self):
        self.review.action_start()
        for line in self.review.line_ids.filtered(lambda line: not line.automatic):
            line.result = "not_applicable"
        self.review.action_done()
        with self.assertRaises(UserError):
            self.review.with_user(self.users["supervisor"])._reopen("because")
