from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComasecLabelCase

TODAY = "2027-06-15"


@tagged("post_install", "-at_install")
class TestNightlyQueries(ComasecLabelCase):
    """A batch of the nightly jobs costs the same queries for 5 or 20 certificates.

    The ORM writes rows in batches of 100 (INSERT/UPDATE_BATCH_SIZE), which adds one
    query per 100 rows whatever the code; with that batch size lifted, any query left
    that depends on the number of certificates would be ours."""

    def setUp(self):
        super().setUp()
        self.startPatcher(patch("odoo.models.INSERT_BATCH_SIZE", 100_000))
        self.startPatcher(patch("odoo.models.UPDATE_BATCH_SIZE", 100_000))
        self.Certificate = self.env["comasec.label.certificate"]

    def bulk_certificates(self, count, issue_date, expiry_date, coop=None):
        """``count`` certificates of approved applications, without going through audits."""
        coop = coop or self.coop
        applications = self.env["comasec.label.application"].create(
            [
                {
                    "cooperative_id": coop.id,
                    "product_ids": [Command.set(self.argan_oil.ids)],
                    "standard_id": self.standard.id,
                }
                for _i in range(count)
            ]
        )
        applications.write({"state": "approved"})
        certificates = self.Certificate.create(
            [
                {
                    "application_id": application.id,
                    "cooperative_id": coop.id,
                    "product_ids": [Command.set(self.argan_oil.ids)],
                    "standard_id": self.standard.id,
                    "issue_date": issue_date,
                    "expiry_date": expiry_date,
                }
                for application in applications
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return certificates

    def assert_batch_constant(self, job, issue_date, expiry_date, check):
        """Run ``job`` over a warm-up batch, then 5 then 20 certificates: same queries."""
        counts = []
        for count in (2, 5, 20):
            certificates = self.bulk_certificates(count, issue_date, expiry_date)
            with freeze_time(TODAY):
                before = self.cr.sql_log_count
                done = getattr(self.Certificate, job)(batch_size=count)
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
                self.assertEqual(done, count)
            check(certificates)
            self.env.invalidate_all()
        self.assertEqual(counts[1], counts[2], f"{job}: queries for 5 and 20 certificates {counts[1:]}")

    def test_expire_batch(self):
        def check(certificates):
            self.assertEqual(set(certificates.mapped("state")), {"expired"})
            for certificate in certificates:
                self.assertIn("expired on 2027-06-14", certificate.message_ids[:1].body)

        self.assert_batch_constant("_cron_expire", date(2024, 6, 15), date(2027, 6, 14), check)

    def test_suspend_overdue_batch(self):
        def check(certificates):
            self.assertEqual(set(certificates.mapped("state")), {"suspended"})
            for certificate in certificates:
                self.assertEqual(certificate.sanction_ids.cause, "overdue")
                notes = certificate.message_ids.filtered(
                    lambda m: m.message_type == "notification" and "overdue" in m.body
                )
                mails = self.env["mail.mail"].search(
                    [("model", "=", certificate._name), ("res_id", "=", certificate.id)]
                )
                self.assertEqual(len(notes), 1, "the sanction noted on the certificate's history")
                self.assertEqual(len(mails), 1)
                self.assertIn("suspended", mails.subject)
                self.assertEqual(mails.recipient_ids, self.coop, "the mail goes to the cooperative")

        self.assert_batch_constant("_cron_suspend_overdue", date(2026, 3, 1), date(2029, 2, 28), check)

    def test_plan_surveillance_batch(self):
        def check(certificates):
            audits = certificates.surveillance_audit_id
            self.assertEqual(len(audits), len(certificates))
            self.assertEqual(set(audits.mapped("kind")), {"surveillance"})
            self.assertTrue(all(audit.line_ids for audit in audits), "checklist generated")
            self.assertEqual(len(set(audits.mapped("name"))), len(audits), "one number each")

        self.assert_batch_constant("_cron_plan_surveillance", date(2026, 7, 15), date(2029, 7, 14), check)

    def test_expiry_reminders_batch(self):
        def check(certificates):
            self.assertEqual(set(certificates.mapped("reminder_days_sent")), {90})
            for certificate in certificates:
                self.assertEqual(len(certificate.activity_ids), 1)
                mails = self.env["mail.mail"].search(
                    [("model", "=", certificate._name), ("res_id", "=", certificate.id)]
                )
                self.assertEqual(len(mails), 1)
                self.assertIn("expires on", mails.subject)

        self.assert_batch_constant("_cron_expiry_reminders", date(2024, 8, 1), date(2027, 7, 31), check)

    def test_label_manager_suspension_queues_the_mail_without_mail_rights(self):
        """The suspension mail is created as superuser (Odoo's send_mail_batch): a label
        manager cannot create mails, yet suspending a certificate mails its cooperative,
        and the mail, once sent, stays in the certificate's history."""
        certificate = self.bulk_certificates(1, date(2026, 3, 1), date(2029, 2, 28)).with_user(self.label_manager)
        with self.assertRaises(AccessError):
            self.env["mail.mail"].with_user(self.label_manager).create({"subject": "x", "body_html": "x"})
        certificate._apply_sanction("suspension", "Label used on an uncertified product")
        mail = self.env["mail.mail"].search([("model", "=", certificate._name), ("res_id", "=", certificate.id)])
        self.assertEqual(mail.recipient_ids, self.coop)
        self.assertEqual(mail.author_id, self.label_manager.partner_id)
        self.assertIn("uncertified product", mail.body_html)
        message = mail.mail_message_id
        self.assertTrue(mail.auto_delete)
        mail.unlink()  # what the mail queue does once the mail is sent
        self.assertIn(message, certificate.message_ids, "its message stays in the history")
        self.assertIn("uncertified product", str(message.body))

    def test_batch_mails_name_their_certificate_in_their_language(self):
        """The reminders of one batch are rendered together (Odoo's send_mail_batch):
        each mail still names its own certificate and cooperative, in the cooperative's
        language when the template renders per language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["comasec_label"], ["fr_FR"], overwrite=True)
        self.env.ref("comasec_label.mail_template_certificate_expiring").lang = "{{ object.cooperative_id.lang }}"
        self.other_coop.lang = "fr_FR"
        english = self.bulk_certificates(2, date(2024, 8, 1), date(2027, 7, 31))
        french = self.bulk_certificates(2, date(2024, 8, 1), date(2027, 7, 31), coop=self.other_coop)
        with freeze_time(TODAY):
            self.assertEqual(self.Certificate._cron_expiry_reminders(), 4)
        for certificates, coop, greeting in (
            (english, self.coop, "Your Maroc Solidaire certificate"),
            (french, self.other_coop, "Votre certificat Maroc Solidaire"),
        ):
            for certificate in certificates:
                mail = self.env["mail.mail"].search(
                    [("model", "=", certificate._name), ("res_id", "=", certificate.id)]
                )
                self.assertEqual(mail.recipient_ids, coop)
                self.assertIn(certificate.name, mail.subject)
                self.assertIn(certificate.name, mail.body_html)
                self.assertIn(coop.name, mail.body_html)
                self.assertIn(greeting, mail.body_html)
