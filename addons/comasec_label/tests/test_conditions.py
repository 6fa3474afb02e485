from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestApprovalConditions(ComasecLabelCase):
    """An approval with conditions is followed up: a to-do on the deadline, a daily job
    that flags overdue conditions once, and the label manager marking them met."""

    def approve_with_conditions(self, coop=None, deadline="2026-05-31"):
        application = self.create_application(coop=coop, user_id=self.label_manager.id)
        self.audit_application(application)
        self.committee_session(application)
        alice, bob = self.committee_members[:2]
        self.vote(application, alice, "for")
        self.vote(application, bob, "for")
        application.write(
            {
                "decision": "approved_conditions",
                "decision_rationale": "Publish the members' payment grid at the collection centre",
                "conditions_deadline": deadline,
            }
        )
        application.action_decide()
        return application

    def overdue_notes(self, application):
        return application.message_ids.filtered(lambda m: "not marked met" in (m.body or ""))

    def test_approval_schedules_a_check_on_the_deadline(self):
        with freeze_time("2026-02-01"):
            application = self.approve_with_conditions()
        self.assertEqual(application.state, "approved")
        activity = application.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 5, 31))
        self.assertEqual(activity.user_id, self.label_manager, "the responsible label manager")
        self.assertIn("payment grid", activity.note)

    def test_overdue_conditions_are_flagged_once_then_met(self):
        with freeze_time("2026-02-01"):
            application = self.approve_with_conditions()
            on_time = self.approve_with_conditions(coop=self.other_coop, deadline="2026-12-31")
        Application = self.env["comasec.label.application"]
        with freeze_time("2026-05-31"):
            Application._cron_flag_overdue_conditions()
        self.assertFalse(application.conditions_overdue, "due on the deadline, not before")
        with freeze_time("2026-06-01"):
            self.assertEqual(Application._cron_flag_overdue_conditions(), 1)
            self.assertEqual(Application._cron_flag_overdue_conditions(), 0, "a re-run flags nothing twice")
        self.assertTrue(application.conditions_overdue)
        self.assertFalse(on_time.conditions_overdue)
        self.assertEqual(len(self.overdue_notes(application)), 1)
        self.assertIn("2026-05-31", self.overdue_notes(application).body)
        self.assertIn(application, Application.search([("conditions_overdue", "=", True)]))

        with self.assertRaises(AccessError):
            application.with_user(self.users["auditor"]).action_mark_conditions_met()
        with freeze_time("2026-06-10"):
            # the test case disables tracking; a user's change is tracked
            application.with_user(self.label_manager).with_context(tracking_disable=False).action_mark_conditions_met()
        self.assertTrue(application.conditions_met)
        self.assertEqual(application.conditions_met_date, date(2026, 6, 10))
        self.assertFalse(application.conditions_overdue)
        self.assertFalse(application.activity_ids, "the check is done")
        self.env.cr.precommit.run()  # tracking messages are written when the transaction commits
        tracked = application.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "conditions_met")
        self.assertTrue(tracked, "marking the conditions met is tracked")
        with freeze_time("2026-07-01"):
            self.assertEqual(Application._cron_flag_overdue_conditions(), 0, "met conditions are not flagged again")
        with self.assertRaisesRegex(UserError, "already marked met"):
            application.action_mark_conditions_met()

    def test_only_conditional_approvals_have_conditions_to_meet(self):
        application = self.create_application()
        with self.assertRaisesRegex(UserError, "not approved with conditions"):
            application.action_mark_conditions_met()

    def test_flagging_runs_in_batches(self):
        with freeze_time("2026-02-01"):
            first = self.approve_with_conditions(deadline="2026-03-01")
            second = self.approve_with_conditions(coop=self.other_coop, deadline="2026-03-02")
        Application = self.env["comasec.label.application"]
        with freeze_time("2026-04-01"):
            self.assertEqual(Application._cron_flag_overdue_conditions(batch_size=1), 1)
            self.assertTrue(first.conditions_overdue, "the oldest deadline first")
            self.assertFalse(second.conditions_overdue)
            self.assertEqual(Application._cron_flag_overdue_conditions(batch_size=1), 1)
            self.assertEqual(Application._cron_flag_overdue_conditions(batch_size=1), 0)
        self.assertTrue(second.conditions_overdue)
