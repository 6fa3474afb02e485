"""Browser tours (static/tests/tours/comasec_label_tours.js) in headless Chromium.

Odoo's HttpCase raises unittest.SkipTest when no Chrome or Chromium is installed, so these
tests are reported as skipped, not failed, on a machine without a browser."""

from datetime import date

from odoo.addons.comasec_coop.tests.common import prepare_browser_server
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestLabelTours(ComasecLabelCase, HttpCase):
    def setUp(self):
        super().setUp()
        prepare_browser_server(self.env)

    def test_visitor_checks_a_certificate_by_its_qr_url(self):
        certificate = self.certify(self.create_application(products=self.argan_oil | self.amlou))
        # A fixed date the tour can read; far enough to keep the certificate valid.
        certificate.expiry_date = date(2099, 12, 31)
        self.assertIn(f"/label/verify/{certificate.name}/{certificate.verification_code}", certificate.verify_url)
        # No login: the tour runs as an anonymous visitor.
        self.start_tour(certificate._comasec_verify_path(), "comasec_label_verify_certificate")

    def test_committee_member_declares_and_votes(self):
        application = self.create_application()
        self.audit_application(application)
        session = self.committee_session(application)
        session.name = "Tour committee"
        alice = self.committee_members[0]
        self.start_tour(
            "/odoo/action-comasec_label.comasec_label_committee_session_action",
            "comasec_label_committee_vote",
            login=alice.login,
        )
        self.assertRecordValues(
            session.vote_ids,
            [{"application_id": application.id, "user_id": alice.id, "vote": "for"}],
        )
        self.assertRecordValues(
            session.declaration_ids, [{"application_id": application.id, "user_id": alice.id, "has_conflict": False}]
        )
        self.assertEqual(application.votes_for, 1)
        with self.assertRaisesRegex(UserError, "already voted on .* a vote is cast once"):
            application.with_user(alice).action_vote_against()
        self.assertEqual((application.votes_for, application.votes_against), (1, 0))


@tagged("post_install", "-at_install")
class TestBuyerCheck(HttpCase):
    """On the demo data as installed (the label test case's cooperatives change it)."""

    def setUp(self):
        super().setUp()
        prepare_browser_server(self.env)

    def test_buyer_checks_a_demo_certificate_logged_out(self):
        """The buyer's QR check, logged out, in French then Arabic (the URL's language prefix)."""
        certificate = self.env.ref("comasec_label.demo_application_tiznit").certificate_ids
        self.assertRecordValues(certificate, [{"state": "valid"}])
        self.assertIn("Coopérative Tifaout", certificate.cooperative_id.name, "the name the tour looks for")
        # what a CoMaSec database holds: its own name, French and Arabic with the suite's terms
        self.env.ref("base.main_company").name = "CoMaSec"
        for code in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(["comasec_coop", "comasec_label"], ["fr_FR", "ar_001"])
        self.start_tour(f"/fr{certificate._comasec_verify_path()}", "comasec_label_buyer_check_fr")
        self.start_tour(f"/ar{certificate._comasec_verify_path()}", "comasec_label_buyer_check_ar")
