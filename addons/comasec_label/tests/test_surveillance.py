from datetime import date

from freezegun import freeze_time

from odoo.addons.comasec_coop.tests.common import migration
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestSurveillance(ComasecLabelCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-01-10"):
            self.certificate = self.certify()
        self.Certificate = self.env["comasec.label.certificate"]

    def surveillance_audits(self):
        return self.env["comasec.label.audit"].search(
            [("certificate_id", "=", self.certificate.id), ("kind", "=", "surveillance")]
        )

    def run_surveillance_audit(self, audit, failing=None):
        audit = audit.with_user(self.users["auditor"])
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.result = (failing or {}).get(line.code, "conform")
        audit.action_done()

    def test_surveillance_audit_is_planned_once_before_it_is_due(self):
        self.assertEqual(self.certificate.expiry_date, date(2029, 1, 9))
        self.assertEqual(self.certificate.surveillance_due_date, date(2027, 1, 10))
        with freeze_time("2026-11-01"):
            self.Certificate._cron_plan_surveillance()
        self.assertFalse(self.surveillance_audits(), "not yet within the 60 days before it is due")
        with freeze_time("2026-11-15"):
            self.Certificate._cron_plan_surveillance()
            self.Certificate._cron_plan_surveillance()
        audit = self.surveillance_audits()
        self.assertEqual(len(audit), 1, "a re-run plans nothing twice")
        self.assertEqual(self.certificate.surveillance_audit_id, audit)
        self.assertEqual(audit.auditor_ids, self.users["auditor"], "the auditor of the initial audit")
        self.assertLess(audit.date, self.certificate.surveillance_due_date)
        with freeze_time("2026-12-20"):
            self.run_surveillance_audit(audit)
        self.assertEqual(self.certificate.surveillance_due_date, date(2028, 1, 10))
        self.assertFalse(self.certificate.surveillance_audit_id)

    def test_overdue_surveillance_suspends_and_the_audit_reinstates(self):
        with freeze_time("2026-11-15"):
            self.Certificate._cron_plan_surveillance()
        with freeze_time("2027-02-05"):
            self.Certificate._cron_suspend_overdue()
        self.assertEqual(self.certificate.state, "valid", "30 days of grace")
        with freeze_time("2027-02-10"):
            self.Certificate._cron_suspend_overdue()
            self.Certificate._cron_suspend_overdue()
        self.assertEqual(self.certificate.state, "suspended")
        self.assertEqual(len(self.certificate.sanction_ids), 1, "a re-run suspends nothing twice")
        self.assertEqual(self.certificate.sanction_ids.cause, "overdue")
        self.assertIn("suspended", " ".join(self.certificate.message_ids.filtered("subject").mapped("subject")))
        with freeze_time("2027-02-20"):
            self.run_surveillance_audit(self.certificate.surveillance_audit_id)
        self.assertEqual(self.certificate.state, "valid")
        self.assertEqual(self.certificate.sanction_ids.sorted("id")[-1].kind, "reinstatement")

    def test_critical_finding_suspends_until_closed(self):
        with freeze_time("2026-11-15"):
            self.Certificate._cron_plan_surveillance()
            self.run_surveillance_audit(self.certificate.surveillance_audit_id, failing={"FAIR-01": "critical"})
        self.assertEqual(self.certificate.state, "suspended")
        self.assertEqual(self.certificate.suspension_cause, "critical")
        nc = self.certificate.nonconformity_ids
        self.assertEqual(nc.severity, "critical")
        nc.corrective_action = "Pay the published price"
        nc.action_propose()
        nc.action_accept()
        self.assertEqual(self.certificate.state, "suspended", "accepted is not closed")
        nc.with_user(self.users["auditor"]).action_close()
        self.assertEqual(self.certificate.state, "valid")

    def test_expiry_reminders_at_90_and_30_days_once_each(self):
        def reminders():
            return self.certificate.message_ids.filtered(lambda m: "expires on" in (m.subject or ""))

        with freeze_time("2028-10-01"):
            self.Certificate._cron_expiry_reminders()
        self.assertFalse(reminders())
        with freeze_time("2028-10-12"):
            self.Certificate._cron_expiry_reminders()
            self.Certificate._cron_expiry_reminders()
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(self.certificate.reminder_days_sent, 90)
        self.assertEqual(len(self.certificate.activity_ids), 1)
        with freeze_time("2028-12-15"):
            self.Certificate._cron_expiry_reminders()
            self.Certificate._cron_expiry_reminders()
        self.assertEqual(len(reminders()), 2)
        self.assertEqual(self.certificate.reminder_days_sent, 30)

    def test_expiry_reminders_are_the_days_of_the_setting(self):
        """The label manager sets the days before expiry; the admin's typing mistake is refused."""
        self.assertEqual(self.certificate.expiry_date, date(2029, 1, 9))
        admin = self.env.ref("base.user_admin")
        Settings = self.env["res.config.settings"].with_user(admin)
        with self.assertRaisesRegex(UserError, "write whole numbers of days separated by commas"):
            Settings.create({"comasec_label_certificate_reminder_days": "60; 15"})
        Settings.create({"comasec_label_certificate_reminder_days": "60, 15"}).execute()
        with freeze_time("2028-10-12"):
            self.Certificate._cron_expiry_reminders()
        self.assertEqual(self.certificate.reminder_days_sent, 0, "no reminder at 90 days any more")
        with freeze_time("2028-11-10"):
            self.Certificate._cron_expiry_reminders()
        self.assertEqual(self.certificate.reminder_days_sent, 60)
        with freeze_time("2028-12-25"):
            self.Certificate._cron_expiry_reminders()
        self.assertEqual(self.certificate.reminder_days_sent, 15)
        self.assertEqual(len(self.certificate.activity_ids), 2)

    def test_upgrade_keeps_the_reminders_sent(self):
        """18.0.5.0.0: the two flags of the reminders sent become the smallest offset reminded."""
        with freeze_time("2026-01-10"):
            others = self.certify(self.create_application(coop=self.other_coop)) | self.certify(
                self.create_application(products=self.amlou)
            )
        self.env.flush_all()
        # the columns of the previous version, as an upgrade finds them
        self.env.cr.execute(
            SQL(
                "ALTER TABLE comasec_label_certificate ADD COLUMN reminder_90_sent boolean, "
                "ADD COLUMN reminder_30_sent boolean"
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE comasec_label_certificate SET reminder_90_sent = id IN %(ids)s, reminder_30_sent = id = %(id)s",
                ids=tuple(others.ids),
                id=others[0].id,
            )
        )
        migration("comasec_label", "18.0.5.0.0", "post")(self.env.cr, "18.0.4.0.0")
        self.env.invalidate_all()
        self.assertEqual(others.mapped("reminder_days_sent"), [30, 90])
        self.assertEqual(self.certificate.reminder_days_sent, 0)

    def test_certificates_expire_on_their_date_in_batches(self):
        with freeze_time("2026-01-10"):
            others = self.certify(self.create_application(coop=self.other_coop)) | self.certify(
                self.create_application(products=self.amlou)
            )
        code = self.certificate.verification_code
        with freeze_time("2029-01-09"):
            self.assertEqual(self.Certificate._cron_expire(), 0, "valid up to and including its last day")
            self.assertTrue(self.Certificate._public_lookup(self.certificate.name, code)["is_valid"])
        with freeze_time("2029-01-10"):
            self.assertEqual(self.Certificate._public_lookup(self.certificate.name, code)["status"], "expired")
            self.assertEqual(self.Certificate._cron_expire(batch_size=2), 2)
            self.assertEqual(self.Certificate._cron_expire(batch_size=2), 1)
            self.assertEqual(self.Certificate._cron_expire(batch_size=2), 0)
        self.assertEqual(set((self.certificate | others).mapped("state")), {"expired"})

    def test_renewal_opens_one_application_and_replaces_the_certificate(self):
        with freeze_time("2028-11-01"):
            action = self.certificate.action_renew()
            self.assertEqual(self.certificate.action_renew()["res_id"], action["res_id"])
            renewal = self.env["comasec.label.application"].browse(action["res_id"])
            self.assertEqual(renewal.previous_certificate_id, self.certificate)
            self.assertEqual(renewal.product_ids, self.certificate.product_ids)
            new_certificate = self.certify(renewal)
        self.assertEqual(renewal.audit_ids.kind, "renewal")
        self.assertEqual(self.certificate.state, "renewed")
        self.assertEqual(new_certificate.previous_certificate_id, self.certificate)
        self.assertEqual(new_certificate.state, "valid")

    def test_sanctions_are_recorded_with_their_reason(self):
        wizard = Form(
            self.env["comasec.label.sanction.wizard"]
            .with_user(self.label_manager)
            .with_context(default_certificate_ids=self.certificate.ids)
        )
        wizard.kind = "warning"
        wizard.reason = "Label used on a product outside the scope"
        wizard.save().action_apply()
        self.assertEqual(self.certificate.state, "valid")
        self.certificate._apply_sanction("withdrawal", "Fraud on the origin of the oil")
        self.assertEqual(self.certificate.state, "withdrawn")
        self.assertEqual(self.certificate.sanction_ids.mapped("kind"), ["withdrawal", "warning"])
        self.assertIn("Fraud on the origin", " ".join(self.certificate.message_ids.mapped("body")))
        with self.assertRaisesRegex(UserError, "does not apply"):
            self.certificate._apply_sanction("suspension", "Too late")
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.certify(self.create_application(coop=self.other_coop))._apply_sanction("warning", " ")
