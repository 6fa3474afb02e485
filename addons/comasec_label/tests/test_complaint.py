import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import ComasecLabelCase

HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> '; DROP TABLE comasec_label_complaint; -- "
    "{{ 7*7 }} ${7*7} \u202egnp.exe \x00"
)


@tagged("post_install", "-at_install")
class TestReportForm(ComasecLabelCase, HttpCase):
    """A buyer reports a problem from the public verification page, without an account."""

    def setUp(self):
        super().setUp()
        self.certificate = self.certify()
        self.path = self.certificate._comasec_verify_path()
        self.Complaint = self.env["comasec.label.complaint"]

    def csrf_token(self):
        page = self.url_open(self.path).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def report(self, path=None, **data):
        data = {"csrf_token": self.csrf_token(), "kind": "fake", "description": "Jar sold at Inezgane souk", **data}
        return self.url_open(f"{path or self.path}/report", data=data)

    def reports(self):
        return self.Complaint.search([("certificate_id", "=", self.certificate.id)])

    def test_page_offers_the_form_without_login(self):
        page = self.url_open(self.path).text
        self.assertIn("Report a problem", page)
        self.assertIn(f'action="{self.path}/report"', page)

    def test_hostile_input_is_stored_as_text(self):
        response = self.report(description=HOSTILE, name=HOSTILE[:60], contact="x@y.ma<script>")
        self.assertEqual(response.status_code, 200)
        self.assertIn("your report reached the Maroc Solidaire label team", response.text)
        self.assertNotIn("<script>alert", response.text)
        complaint = self.reports()
        self.assertEqual(len(complaint), 1)
        # the NUL byte, which PostgreSQL refuses in text, is dropped; everything else is kept, as text
        self.assertEqual(complaint.description, HOSTILE.replace("\x00", "").strip())
        self.assertEqual(complaint.complainant_name, HOSTILE[:60].strip())
        self.assertEqual(complaint.complainant_contact, "x@y.ma<script>")
        self.assertEqual((complaint.kind, complaint.channel, complaint.state), ("fake", "public", "received"))
        self.assertEqual(complaint.cooperative_id, self.coop)
        self.assertEqual(complaint.remote_ip, "127.0.0.1")
        # the label manager receives it: a follower, notified, and its reader
        as_manager = complaint.with_user(self.label_manager)
        self.assertIn(self.label_manager.partner_id, as_manager.message_partner_ids)
        self.assertIn(self.label_manager.partner_id, complaint.message_ids.partner_ids)
        self.assertIn("Suspected fake", as_manager.message_ids[0].body)
        self.assertNotIn("<script>", "".join(complaint.message_ids.mapped("body")))
        self.assertTrue(complaint.activity_ids)
        self.assertTrue(complaint.user_id.has_group("comasec_coop.comasec_coop_group_label_manager"))
        # the owner is the label manager responsible for the cooperative's file, when there is one
        self.certificate.application_id.user_id = self.label_manager
        self.assertEqual(self.report(description="Second jar").status_code, 200)
        second = self.reports() - complaint
        self.assertEqual(second.user_id, self.label_manager)
        self.assertEqual(second.activity_ids.user_id, self.label_manager)

    def test_bad_input_says_what_to_fix_and_echoes_escaped(self):
        response = self.report(kind="'; DROP", description=HOSTILE)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose what the problem is", response.text)
        self.assertNotIn("<script>alert", response.text)
        self.assertIn("&lt;script&gt;", response.text)
        response = self.report(description="   ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Describe the problem", response.text)
        response = self.report(description="x" * 5001)
        self.assertEqual(response.status_code, 400)
        self.assertIn("5000 characters at most", response.text)
        self.assertFalse(self.reports())

    def test_without_csrf_token_nothing_is_stored(self):
        response = self.url_open(f"{self.path}/report", data={"kind": "fake", "description": "forged"})
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            f"{self.path}/report", data={"csrf_token": "forged", "kind": "fake", "description": "forged"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.reports())

    def test_rate_limited_per_address(self):
        self.env["ir.config_parameter"].set_param("comasec_label.complaint_rate_limit_per_hour", "2")
        for i in range(2):
            self.assertEqual(self.report(description=f"Report {i}").status_code, 200)
        response = self.report(description="Report 3")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many reports from your connection", response.text)
        self.assertEqual(len(self.reports()), 2)
        # another certificate does not reset the count of the address
        other = self.certify(self.create_application(coop=self.other_coop))
        self.assertEqual(self.report(path=other._comasec_verify_path()).status_code, 429)
        # an hour later the address may report again
        with freeze_time(self.env.cr.now() + timedelta(hours=1, minutes=1)):
            self.assertEqual(self.report(description="Report 4").status_code, 200)
        self.assertEqual(len(self.reports()), 3)

    def test_invented_certificate_is_a_plain_404(self):
        token = self.csrf_token()
        for path in [
            f"/label/verify/{self.certificate.name}/AAAA-BBBB-CCCC",
            "/label/verify/MS-2026-9999/AAAA-BBBB-CCCC",
        ]:
            response = self.url_open(f"{path}/report", data={"csrf_token": token, "kind": "fake", "description": "x"})
            self.assertEqual(response.status_code, 404)
            self.assertIn("Certificate not found", response.text)
            self.assertNotIn(self.coop.name, response.text)
        self.assertFalse(self.Complaint.search([("description", "=", "x")]))


@tagged("post_install", "-at_install")
class TestComplaintRegister(ComasecLabelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice, cls.bob, cls.carol = cls.committee_members[:3]
        cls.dan = cls.create_user("committee4", ["comasec_coop.comasec_coop_group_committee_member"])

    def rejected_application(self):
        application = self.create_application()
        self.audit_application(application)
        self.committee_session(application)
        self.vote(application, self.alice, "against")
        self.vote(application, self.bob, "against")
        application.write({"decision": "rejected", "decision_rationale": "Workers paid below the SMAG"})
        application.action_decide()
        return application

    def session(self, members):
        return self.env["comasec.label.committee.session"].create({"member_ids": [Command.set(members.ids)]})

    def test_appeal_goes_to_a_session_without_the_deciding_members(self):
        application = self.rejected_application()
        Complaint = self.env["comasec.label.complaint"]
        with self.assertRaises(AccessError):
            other_portal = self.env["res.users"].create(
                {
                    "name": "Other portal",
                    "login": "other_portal",
                    "partner_id": self.env["res.partner"].create({"name": "Zahra", "parent_id": self.other_coop.id}).id,
                    "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
                }
            )
            Complaint.with_user(other_portal)._portal_appeal(application, "Not ours")
        with self.assertRaisesRegex(UserError, "Say why you appeal"):
            Complaint.with_user(self.portal_user)._portal_appeal(application, "  ")
        appeal = Complaint.with_user(self.portal_user)._portal_appeal(application, "We pay the SMAG since March")
        self.assertEqual((appeal.kind, appeal.channel, appeal.cooperative_id), ("appeal", "portal", self.coop))
        with self.assertRaisesRegex(UserError, "already being handled"):
            Complaint.with_user(self.portal_user)._portal_appeal(application, "Again")
        # the cooperative reads its appeal; the label manager handles it
        self.assertEqual(Complaint.with_user(self.portal_user).search([]), appeal)
        appeal = appeal.with_user(self.label_manager)
        with self.assertRaisesRegex(ValidationError, f"{self.alice.name} voted on the decision appealed"):
            appeal.session_id = self.session(self.alice | self.carol)
        self.env["comasec.coop.member"].create(
            {"cooperative_id": self.coop.id, "partner_id": self.dan.partner_id.id, "gender": "male"}
        )
        with self.assertRaisesRegex(ValidationError, "is a member of Coopérative Tifawin"):
            appeal.session_id = self.session(self.carol | self.dan)
        self.assertFalse(appeal.session_id)
        appeal.action_acknowledge()
        appeal.action_investigate()
        with self.assertRaises(AccessError):
            appeal.with_user(self.carol).investigation = "The committee does not run the investigation"
        appeal.decision = "Decision upheld after reviewing the payslips"
        with self.assertRaisesRegex(UserError, "choose it on"):
            appeal.action_decide()
        session = self.session(self.carol)
        appeal.session_id = session
        self.assertEqual(session.appeal_ids, appeal)
        appeal.action_decide()
        appeal.reply = "The decision stands; apply again once the payslips show the SMAG."
        appeal.action_reply()
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(appeal.reply_date, self.today)
        self.assertEqual(appeal.with_user(self.carol).reply, appeal.reply, "the committee reads the appeals")

    def test_only_a_decided_application_is_appealed(self):
        application = self.create_application()
        with self.assertRaisesRegex(ValidationError, "no decision to appeal"):
            self.env["comasec.label.complaint"].with_user(self.portal_user)._portal_appeal(application, "Too slow")

    def test_public_complaints_stay_with_the_label_team(self):
        certificate = self.certify()
        complaint = self.env["comasec.label.complaint"].create(
            {
                "kind": "quality",
                "certificate_id": certificate.id,
                "description": "Rancid oil",
                "complainant_name": "Ali",
            }
        )
        for user in (self.portal_user, self.alice):
            self.assertFalse(self.env["comasec.label.complaint"].with_user(user).search([("id", "=", complaint.id)]))
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            complaint.with_user(self.label_manager).state = "closed"
        with self.assertRaisesRegex(UserError, "is Acknowledged"):
            complaint.with_user(self.label_manager).action_acknowledge()
            complaint.with_user(self.label_manager).action_acknowledge()

    def test_overdue_complaints_raise_activities(self):
        self.env["ir.config_parameter"].set_param("comasec_label.complaint_acknowledge_days", "5")
        self.env["ir.config_parameter"].set_param("comasec_label.complaint_reply_days", "30")
        certificate = self.certify()
        complaint = self.env["comasec.label.complaint"].create(
            {"kind": "misuse", "certificate_id": certificate.id, "description": "Logo on a non-labelled jar"}
        )
        self.assertEqual(complaint.reply_due_date, self.today + timedelta(days=30))
        owner = complaint.user_id
        Complaint = self.env["comasec.label.complaint"]

        def overdue():
            return complaint.activity_ids.filtered(lambda a: (a.summary or "").startswith("Overdue"))

        Complaint._cron_remind_overdue()
        self.assertFalse(overdue())
        with freeze_time(self.today + timedelta(days=6)):
            Complaint._cron_remind_overdue()
            Complaint._cron_remind_overdue()
            self.assertEqual(overdue().mapped("summary"), [f"Overdue: acknowledge the complaint {complaint.name}"])
            self.assertEqual(overdue().user_id, owner)
            complaint.with_user(self.label_manager).action_acknowledge()
        with freeze_time(self.today + timedelta(days=31)):
            Complaint._cron_remind_overdue()
            self.assertIn(f"Overdue: reply to the complaint {complaint.name}", overdue().mapped("summary"))
