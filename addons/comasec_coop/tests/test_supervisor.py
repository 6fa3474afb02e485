from datetime import date

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComasecCoopCase, settings_user


class SupervisorReviewCase(ComasecCoopCase):
    """A supervisor made in Settings > Users and the reviews of one cooperative."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = settings_user(
            cls.env, "review_supervisor", ["comasec_coop.comasec_coop_group_supervisor"], email="rs@comasec.example"
        )
        # A food producer without ONSSA authorisation fails HYG-01, a critical rule.
        cls.add_members(cls.coop, 6)

    def review(self, period, review_date, results=None):
        Review = self.env["comasec.compliance.review"].with_user(self.supervisor)
        review = Review.create({"cooperative_id": self.coop.id, "period": period, "review_date": review_date})
        review.action_start()
        review._set_manual_results(results or {})
        return review


@tagged("post_install", "-at_install")
class TestSupervisorReview(SupervisorReviewCase):
    """A supervisor's review: the level says why, last year's follow-ups close when this
    year's review finds the rule met, a period is reviewed once, findings are read in the
    reader's language."""

    def test_critical_failure_shows_red_with_its_rule_while_in_progress(self):
        review = self.review("2026", date(2026, 3, 1))
        self.assertEqual(review.state, "in_progress")
        self.assertEqual(review.level, "red")
        self.assertIn("HYG-01", review.level_reason)
        self.assertIn("critical rule not met", review.level_reason)
        # The cockpit shows it before the review is closed, and says it is in progress.
        coop = self.coop.with_user(self.supervisor)
        self.assertEqual((coop.comasec_compliance_level, coop.comasec_compliance_review_state), ("red", "in_progress"))
        self.assertEqual(coop.comasec_compliance_level_reason, review.level_reason)
        self.coop.write({"comasec_onssa_number": "1.84.001", "comasec_onssa_expiry_date": date(2030, 1, 1)})
        review.action_evaluate()
        self.assertNotIn("HYG-01", coop.comasec_compliance_level_reason)
        self.assertIn(coop.comasec_compliance_level, ("green", "orange"))

    def test_cockpit_columns_red_first_never_reviewed_last(self):
        self.review("2026", date(2026, 3, 1))
        action = self.env.ref("comasec_coop.res_partner_action_comasec_cockpit")
        context = safe_eval(action.context)
        partners = self.env["res.partner"].with_user(self.supervisor).with_context(**context)
        result = partners.web_read_group(safe_eval(action.domain), ["comasec_compliance_level"], [context["group_by"]])
        groups = {group["comasec_compliance_level"]: group for group in result["groups"]}
        # the columns the kanban shows, in its order: no empty "None" column before Red
        self.assertEqual(
            [group["comasec_compliance_level"] for group in result["groups"]],
            ["red", "orange", "green", "not_reviewed"],
        )
        labels = dict(partners._fields["comasec_compliance_level"]._description_selection(partners.env))
        self.assertEqual(labels["not_reviewed"], "Not reviewed")
        reds = partners.search(groups["red"]["__domain"])
        never = partners.search(groups["not_reviewed"]["__domain"])
        self.assertIn(self.coop, reds)
        self.assertIn(self.other_coop, never)
        self.assertEqual(
            never,
            partners.search([("comasec_is_cooperative", "=", True), ("comasec_compliance_review_id", "=", False)]),
        )
        # the "Never reviewed" filter finds them
        arch = partners.get_views([(action.search_view_id.id, "search")])["views"]["search"]["arch"]
        never_filter = etree.fromstring(arch).xpath("//filter[@name='not_reviewed']")[0]
        self.assertEqual(partners.search(safe_eval(action.domain) + safe_eval(never_filter.get("domain"))), never)
        # only cooperatives have a level: another contact has none
        self.assertFalse(self.env["res.partner"].create({"name": "Fournisseur"}).comasec_compliance_level)

    def test_followup_closes_when_a_later_review_finds_the_rule_compliant(self):
        last_year = self.review("2025", date(2025, 3, 1), {"ACC-01": "non_compliant"})
        last_year.action_done()
        onssa = last_year.line_ids.filtered(lambda line: line.rule_id.code == "HYG-01").activity_id
        accounts = last_year.line_ids.filtered(lambda line: line.rule_id.code == "ACC-01").activity_id
        self.assertTrue(onssa and accounts)
        self.assertEqual(onssa.user_id, self.supervisor)
        self.assertIn("HYG-01", onssa.summary)
        self.coop.write({"comasec_onssa_number": "1.84.001", "comasec_onssa_expiry_date": date(2030, 1, 1)})
        this_year = self.review("2026", date(2026, 3, 1), {"ACC-01": "non_compliant"})
        this_year.action_done()
        # ONSSA is now valid: last year's follow-up is done; the accounts are still missing.
        self.assertFalse(onssa.exists())
        self.assertTrue(accounts.exists())
        self.assertIn(f"Found compliant by the review {this_year.name}", last_year.message_ids[0].body)
        still_failing = this_year.line_ids.filtered(lambda line: line.result == "non_compliant").rule_id
        self.assertEqual(last_year.line_ids.filtered("activity_id").rule_id, still_failing)

    def test_a_taken_period_is_said_before_the_form_is_filled(self):
        done = self.review("2026", date(2026, 3, 1))
        self.coop.write({"comasec_onssa_number": "1.84.001", "comasec_onssa_expiry_date": date(2030, 1, 1)})
        done.action_evaluate()
        done.action_done()
        form = Form(self.env["comasec.compliance.review"].with_user(self.supervisor))
        form.cooperative_id = self.coop
        form.period = "2026"
        self.assertEqual(form.period_review_id, done)
        with self.assertRaisesRegex(ValidationError, "already has the review .* open that review .* 2026-S2"):
            form.save()
        form.period = "2026-S2"
        self.assertFalse(form.period_review_id)
        self.assertTrue(form.save())

    def test_findings_are_read_in_the_reader_language(self):
        for code in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(code)
        self.supervisor.lang = "en_US"
        review = self.review("2026", date(2026, 3, 1))
        line = review.line_ids.filtered(lambda line: line.rule_id.code == "HYG-01")
        self.assertEqual(line.with_user(self.supervisor).explanation, "Makes food without an ONSSA authorisation.")
        self.assertEqual(
            line.with_context(lang="fr_FR").explanation, "Produit des denrées alimentaires sans autorisation ONSSA."
        )
        self.assertEqual(line.with_context(lang="ar_001").explanation, "تنتج مواد غذائية دون ترخيص ONSSA.")
        # The mail to the cooperative is written in its language, whoever closed the review.
        self.coop.write({"email": "tifawin@example.ma", "lang": "ar_001"})
        review.with_user(self.supervisor).action_done()
        mail = review.message_ids.filtered(lambda message: self.coop in message.partner_ids)
        self.assertIn("تنتج مواد غذائية دون ترخيص ONSSA.", mail.body)
        # The follow-up is written for its owner, in the owner's language.
        self.assertEqual(line.activity_id.note, "<p>Makes food without an ONSSA authorisation.</p>")


@tagged("post_install", "-at_install")
class TestSupervisorReviewPdf(SupervisorReviewCase, HttpCase):
    """The review prints as a PDF. wkhtmltopdf fetches the report's assets from Odoo's HTTP
    server, which only an HttpCase has under Odoo's own runner, as Odoo's report tests."""

    def test_review_pdf_in_the_cooperative_language(self):
        review = self.review("2026", date(2026, 3, 1))
        review.action_done()
        Report = self.env["ir.actions.report"].with_user(self.supervisor)
        report = "comasec_coop.action_report_comasec_compliance_review"
        # What the PDF prints, read in the HTML given to wkhtmltopdf: the PDF's own text is
        # not always extractable (a web font loaded over HTTP draws glyphs, not text).
        html = Report._render_qweb_html(report, review.ids)[0].decode()
        for expected in (self.coop.name, "Compliance review", "HYG-01", "critical rule not met", "T-101"):
            self.assertIn(expected, html)
        # Tests render HTML unless forced: force the real wkhtmltopdf rendering.
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(report, review.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        arabic = self.env["res.lang"]._activate_lang("ar_001")
        arabic.comasec_digits = "arabic"
        self.coop.lang = "ar_001"
        html = Report._render_qweb_html(report, review.ids)[0]
        self.assertIn(b'data-oe-lang="ar_001" dir="rtl"', html)
