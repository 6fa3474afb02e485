from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestCapa(ComasecLabelCase):
    """Root cause, corrective and preventive actions, their reminders, and the check at the
    next audit that the correction lasted; each step as the user who does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = cls.users["auditor"]
        cls.next_auditor = cls.create_user("auditor_next", ["comasec_coop.comasec_coop_group_label_auditor"])

    def nonconformity(self, code="GOV-02"):
        audit = self.audit_application(self.create_application(), failing={code: "major"})
        return audit.nonconformity_ids.with_user(self.auditor)

    def plan(self, nc, due_in=30):
        nc.root_cause = "Nobody in charge of calling the assembly"
        return (
            self.env["comasec.label.nonconformity.action"]
            .with_user(self.auditor)
            .create(
                [
                    {
                        "nonconformity_id": nc.id,
                        "kind": "corrective",
                        "description": "Hold the assembly before June",
                        "owner_id": self.auditor.id,
                        "due_date": self.today + timedelta(days=due_in),
                    },
                    {
                        "nonconformity_id": nc.id,
                        "kind": "preventive",
                        "description": "Name a secretary who calls the assembly each year",
                        "owner_id": self.label_manager.id,
                        "due_date": self.today + timedelta(days=due_in + 30),
                    },
                ]
            )
        )

    def close(self, nc):
        nc.corrective_action = "Assembly and secretary"
        nc.action_propose()
        nc.with_user(self.label_manager).action_accept()
        nc.action_close()

    def test_closing_waits_for_every_action(self):
        nc = self.nonconformity()
        corrective, preventive = self.plan(nc)
        nc.corrective_action = "Assembly and secretary"
        nc.action_propose()
        nc.with_user(self.label_manager).action_accept()
        with self.assertRaisesRegex(UserError, "has actions not done yet: .*Name a secretary"):
            nc.action_close()
        corrective.action_mark_done()
        preventive.with_user(self.label_manager).action_mark_done()
        self.assertEqual(corrective.done_date, self.today)
        self.assertEqual((corrective | preventive).mapped("state"), ["done", "done"])
        with self.assertRaisesRegex(UserError, "already done"):
            corrective.action_mark_done()
        with self.assertRaisesRegex(UserError, "A done action is not changed"):
            corrective.description = "Something else"
        with self.assertRaisesRegex(UserError, "stays on record"):
            corrective.unlink()
        nc.action_close()
        self.assertEqual(nc.state, "closed")
        with self.assertRaisesRegex(UserError, "closed non-conformity is not changed"):
            nc.root_cause = "Another story"
        with self.assertRaisesRegex(UserError, "actions of a closed non-conformity"):
            nc.env["comasec.label.nonconformity.action"].create(
                {
                    "nonconformity_id": nc.id,
                    "description": "Late idea",
                    "owner_id": self.auditor.id,
                    "due_date": self.today,
                }
            )

    def test_done_date_is_set_by_the_button_only(self):
        nc = self.nonconformity()
        corrective, _preventive = self.plan(nc)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            corrective.done_date = self.today
        other_auditor = self.create_user("auditor_other", ["comasec_coop.comasec_coop_group_label_auditor"])
        with self.assertRaises(AccessError):
            corrective.with_user(other_auditor).action_mark_done()
        self.assertFalse(corrective.done_date)

    def test_reminders_before_due_then_while_overdue(self):
        self.env["ir.config_parameter"].set_param("comasec_label.capa_reminder_days_before", "7")
        self.env["ir.config_parameter"].set_param("comasec_label.capa_reminder_repeat_days", "5")
        nc = self.nonconformity()
        corrective, preventive = self.plan(nc, due_in=10)
        Action = self.env["comasec.label.nonconformity.action"]
        activities = self.env["mail.activity"]

        def reminders(user):
            return activities.search([("res_model", "=", nc._name), ("res_id", "=", nc.id), ("user_id", "=", user.id)])

        Action._cron_remind()
        self.assertFalse(reminders(self.auditor), "10 days before due: not yet")
        with freeze_time(self.today + timedelta(days=3)):
            Action._cron_remind()
            self.assertEqual(len(reminders(self.auditor)), 1)
            self.assertIn("Due on", reminders(self.auditor).summary)
            self.assertIn("Hold the assembly", reminders(self.auditor).summary)
            self.assertFalse(reminders(self.label_manager), "the preventive action is due later")
            Action._cron_remind()
            self.assertEqual(len(reminders(self.auditor)), 1, "once a run day")
        with freeze_time(self.today + timedelta(days=12)):
            Action._cron_remind()
            overdue = reminders(self.auditor).filtered(lambda a: "Overdue since" in a.summary)
            self.assertEqual(len(overdue), 1)
            # the owner sees it in their own activities
            self.assertIn(nc.id, nc.with_user(self.auditor).search([("activity_user_id", "=", self.auditor.id)]).ids)
        corrective.action_mark_done()
        with freeze_time(self.today + timedelta(days=20)):
            Action._cron_remind()
            self.assertEqual(len(reminders(self.auditor)), 2, "a done action is not reminded")
        # the days before due are a setting
        self.env["ir.config_parameter"].set_param("comasec_label.capa_reminder_days_before", "60")
        Action._cron_remind()
        self.assertEqual(len(reminders(self.label_manager)), 1)
        self.assertEqual(preventive.last_reminder_date, self.today)

    def start_next_audit(self, auditor=None):
        auditor = auditor or self.next_auditor
        audit = self.env["comasec.label.audit"].create(
            {
                "cooperative_id": self.coop.id,
                "standard_id": self.standard.id,
                "kind": "unannounced",
                "auditor_ids": [(6, 0, auditor.ids)],
            }
        )
        audit = audit.with_user(auditor)
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.result = "conform"
        return audit

    def test_next_audit_checks_the_correction_lasted(self):
        lasting, failed = self.nonconformity("GOV-02"), self.nonconformity("GOV-03")
        for nc in lasting | failed:
            for action in self.plan(nc):
                action.with_user(action.owner_id).action_mark_done()
            self.close(nc)
        with self.assertRaisesRegex(UserError, "during the next audit"):
            lasting.action_check_effective()
        audit = self.start_next_audit()
        self.assertEqual(audit.followup_nonconformity_ids, lasting | failed)
        with self.assertRaisesRegex(UserError, "Check whether the corrections lasted before closing"):
            audit.action_done()
        # the auditor of the first audit does not judge their own follow-up
        with self.assertRaises(AccessError):
            lasting.action_check_effective()
        lasting, failed = lasting.with_user(self.next_auditor), failed.with_user(self.next_auditor)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            lasting.effectiveness = "effective"
        lasting.action_check_effective()
        self.assertEqual(lasting.effectiveness, "effective")
        self.assertEqual(lasting.state, "closed")
        with self.assertRaisesRegex(UserError, "Say what you saw"):
            failed.action_check_not_effective()
        failed.effectiveness_note = "No assembly this year either"
        failed.action_check_not_effective()
        self.assertEqual(failed.state, "open")
        self.assertFalse(failed.action_accepted)
        self.assertEqual(failed.due_date, self.today + timedelta(days=60))
        self.assertIn("Not effective", failed.message_ids[0].body)
        audit.action_done()
        self.assertEqual(audit.state, "done")
        # corrected again, the failed correction is checked afresh by the following audit;
        # the lasting one, checked once, is not
        failed = failed.with_user(self.auditor)
        failed.corrective_action = "Assembly held in May, minutes filed"
        failed.action_propose()
        failed.with_user(self.label_manager).action_accept()
        failed.action_close()
        self.assertFalse(failed.effectiveness)
        self.assertEqual(self.start_next_audit(self.auditor).followup_nonconformity_ids, failed)
