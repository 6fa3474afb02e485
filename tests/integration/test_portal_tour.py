"""The cooperative's portal visit in the browser, as the demo portal user of Tifaout
n'Argan (made as Odoo's portal wizard makes it): its compliance reviews and their PDF, its
label file (an application opened, its certificate as PDF) and its members' training
certificates, back each time by the breadcrumb."""

from odoo.addons.comasec_coop.tests.common import prepare_browser_server
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalVisit(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls.env.ref("comasec_coop.demo_user_portal_argan_tiznit", raise_if_not_found=False)
        cls.coop = cls.env.ref("comasec_coop.demo_coop_argan_tiznit", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.portal:
            self.skipTest("installed without demo data")

    def test_demo_portal_user_is_made_as_the_portal_wizard_makes_it(self):
        # the portal group and what it implies in this database (stock's demo adds lots to it)
        portal = self.env.ref("base.group_portal")
        self.assertEqual(self.portal.groups_id, portal | portal.trans_implied_ids)
        self.assertEqual(self.portal.partner_id.commercial_partner_id, self.coop)
        self.assertEqual(self.portal.login, self.portal.partner_id.email)

    def test_portal_visit(self):
        prepare_browser_server(self.env)
        self.start_tour("/my", "comasec_portal_visit", login=self.portal.login)

    def test_documents_download_and_others_are_refused(self):
        self.authenticate(self.portal.login, self.portal.login)
        review = self.env.ref("comasec_coop.demo_review_argan_tiznit")
        response = self.url_open(f"/my/compliance/{review.id}?report_type=pdf&download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Compliance_review", response.headers["Content-Disposition"])
        page = self.url_open(f"/my/compliance/{review.id}").text
        self.assertIn(review.level_reason, page)
        certificate = self.env["comasec.label.certificate"].search([("cooperative_id", "=", self.coop.id)], limit=1)
        response = self.url_open(f"/my/label/certificate/{certificate.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        training = self.env["comasec.training.certificate"].search([("cooperative_id", "=", self.coop.id)], limit=1)
        response = self.url_open(f"/my/training/certificate/{training.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        # Another cooperative's review, certificate or application: back to the portal home.
        other = self.env.ref("comasec_coop.demo_review_honey")
        for url in (f"/my/compliance/{other.id}", f"/my/compliance/{other.id}?report_type=pdf"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual((response.status_code, response.headers["Location"].rsplit("/", 1)[-1]), (303, "my"))
        others = self.env["comasec.label.application"].search([("cooperative_id", "!=", self.coop.id)], limit=1)
        response = self.url_open(f"/my/label/application/{others.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
