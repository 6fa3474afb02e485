from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestCertificate(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls.create_session(name="Certified session", days=[(date(2026, 3, 2), "full")])
        cls.members = cls.add_members(cls.coop, 2)
        cls.members.partner_id.email = "member@coop.example"
        cls.passed, cls.failed = cls.enrol(cls.session, cls.members)
        cls.env["comasec.training.attendance"].create(
            [{"registration_id": r.id, "day_id": cls.session.comasec_day_ids.id} for r in cls.passed | cls.failed]
        )
        cls.passed.comasec_post_score = 15
        cls.failed.comasec_post_score = 8

    def test_certificate_issued_for_a_passed_participant(self):
        certificate = self.passed.action_issue_certificate()
        self.assertRegex(certificate.name, rf"^FC-{date.today().year}-\d{{4}}$")
        self.assertEqual(certificate.partner_id, self.members[0].partner_id)
        self.assertEqual(certificate.cooperative_id, self.coop)
        self.assertEqual(certificate.expiry_date, certificate.issue_date + relativedelta(months=24))
        self.assertTrue(certificate.verify_url.endswith(f"/{certificate.name}/{certificate.verification_code}"))
        self.assertIn("certificate", certificate.message_ids[0].subject.lower())
        self.assertEqual(certificate.message_ids[0].partner_ids, certificate.partner_id)
        second = self.passed.action_issue_certificate()
        self.assertFalse(second, "a participant gets one certificate")

    def test_certificate_for_a_failed_participant_is_refused(self):
        with self.assertRaisesRegex(UserError, r"No certificate for .*member 1 \(Failed\): .* only when .* Passed"):
            self.env["comasec.training.certificate"].create({"registration_id": self.failed.id})
        self.assertFalse(self.env["comasec.training.certificate"].search([("registration_id", "=", self.failed.id)]))

    def test_session_issues_certificates_to_those_who_passed_only(self):
        action = self.session.action_issue_certificates()
        self.assertEqual(self.passed.comasec_certificate_ids.state, "issued")
        self.assertFalse(self.failed.comasec_certificate_ids)
        # the trainer is told how many and sees them: the session's certificates
        self.assertEqual(action["params"]["message"], "Certificates issued: 1.")
        shown = self.env["comasec.training.certificate"].search(action["params"]["next"]["domain"])
        self.assertEqual(shown, self.passed.comasec_certificate_ids)
        self.assertEqual(self.session.comasec_certificate_count, 1)
        with self.assertRaisesRegex(
            UserError, "No certificate to issue: .* Record the attendance and the post-training"
        ):
            self.session.action_issue_certificates()

    def test_certificate_numbers_follow_each_other(self):
        first = self.passed.action_issue_certificate()
        self.failed.comasec_post_score = 10
        second = self.failed.action_issue_certificate()
        self.assertEqual(int(second.name[-4:]), int(first.name[-4:]) + 1)

    def test_certificates_issued_together_are_numbered_in_order(self):
        """Issued together, certificates draw their numbers at once, in order and without a
        gap, and the next number drawn alone follows them."""
        self.failed.comasec_post_score = 10
        certificates = (self.passed | self.failed).with_user(self.users["manager"]).action_issue_certificate()
        serials = [int(name[-4:]) for name in certificates.mapped("name")]
        self.assertEqual(serials[1], serials[0] + 1)
        following = self.env["ir.sequence"].next_by_code("comasec.training.certificate")
        self.assertEqual(following, f"FC-{date.today().year}-{serials[1] + 1:04d}")

    def test_status_expires_and_revokes(self):
        certificate = self.passed.action_issue_certificate()
        self.assertEqual(certificate._status_on(certificate.issue_date), "valid")
        self.assertEqual(certificate._status_on(certificate.expiry_date + relativedelta(days=1)), "expired")
        certificate.action_revoke()
        self.assertEqual(certificate._status_on(certificate.issue_date), "revoked")

    def test_report_is_bilingual_with_the_qr_code(self):
        certificate = self.passed.action_issue_certificate()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("comasec_training.certificate_report", certificate.ids)[0]
            .decode()
        )
        self.assertIn("Attestation de formation", html)
        self.assertIn("شهادة تكوين", html)
        self.assertIn('dir="rtl"', html)
        self.assertIn(certificate.name, html)
        self.assertIn("data:image/png;base64,", html)


@tagged("post_install", "-at_install")
class TestCertificateCheck(HttpCase):
    def test_public_check_shows_the_certificate_and_404_otherwise(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        coop = env["res.partner"].create({"name": "Coop Tafraout", "is_company": True, "comasec_is_cooperative": True})
        person = env["res.partner"].create({"name": "Aicha Ait Lahcen", "email": "aicha@example.com"})
        member = env["comasec.coop.member"].create(
            {"cooperative_id": coop.id, "partner_id": person.id, "gender": "female", "cin": "JX123456"}
        )
        course = env["comasec.training.course"].create({"name": "Almond quality", "max_score": 20, "pass_mark": 10})
        session = env["event.event"].create(
            {
                "name": "Almond quality, Tafraout",
                "comasec_course_id": course.id,
                "date_begin": datetime(2026, 4, 21, 8),
                "date_end": datetime(2026, 4, 21, 17),
                "comasec_day_ids": [(0, 0, {"date": date(2026, 4, 21), "half_day": "full"})],
            }
        )
        registration = env["event.registration"].create({"event_id": session.id, "comasec_member_id": member.id})
        env["comasec.training.attendance"].create(
            {"registration_id": registration.id, "day_id": session.comasec_day_ids.id}
        )
        registration.comasec_post_score = 14
        certificate = registration.action_issue_certificate()

        response = self.url_open(f"/training/verify/{certificate.name}/{certificate.verification_code}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Aicha Ait Lahcen", response.text)
        self.assertIn("Almond quality", response.text)
        self.assertIn("This certificate is valid", response.text)
        self.assertNotIn("JX123456", response.text, "the CIN stays private")
        self.assertNotIn("aicha@example.com", response.text)

        code = certificate.verification_code
        self.assertEqual(self.url_open(f"/training/verify/FC-2026-9999/{code}").status_code, 404)
        partial = certificate.name[:-1]
        self.assertEqual(self.url_open(f"/training/verify/{partial}/{code}").status_code, 404, "exact numbers only")
        self.assertEqual(self.url_open(f"/training/verify/{certificate.name}").status_code, 404, "the code is needed")
        # the JSON of the page, as the label's (one public document check in comasec_coop)
        data = self.url_open(f"{certificate._comasec_verify_path()}.json").json()
        self.assertEqual(data["number"], certificate.name)
        self.assertEqual(data["holder"], "Aicha Ait Lahcen")
        self.assertEqual(data["status"], "valid")
        self.assertNotIn("JX123456", str(data))
        self.assertEqual(self.url_open(f"/training/verify/{partial}/{code}.json").json(), {"error": "not found"})
        # under /ar: the label page's layout, in Arabic, right to left, with CoMaSec's name
        self.env["res.lang"]._activate_lang("ar_001")
        self.env.ref("base.main_company").name = "CoMaSec"
        response = self.url_open(f"/ar{certificate._comasec_verify_path()}")
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.text, r'<html[^>]* lang="ar-001"[^>]* dir="rtl"')
        self.assertIn("o_comasec_public_brand", response.text)
        self.assertIn("Copyright", response.text)
        self.assertRegex(response.text, r"o_footer_copyright_name[^<]*<span[^>]*>CoMaSec<")
        self.assertIn("/web/assets/", response.text, "styled as the label's page")
