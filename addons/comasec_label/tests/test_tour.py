"""Browser tours (static/tests/tours/comasec_label_tours.js) in headless Chromium.

Odoo's HttpCase raises unittest.SkipTest when no Chrome or Chromium is installed, so these
tests are reported as skipped, not failed, on a machine without a browser."""

from datetime import date

from odoo.addons.comasec_coop.tests.common import TourScreenshotCase, prepare_browser_server, settings_user
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestLabelTours(ComasecLabelCase, TourScreenshotCase):
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

    def demo_user(self, xmlid, group):
        """A demo user of the label team, whose rights must be exactly those a user made in
        Settings > Users with the role's group gets."""
        user = self.env.ref(f"comasec_label.{xmlid}", raise_if_not_found=False)
        if not user:
            self.skipTest("installed without demo data")
        made = settings_user(self.env, f"tour_{xmlid}", [group])
        self.assertEqual(user.groups_id, made.groups_id, f"{user.login} has the rights of its role, no more")
        return user

    def session_with(self, application, members):
        self.audit_application(application)
        session = self.committee_session(application, members=members)
        session.name = "Tour committee"
        return session

    def test_committee_member_declares_and_votes(self):
        fatima = self.demo_user("demo_user_committee_fatima", "comasec_coop.comasec_coop_group_committee_member")
        omar = self.env.ref("comasec_label.demo_user_committee_omar")
        application = self.create_application()
        session = self.session_with(application, fatima | omar)
        self.start_tour(
            "/odoo/action-comasec_label.comasec_label_committee_session_action",
            "comasec_label_committee_vote",
            login=fatima.login,
        )
        self.assertRecordValues(
            session.vote_ids,
            [{"application_id": application.id, "user_id": fatima.id, "vote": "for"}],
        )
        self.assertRecordValues(
            session.declaration_ids, [{"application_id": application.id, "user_id": fatima.id, "has_conflict": False}]
        )
        self.assertEqual(application.votes_for, 1)
        self.assertIn(f"{fatima.name} voted: For.", application.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "already voted on .* a vote is cast once"):
            application.with_user(fatima).action_vote_against()
        self.assertEqual((application.votes_for, application.votes_against), (1, 0))

    def test_label_manager_decides_and_issues_the_certificate(self):
        manager = self.demo_user("demo_user_label_manager", "comasec_coop.comasec_coop_group_label_manager")
        members = self.env.ref("comasec_label.demo_user_committee_fatima") | self.env.ref(
            "comasec_label.demo_user_committee_omar"
        )
        application = self.create_application()
        self.session_with(application, members)
        for member in members:
            self.vote(application, member, "for")
        self.start_tour(
            "/odoo/action-comasec_label.comasec_label_committee_session_action",
            "comasec_label_manager_decides",
            login=manager.login,
        )
        self.assertRecordValues(application, [{"state": "approved", "decision": "approved"}])
        self.assertRecordValues(application.certificate_ids, [{"state": "valid", "cooperative_id": self.coop.id}])


@tagged("post_install", "-at_install")
class TestBuyerCheck(TourScreenshotCase):
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
