from datetime import timedelta

from odoo import Command
from odoo.addons.comasec_coop.tests.common import VALID_ICE
from odoo.addons.comasec_coop.tests.report_helpers import (
    arabic_indic,
    has_arabic_indic_digits,
    render_documents,
    text,
)
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestReportLanguage(ComasecAccountingCase):
    """Invoices and visit reports read right to left in Arabic, left to right in French,
    with the digits the language is set to print."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("fr_FR")
        env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.customer = env_a["res.partner"].create({"name": "Hôtel Tafoukt", "country_id": cls.env.ref("base.ma").id})
        cls.invoice = env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [Command.create({"name": "Miel de thym", "quantity": 3, "price_unit": 150})],
            }
        )
        cls.invoice.action_post()
        cls.plan = cls.env["comasec.coaching.plan"].create(
            {"name": "Livres 2026", "cooperative_id": cls.coop.id, "date_end": cls.today + timedelta(days=30)}
        )
        cls.visit = cls.env["comasec.coaching.visit"].create({"plan_id": cls.plan.id, "date": "2026-03-17"})

    def invoice_document(self, lang, report="account.report_invoice"):
        self.customer.lang = lang
        (document,) = render_documents(self.env, report, self.invoice.ids)
        return document

    def test_arabic_invoice_is_right_to_left_with_arabic_indic_digits(self):
        """Both of Odoo's invoice reports opt in (the addon's report data)."""
        self.arabic.comasec_digits = "arabic"
        for report in ("account.report_invoice", "account.report_invoice_with_payments"):
            document = self.invoice_document("ar_001", report)
            self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("ar_001", "rtl"))
            content = text(document)
            self.assertIn(arabic_indic(VALID_ICE), content)
            self.assertIn(arabic_indic("450.00"), content)
            self.assertNotIn(VALID_ICE, content)

    def test_arabic_invoice_with_western_digits(self):
        self.arabic.comasec_digits = "western"
        document = self.invoice_document("ar_001")
        self.assertEqual(document.get("dir"), "rtl")
        self.assertIn(VALID_ICE, text(document))
        self.assertFalse(has_arabic_indic_digits(text(document).replace(self.invoice.comasec_amount_words_ar, "")))

    def test_french_invoice_is_left_to_right(self):
        self.arabic.comasec_digits = "arabic"
        document = self.invoice_document("fr_FR")
        self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("fr_FR", "ltr"))
        self.assertIn(VALID_ICE, text(document))
        self.assertFalse(has_arabic_indic_digits(text(document)))

    def test_visit_report_follows_the_cooperative_language(self):
        self.arabic.comasec_digits = "arabic"
        report = "comasec_accounting_coaching.comasec_coaching_visit_report_document"
        self.coop.lang = "ar_001"
        (document,) = render_documents(self.env, report, self.visit.ids)
        self.assertEqual(document.get("dir"), "rtl")
        self.assertIn(arabic_indic("2026"), text(document))
        self.assertNotIn("2026", text(document))
        self.coop.lang = "fr_FR"
        (document,) = render_documents(self.env, report, self.visit.ids)
        self.assertEqual(document.get("dir"), "ltr")
        self.assertIn("17/03/2026", text(document))
