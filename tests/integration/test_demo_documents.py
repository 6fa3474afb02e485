"""Every PDF report of the suite, printed from the demo data, carries what a reader checks on it.

Each report goes through Odoo's report engine and wkhtmltopdf (a real PDF), and its HTML
rendering is read as text: numbers, ICE, the QR code's target URL, the amount in words.
Skipped on a database installed without demo data. An HttpCase: wkhtmltopdf loads the
report's assets over HTTP, and a document of several pages (the bilingual training
certificate) is only produced when they load.
"""

import re
from html import unescape

from odoo.tests import HttpCase, tagged


def _text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html.decode())).split())


@tagged("post_install", "-at_install")
class TestDemoDocuments(HttpCase):
    def setUp(self):
        super().setUp()
        if not self.env.ref("comasec_label.demo_application_tiznit", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        self.Report = self.env["ir.actions.report"]
        # wkhtmltopdf fetches the report's styles from this test server, as from the real one
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def printed(self, report, records):
        """The report's text as a reader sees it; its PDF must render too."""
        pdf, kind = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(report, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), f"{report} renders a PDF, not {pdf[:80]!r}")
        return _text(self.Report._render_qweb_html(report, records.ids)[0])

    def test_member_register_and_certificate(self):
        coop = self.env.ref("comasec_coop.demo_coop_argan_tiznit")
        text = self.printed("comasec_coop.action_report_comasec_member_register", coop)
        self.assertIn(coop.name, text)
        self.assertIn(coop.company_registry, text)
        for member in coop.comasec_coop_member_ids.filtered(lambda m: m.state == "active"):
            self.assertIn(member.partner_id.name, text)
        member = self.env.ref("comasec_coop.demo_member_argan_tiznit_1")
        text = self.printed("comasec_coop.action_report_comasec_member_certificate", member)
        self.assertIn(member.partner_id.name, text)
        self.assertIn(coop.name, text)

    def test_invoice_mentions(self):
        invoice = self.env.ref("comasec_accounting_coaching.demo_invoice_argan_tiznit_1")
        seller = invoice.company_id.partner_id
        text = self.printed("account.account_invoices", invoice)
        for mention in (
            invoice.name,
            f"ICE : {seller.company_registry}",
            f"IF : {seller.comasec_coop_if}",
            invoice.comasec_amount_words,
        ):
            self.assertIn(mention, text)
        self.assertTrue(invoice.comasec_amount_words.startswith("Arrêtée la présente facture"))

    def test_visit_report(self):
        visit = self.env.ref("comasec_accounting_coaching.demo_coaching_visit_argan_tiznit")
        text = self.printed("comasec_accounting_coaching.comasec_coaching_visit_report", visit)
        self.assertIn(visit.cooperative_id.name, text)
        for finding in visit.finding_ids.filtered("note"):
            self.assertIn(" ".join(finding.note.split()[:6]), text)

    def test_audit_report_and_label_certificate(self):
        audit = self.env.ref("comasec_label.demo_audit_tiznit")
        text = self.printed("comasec_label.comasec_label_audit_report", audit)
        self.assertIn(audit.cooperative_id.name, text)
        self.assertIn(audit.name, text)
        certificate = self.env["comasec.label.certificate"].search([("state", "=", "valid")], limit=1)
        self.assertTrue(certificate, "the demo has a valid certificate")
        text = self.printed("comasec_label.comasec_label_certificate_report", certificate)
        self.assertRegex(certificate.name, r"^MS-\d{4}-\d{4}$")
        for expected in (
            certificate.name,
            certificate.cooperative_id.name,
            certificate.verification_code,
            certificate.verify_url,
        ):
            self.assertIn(expected, text)
        self.assertTrue(
            certificate.verify_url.endswith(f"/label/verify/{certificate.name}/{certificate.verification_code}"),
            "the QR code's target",
        )

    def test_training_certificate(self):
        certificate = self.env["comasec.training.certificate"].search([], limit=1)
        self.assertTrue(certificate, "the demo has issued training certificates")
        text = self.printed("comasec_training.comasec_training_certificate_report", certificate)
        self.assertIn(certificate.name, text)
        self.assertIn(certificate.verification_code, text)
        self.assertIn(certificate.verify_url, text)
