from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestPlan(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acc_01 = cls.env.ref("comasec_coop.comasec_compliance_rule_acc_01")
        cls.soc_01 = cls.env.ref("comasec_coop.comasec_compliance_rule_soc_01")
        cls.statutes = cls.env["comasec.training.course"].create(
            {
                "name": "Filing statutes",
                "theme": "governance",
                "rule_ids": [(6, 0, cls.env.ref("comasec_coop.comasec_compliance_rule_leg_09").ids)],
            }
        )
        cls.plan = cls.env["comasec.training.plan"].create({"cooperative_id": cls.coop.id})

    def done_review(self, coop, period, failing, review_date=date(2026, 9, 1)):
        """A done review where the manual rules in ``failing`` are non-compliant."""
        review = self.env["comasec.compliance.review"].create(
            {"cooperative_id": coop.id, "period": period, "review_date": review_date}
        )
        review.action_start()
        for line in review.line_ids.filtered(lambda line: not line.automatic):
            line.result = "non_compliant" if line.rule_id in failing else "compliant"
        review.action_done()
        return review

    def test_needs_come_from_the_latest_done_review(self):
        self.done_review(self.coop, "2025", self.soc_01, review_date=date(2025, 9, 1))
        latest = self.done_review(self.coop, "2026", self.acc_01 | self.soc_01)
        self.plan.action_compute_needs()
        self.assertEqual(self.plan.review_id, latest)
        acc_need = self.plan.need_ids.filtered(lambda n: n.rule_id == self.acc_01 and n.course_id == self.course)
        self.assertEqual(acc_need.state, "open")
        soc_need = self.plan.need_ids.filtered(lambda n: n.rule_id == self.soc_01)
        self.assertFalse(soc_need.course_id)
        self.assertEqual(soc_need.state, "no_course")
        self.assertNotIn(self.statutes, self.plan.need_ids.course_id, "a compliant rule needs nothing")
        # Recomputing replaces the needs instead of adding duplicates.
        self.plan.action_compute_needs()
        self.assertEqual(len(self.plan.need_ids.filtered(lambda n: n.course_id == self.course)), 1)

    def test_needs_follow_planned_and_done_trainings(self):
        self.done_review(self.coop, "2026", self.acc_01)
        self.plan.action_compute_needs()
        need = self.plan.need_ids.filtered(lambda n: n.course_id == self.course)
        start = date.today() + timedelta(days=10)
        session = self.create_session(name="Upcoming bookkeeping", days=[(start, "full")])
        registration = self.enrol(session, self.add_members(self.coop, 1))
        self.env.invalidate_all()
        self.assertEqual(need.state, "planned")
        self.assertEqual(self.plan.planned_session_ids, session)
        self.env["comasec.training.attendance"].create(
            {"registration_id": registration.id, "day_id": session.comasec_day_ids.id}
        )
        registration.comasec_post_score = 18
        self.env.invalidate_all()
        self.assertEqual(need.state, "done")
        self.assertEqual(self.plan.done_registration_ids, registration)

    def test_without_a_done_review_compute_needs_says_what_to_do(self):
        with self.assertRaisesRegex(UserError, "No done compliance review for Coopérative Tifawin"):
            self.plan.action_compute_needs()

    def test_history_smart_buttons(self):
        member = self.add_members(self.coop, 1)
        session = self.create_session(name="Past", days=[(date(2026, 1, 5), "full")])
        registration = self.enrol(session, member)
        self.env["comasec.training.attendance"].create(
            {"registration_id": registration.id, "day_id": session.comasec_day_ids.id}
        )
        registration.comasec_post_score = 12
        registration.action_issue_certificate()
        self.assertEqual(member.training_count, 1)
        self.assertEqual(member.certificate_count, 1)
        self.assertEqual(self.coop.comasec_training_registration_count, 1)
        self.assertEqual(self.other_coop.comasec_training_registration_count, 0)
        action = self.coop.action_view_training_registrations()
        self.assertEqual(self.env["event.registration"].search(action["domain"]), registration)
        action = self.coop.action_open_training_plan()
        self.assertEqual(action["res_id"], self.plan.id)
        new_plan = self.other_coop.action_open_training_plan()
        self.assertEqual(self.env["comasec.training.plan"].browse(new_plan["res_id"]).cooperative_id, self.other_coop)
