import re
import shutil

from babel.dates import format_date

from odoo.addons.comasec_coop.tests.common import prepare_browser_server
from odoo.addons.comasec_coop.tests.report_helpers import (
    arabic_indic,
    has_arabic_indic_digits,
    missing_in_order,
    pdf_text,
    render_documents,
    text,
)
from odoo.tests import HttpCase, tagged

from .common import ComasecLabelCase

REPORT = "comasec_label.comasec_label_certificate_report"
AUDIT_REPORT = "comasec_label.comasec_label_audit_report"
# 12/02/2026: the 12th of February or the 2nd of December, depending on the reader
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


@tagged("post_install", "-at_install")
class TestCertificateLanguage(ComasecLabelCase):
    """The label certificate is printed in its cooperative's language: left to right in
    French, right to left in Arabic with the digits Arabic is set to print; the check URL
    under the QR code keeps Western digits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("fr_FR")

    def setUp(self):
        super().setUp()
        self.certificate = self.certify()

    def page(self, lang):
        self.coop.lang = lang
        (document,) = render_documents(self.env, REPORT, self.certificate.ids)
        return document

    def test_french_left_to_right(self):
        page = self.page("fr_FR")
        self.assertEqual((page.get("data-oe-lang"), page.get("dir")), ("fr_FR", "ltr"))
        self.assertIn(self.certificate.name, text(page))
        self.assertFalse(has_arabic_indic_digits(text(page)))

    def test_dates_name_their_month_in_the_cooperative_language(self):
        issue, expiry = self.certificate.issue_date, self.certificate.expiry_date
        page = text(self.page("fr_FR"))
        for day in (issue, expiry):
            self.assertIn(format_date(day, "long", locale="fr_FR"), page)  # 2 décembre 2026
        self.assertNotRegex(page, NUMERIC_DATE)
        self.assertIn(format_date(issue, "MMMM", locale="ar"), text(self.page("ar_001")))
        audit = self.certificate.application_id.audit_ids
        (document,) = render_documents(self.env, AUDIT_REPORT, audit.ids)
        self.assertEqual(document.get("data-oe-lang"), "ar_001")
        self.assertIn(format_date(audit.date, "MMMM", locale="ar"), text(document))
        self.assertNotRegex(text(document), NUMERIC_DATE)

    def test_arabic_right_to_left_with_its_digits(self):
        self.arabic.comasec_digits = "arabic"
        page = self.page("ar_001")
        self.assertEqual((page.get("data-oe-lang"), page.get("dir")), ("ar_001", "rtl"))
        self.assertIn(arabic_indic(self.coop.company_registry), text(page), "the ICE in Arabic-Indic digits")
        self.assertIn(self.certificate.verify_url, text(page), "the check URL keeps its digits")
        self.arabic.comasec_digits = "western"
        page = self.page("ar_001")
        self.assertEqual(page.get("dir"), "rtl")
        self.assertFalse(has_arabic_indic_digits(text(page)))


@tagged("post_install", "-at_install")
class TestArabicCertificatePdf(ComasecLabelCase, HttpCase):
    """The Arabic certificate as wkhtmltopdf prints it (the HTTP server serves its styles),
    read back with pdftotext: its sentences come out whole, in order, instead of words
    printed over each other. (Latin text drawn in the report's web font is not text in the
    PDF: only Arabic is read.)"""

    # what opens each line, from the top
    LINES = ["الشهادة", "بالنسبة للمنتجات التالية", "وفق المرجعية", "صالحة من"]
    WORDS = ["مع الخضوع لافتحاصات تتبع سنوية", "رمز التحقق", "تحقق من هذه الشهادة"]

    def test_arabic_certificate_reads_in_order(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        self.env["res.lang"]._activate_lang("ar_001").comasec_digits = "western"
        self.env["ir.module.module"]._load_module_terms(["web", "comasec_coop", "comasec_label"], ["ar_001"])
        certificate = self.certify()
        self.coop.lang = "ar_001"
        # wkhtmltopdf fetches the report's styles from the server in parallel
        prepare_browser_server(self.env)
        arabic = pdf_text(self.env, REPORT, certificate.ids)
        self.assertIsNone(missing_in_order(arabic, self.LINES), f"missing or out of order in:\n{arabic}")
        expiry_month = format_date(certificate.expiry_date, "MMMM", locale="ar")
        for phrase in [*self.WORDS, f"إلى {expiry_month}"]:
            self.assertIn(phrase, arabic, f"in:\n{arabic}")
