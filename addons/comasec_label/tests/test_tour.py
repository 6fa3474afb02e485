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
        self.assertIn(f"/label/verify/{certificate.name}", certificate.verify_url)
        # No login: the tour runs as an anonymous visitor.
        self.start_tour(f"/label/verify/{certificate.name}", "comasec_label_verify_certificate")

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
