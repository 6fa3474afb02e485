from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools.certificate_dates import certificate_expiry
from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestCertificate(ComasecLabelCase):
    @freeze_time("2024-02-29")
    def test_issued_on_29_february(self):
        certificate = self.certify()
        self.assertEqual(certificate.issue_date, date(2024, 2, 29))
        self.assertEqual(certificate.expiry_date, date(2027, 2, 28))

    @freeze_time("2026-05-04")
    def test_issue_one_certificate_per_approved_application(self):
        application = self.create_application(products=self.argan_oil | self.amlou)
        certificate = self.certify(application)
        self.assertRegex(certificate.name, r"^MS-2026-\d{4}$")
        self.assertEqual(certificate.cooperative_id, self.coop)
        self.assertEqual(certificate.product_ids, self.argan_oil | self.amlou)
        self.assertEqual(certificate.standard_id, self.standard)
        self.assertEqual(certificate.issue_date, date(2026, 5, 4))
        self.assertEqual(certificate.expiry_date, date(2029, 5, 3))
        self.assertEqual(certificate.state, "valid")
        self.assertRegex(certificate.verification_code, r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
        self.assertTrue(
            certificate.verify_url.endswith(f"/label/verify/{certificate.name}/{certificate.verification_code}")
        )
        self.assertIn(certificate.name, " ".join(certificate.message_ids.mapped("subject")))
        with self.assertRaisesRegex(UserError, "already gave the certificate"):
            application.action_issue_certificate()
        self.assertEqual(len(application.certificate_ids), 1)

    def test_validity_is_a_parameter(self):
        self.env["ir.config_parameter"].set_param("comasec_label.certificate_validity_years", "2")
        certificate = self.certify()
        self.assertEqual(certificate.expiry_date, certificate_expiry(certificate.issue_date, 2))

    def test_not_approved_gives_no_certificate(self):
        application = self.create_application()
        with self.assertRaisesRegex(UserError, "Only an approved application"):
            application.action_issue_certificate()

    def test_certificate_pdf_has_the_qr_code(self):
        certificate = self.certify()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("comasec_label.comasec_label_certificate_report", certificate.ids)[0]
            .decode()
        )
        self.assertIn(certificate.name, html)
        self.assertIn("data:image/png;base64,", html)
        self.assertIn(certificate.verify_url, html)

    def test_public_lookup_refuses_malformed_numbers(self):
        certificate = self.certify()
        Certificate = self.env["comasec.label.certificate"]
        code = certificate.verification_code
        self.assertEqual(Certificate._public_lookup(certificate.name, code)["cooperative"], self.coop.name)
        for number in ["", "MS-2026-%", "%", "MS-2026-0001' OR 1=1", certificate.name + "x", "ms-2026-0001"]:
            self.assertIsNone(Certificate._public_lookup(number, code), number)
        for wrong in [None, "", "%", code[:-1], code + "A", code.replace("-", ""), "AAAA-BBBB-CCCC"]:
            self.assertIsNone(Certificate._public_lookup(certificate.name, wrong), wrong)
