import base64
import shutil
from datetime import date

from odoo.addons.comasec_coop.tests.report_helpers import (
    arabic_indic,
    has_arabic_indic_digits,
    missing_in_order,
    pdf_bodies,
    pdf_text,
    render_documents,
    text,
)
from odoo.tests import HttpCase, tagged

from .common import ComasecTrainingCase

REPORT = "comasec_training.certificate_report"


@tagged("post_install", "-at_install")
class TestCertificateLanguage(ComasecTrainingCase):
    """The bilingual certificate: a French page left to right, an Arabic page right to left
    with the digits Arabic is set to print; the check URL keeps Western digits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("fr_FR")
        session = cls.create_session(name="Certified session", days=[(date(2026, 3, 2), "full")])
        registration = cls.enrol(session, cls.add_members(cls.coop, 1))
        cls.env["comasec.training.attendance"].create(
            {"registration_id": registration.id, "day_id": session.comasec_day_ids.id}
        )
        registration.comasec_post_score = 15
        cls.certificate = registration.action_issue_certificate()

    def pages(self):
        documents = render_documents(self.env, REPORT, self.certificate.ids)
        return {document.get("data-oe-lang"): document for document in documents}

    def test_pages_with_arabic_indic_digits(self):
        self.arabic.comasec_digits = "arabic"
        pages = self.pages()
        self.assertEqual(set(pages), {"fr_FR", "ar_001"})
        french, arabic = pages["fr_FR"], pages["ar_001"]
        self.assertEqual((french.get("dir"), arabic.get("dir")), ("ltr", "rtl"))
        url = self.certificate.verify_url
        self.assertIn(self.certificate.name, text(french))
        self.assertFalse(has_arabic_indic_digits(text(french)))
        self.assertIn(arabic_indic(self.certificate.name), text(arabic))
        self.assertIn(arabic_indic("2026"), text(arabic))
        for page in (french, arabic):
            self.assertIn(url, text(page), "the check URL keeps its digits")
            (qr,) = page.xpath(".//img[@alt='QR']")
            prefix, payload = qr.get("src").split(",", 1)
            self.assertEqual(prefix, "data:image/png;base64")
            self.assertTrue(base64.b64decode(payload, validate=True).startswith(b"\x89PNG"), "the QR is untouched")
        # one document per certificate (Debian's wkhtmltopdf prints one document per run),
        # its French page left to right and its Arabic page right to left
        (body,) = pdf_bodies(self.env, REPORT, self.certificate.ids)
        parts = body.xpath("//div[contains(@class, 'o_comasec_document')]")
        self.assertEqual([part.get("dir") for part in parts], ["ltr", "rtl"])

    def test_arabic_page_with_western_digits(self):
        self.arabic.comasec_digits = "western"
        arabic = self.pages()["ar_001"]
        self.assertEqual(arabic.get("dir"), "rtl")
        self.assertIn(self.certificate.name, text(arabic))
        self.assertFalse(has_arabic_indic_digits(text(arabic)))


@tagged("post_install", "-at_install")
class TestArabicCertificatePdf(ComasecTrainingCase, HttpCase):
    """The Arabic page as wkhtmltopdf prints it (the HTTP server serves its styles), read
    back with pdftotext: every phrase is there, in the order of the certificate. (Latin
    text drawn in the report's web font is not text in the PDF: only Arabic is read.)"""

    # what opens each line, from the top (pdftotext may give the rest of a line after it)
    LINES = [
        "شهادة تكوين",
        "عضو",
        "قد تابع",
        "مدة التكوين",
        "انتهت الدورة في",
        "نسبة الحضور",
        "النقطة",
        "شهادة رقم",
        "سلمت بتاريخ",
        "التحقق",
    ]
    WORDS = ["تشهد", "أن", "بنجاح التكوين", "ساعات", "صالحة إلى غاية"]

    def test_arabic_page_reads_in_order(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        self.env["res.lang"]._activate_lang("ar_001").comasec_digits = "western"
        self.env["res.lang"]._activate_lang("fr_FR")
        session = self.create_session(
            name="Certified session",
            days=[(date(2026, 3, 2), "full")],
            comasec_place="Maison de la coopérative, Taliouine",
        )
        registration = self.enrol(session, self.add_members(self.coop, 1))
        self.attend(registration)
        registration.comasec_post_score = 15
        certificate = registration.action_issue_certificate()
        # page 2 is the Arabic page
        arabic = pdf_text(self.env, REPORT, certificate.ids, page=2)
        self.assertIsNone(missing_in_order(arabic, self.LINES), f"missing or out of order in:\n{arabic}")
        for phrase in self.WORDS:
            self.assertIn(phrase, arabic)
