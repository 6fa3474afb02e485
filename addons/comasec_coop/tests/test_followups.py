from datetime import date, timedelta

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestFollowups(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.email = "tifawin@example.ma"
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))

    def close_review(self, coop, review_date, results=None):
        review = self.env["comasec.compliance.review"].create(
            {"cooperative_id": coop.id, "review_date": review_date, "supervisor_id": self.users["supervisor"].id}
        )
        review.action_start()
        review._set_manual_results(results or {}, comment="Site visit")
        review.action_done()
        return review

    def test_set_manual_results(self):
        review = self.env["comasec.compliance.review"].create({"cooperative_id": self.coop.id})
        review.action_start()
        review._set_manual_results({"ACC-01": "non_compliant"}, default="not_applicable")
        manual = review.line_ids.filtered(lambda line: not line.automatic)
        self.assertEqual(manual.filtered(lambda line: line.rule_id.code == "ACC-01").result, "non_compliant")
        self.assertEqual(
            set((manual - manual.filtered(lambda line: line.rule_id.code == "ACC-01")).mapped("result")),
            {"not_applicable"},
        )

    def test_review_done_mail_goes_to_the_cooperative(self):
        review = self.close_review(self.coop, self.today)
        message = review.message_ids.filtered(lambda m: "Compliance review" in (m.subject or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.coop, message.partner_ids)
        self.assertIn("Points to correct", message.body)
        # No address, no mail.
        silent = self.close_review(self.other_coop, self.today)
        self.assertFalse(silent.message_ids.filtered(lambda m: "Compliance review" in (m.subject or "")))

    def test_followup_deadline_runs_from_the_review_date(self):
        review = self.close_review(self.coop, self.today - timedelta(days=90))
        self.assertTrue(review.activity_ids)
        self.assertEqual(set(review.activity_ids.mapped("date_deadline")), {self.today - timedelta(days=60)})

    def test_overdue_reminder_is_posted_once_a_day(self):
        review = self.close_review(self.coop, self.today - timedelta(days=90))
        fresh = self.close_review(self.other_coop, self.today)
        overdue_action = self.env.ref("comasec_coop.comasec_compliance_followup_overdue_action")
        domain = safe_eval(overdue_action.domain, {"context_today": date.today})
        overdue = self.env["mail.activity"].search(domain)
        self.assertEqual(overdue & (review | fresh).activity_ids, review.activity_ids)

        Review = self.env["comasec.compliance.review"]
        before = len(review.message_ids)
        Review._cron_remind_overdue_followups()
        reminders = review.message_ids[: len(review.message_ids) - before]
        self.assertEqual(len(reminders), 1)
        self.assertIn("past their deadline", reminders.body)
        self.assertEqual(set(review.activity_ids.mapped("comasec_reminded_date")), {self.today})
        self.assertFalse(fresh.activity_ids.filtered("comasec_reminded_date"))
        # Running the job again the same day posts nothing more.
        Review._cron_remind_overdue_followups()
        self.assertEqual(len(review.message_ids), before + 1)

    def test_reminders_go_in_batches(self):
        first = self.close_review(self.coop, self.today - timedelta(days=90))
        second = self.close_review(self.other_coop, self.today - timedelta(days=80))
        overdue = (first | second).activity_ids
        # Other follow-ups (demo data) are taken as already reminded today.
        others = self.env["mail.activity"].search([("res_model", "=", "comasec.compliance.review")]) - overdue
        others.write({"comasec_reminded_date": self.today})
        Review = self.env["comasec.compliance.review"]
        Review._cron_remind_overdue_followups(batch_size=len(first.activity_ids))
        self.assertEqual(overdue.filtered("comasec_reminded_date"), first.activity_ids)
        Review._cron_remind_overdue_followups(batch_size=len(first.activity_ids))
        self.assertEqual(overdue.filtered("comasec_reminded_date"), overdue)

    def test_cockpit_menu_comes_first(self):
        root = self.env.ref("comasec_coop.comasec_menu_root")
        first = root.child_id.sorted("sequence")[0]
        self.assertEqual(first, self.env.ref("comasec_coop.comasec_cockpit_menu"))
        action = first.action
        self.assertEqual(action.res_model, "res.partner")
        self.assertIn("comasec_compliance_level", action.context)
