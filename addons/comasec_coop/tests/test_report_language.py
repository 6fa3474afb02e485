from odoo.tests import tagged

from ..models.ir_actions_report import arabic_digits, localize_report_html
from .common import VALID_ICE, ComasecCoopCase
from .report_helpers import (
    arabic_indic,
    has_arabic_indic_digits,
    has_western_digits,
    pdf_bodies,
    render_documents,
    text,
)


@tagged("post_install", "-at_install")
class TestDigits(ComasecCoopCase):
    def test_digits_become_arabic_indic_except_in_urls(self):
        self.assertEqual(arabic_digits("ICE 001561191000066"), "ICE " + arabic_indic("001561191000066"))
        self.assertEqual(
            arabic_digits("le 12/03/2026 : https://comasec.example/verify/LC-2026-0007 (3 pages)"),
            f"le {arabic_indic('12/03/2026')} : https://comasec.example/verify/LC-2026-0007 ({arabic_indic(3)} pages)",
        )

    def test_only_visible_text_of_documents_in_an_arabic_digits_language(self):
        html = (
            '<!DOCTYPE html><html><body><div class="header">Page 1</div>'
            '<div class="article" data-oe-lang="ar_001"><p title="n 42">N° 42 <a href="/verify/42">verify 42</a> 7</p>'
            '<img src="data:image/png;base64,AB12"/><span class="o_comasec_keep_digits">Ref 99</span> 8'
            "<script>var x = 5;</script></div>"
            '<div class="article" data-oe-lang="fr_FR"><p>N° 43</p></div></body></html>'
        )
        languages = {"ar_001": ("rtl", "arabic"), "fr_FR": ("ltr", "western")}
        result = localize_report_html(html.encode(), languages).decode()
        self.assertIn('<div class="header">Page 1</div>', result, "the header is not a document")
        self.assertIn(
            arabic_indic('dir="rtl"><p title="n 42">N° 42 <a href="/verify/42">verify 42</a> 7</p>')
            .replace(arabic_indic("n 42"), "n 42")
            .replace(arabic_indic("/verify/42"), "/verify/42"),
            result,
        )
        self.assertIn('src="data:image/png;base64,AB12"', result)
        self.assertIn(f'<span class="o_comasec_keep_digits">Ref 99</span> {arabic_indic(8)}', result)
        self.assertIn("var x = 5;", result)
        self.assertIn('data-oe-lang="fr_FR" dir="ltr"><p>N° 43</p>', result)
        untouched = b"<html><body><p>1</p></body></html>"
        self.assertIs(localize_report_html(untouched, languages), untouched)

    def test_right_to_left_sentences_printed_without_line_breaks(self):
        html = (
            '<!DOCTYPE html><html><body><div class="article" data-oe-lang="ar_001">'
            "<p>وفق المرجعية <span>Maroc Solidaire v1</span>،\n        صالحة من\n 2026</p>"
            "<pre>a\nb</pre></div>"
            '<div class="article" data-oe-lang="fr_FR"><p>selon\n  la norme</p></div></body></html>'
        )
        languages = {"ar_001": ("rtl", "western"), "fr_FR": ("ltr", "western")}
        result = localize_report_html(html.encode(), languages).decode()
        self.assertIn("<p>وفق المرجعية <span>Maroc Solidaire v1</span>، صالحة من 2026</p>", result)
        self.assertIn("<pre>a\nb</pre>", result)
        self.assertIn("<p>selon\n  la norme</p>", result, "left-to-right documents are left as written")

    def test_language_form_offers_the_digits(self):
        arch = self.env["res.lang"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="comasec_digits"', arch)
        self.assertEqual(
            self.env["res.lang"].create({"name": "Test", "code": "tt_TT", "iso_code": "tt"}).comasec_digits, "western"
        )


@tagged("post_install", "-at_install")
class TestMemberReportLanguage(ComasecCoopCase):
    """The member register and certificate read right to left in Arabic, left to right in
    French, with the digits the language is set to print."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env["res.lang"]._activate_lang("ar_001")
        cls.french = cls.env["res.lang"]._activate_lang("fr_FR")
        cls.coop.write({"comasec_coop_share_value": 150, "comasec_coop_if": "40221135"})
        cls.member = cls.add_members(cls.coop, 1, shares=4, paid=3)

    def register(self, lang, **context):
        self.coop.lang = lang
        (document,) = render_documents(self.env, "comasec_coop.report_member_register", self.coop.ids, **context)
        return document

    def test_french_register_is_left_to_right_with_western_digits(self):
        self.arabic.comasec_digits = "arabic"
        document = self.register("fr_FR")
        self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("fr_FR", "ltr"))
        self.assertIn(VALID_ICE, text(document))
        self.assertFalse(has_arabic_indic_digits(text(document)))

    def test_arabic_register_is_right_to_left_with_arabic_indic_digits(self):
        self.arabic.comasec_digits = "arabic"
        document = self.register("ar_001")
        self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("ar_001", "rtl"))
        content = text(document)
        self.assertIn(arabic_indic(VALID_ICE), content)
        self.assertIn(arabic_indic("40221135"), content)
        self.assertFalse(has_western_digits(content), content)
        # wkhtmltopdf gets each document in a page whose body has the document's direction
        (body,) = pdf_bodies(self.env, "comasec_coop.report_member_register", self.coop.ids)
        self.assertEqual(body.body.get("dir"), "rtl")
        self.assertIn(arabic_indic(VALID_ICE), text(body.body))

    def test_arabic_register_keeps_western_digits_when_the_language_says_so(self):
        self.arabic.comasec_digits = "western"
        document = self.register("ar_001")
        self.assertEqual(document.get("dir"), "rtl")
        self.assertIn(VALID_ICE, text(document))
        self.assertFalse(has_arabic_indic_digits(text(document)))

    def test_only_reports_that_opt_in_are_localized(self):
        """The suite's reports opt in through their data; a report without the option is
        printed as Odoo prints it (Arabic text, Odoo's direction and digits)."""
        self.arabic.comasec_digits = "arabic"
        report = self.env.ref("comasec_coop.action_report_comasec_member_register")
        self.assertTrue(report.comasec_localize)
        arch = self.env["ir.actions.report"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="comasec_localize"', arch, "an administrator sees the option on the report")
        report.comasec_localize = False
        document = self.register("ar_001")
        self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("ar_001", None))
        self.assertIn(VALID_ICE, text(document))

    def test_a_chosen_language_overrides_the_cooperative_one(self):
        document = self.register("fr_FR", comasec_report_lang="ar_001")
        self.assertEqual((document.get("data-oe-lang"), document.get("dir")), ("ar_001", "rtl"))

    def test_member_certificate_follows_the_member_language(self):
        self.arabic.comasec_digits = "arabic"
        report = "comasec_coop.report_member_certificate"
        self.member.partner_id.lang = "ar_001"
        (document,) = render_documents(self.env, report, self.member.ids)
        self.assertEqual(document.get("dir"), "rtl")
        self.assertIn(arabic_indic(self.member.number), text(document))
        self.assertIn(arabic_indic("600.00"), text(document))  # 4 shares x 150 MAD
        self.member.partner_id.lang = "fr_FR"
        (document,) = render_documents(self.env, report, self.member.ids)
        self.assertEqual(document.get("dir"), "ltr")
        self.assertIn("600,00", text(document))
