import re

from odoo.tests import HttpCase, tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestPortal(ComasecLabelCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.portal_user.password = "label-portal-pw"
        self.certificate = self.certify()
        self.my_nc = self.audit_application(
            self.create_application(products=self.amlou), failing={"LOCAL-01": "minor"}
        ).nonconformity_ids
        self.theirs = self.create_application(coop=self.other_coop, scope="Their secret scope")
        self.their_nc = self.audit_application(self.theirs, failing={"GOV-02": "major"}).nonconformity_ids
        self.their_nc.finding = "Their secret finding"

    def test_portal_page_lists_only_own_cooperative(self):
        self.authenticate(self.portal_user.login, "label-portal-pw")
        response = self.url_open("/my/label")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.certificate.name, response.text)
        self.assertIn(self.my_nc.name, response.text)
        self.assertNotIn(self.theirs.name, response.text)
        self.assertNotIn("Their secret finding", response.text)
        response = self.url_open(f"/my/label/nonconformity/{self.their_nc.id}")
        self.assertNotIn("Their secret finding", response.text)
        self.assertTrue(response.url.endswith("/my"), response.url)

    def test_portal_user_proposes_a_corrective_action(self):
        self.authenticate(self.portal_user.login, "label-portal-pw")
        url = f"/my/label/nonconformity/{self.my_nc.id}"
        page = self.url_open(url)
        self.assertIn("Corrective action you propose", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            url,
            data={"corrective_action": "Buy locally", "csrf_token": csrf},
            files={"evidence": ("receipt.jpg", b"\xff\xd8\xff fake jpeg", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.my_nc.state, "action_proposed")
        self.assertEqual(self.my_nc.corrective_action, "Buy locally")
        self.assertEqual(self.my_nc.evidence_ids.name, "receipt.jpg")

    def test_portal_user_appeals_a_decision(self):
        self.authenticate(self.portal_user.login, "label-portal-pw")
        application = self.certificate.application_id
        url = f"/my/label/application/{application.id}"
        page = self.url_open(url).text
        self.assertIn("Appeal the committee", page)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(f"{url}/appeal", data={"reason": "   ", "csrf_token": csrf})
        self.assertIn("Say why you appeal", response.text)
        response = self.url_open(f"{url}/appeal", data={"reason": "The conditions are met", "csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        appeal = self.env["comasec.label.complaint"].search([("application_id", "=", application.id)])
        self.assertEqual(
            (appeal.kind, appeal.channel, appeal.description), ("appeal", "portal", "The conditions are met")
        )
        self.assertIn(appeal.name, response.text)
        self.assertNotIn("Appeal the committee", response.text, "one appeal at a time")
        # another cooperative's application: back to /my, nothing filed
        response = self.url_open(
            f"/my/label/application/{self.theirs.id}/appeal", data={"reason": "x", "csrf_token": csrf}
        )
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertFalse(self.env["comasec.label.complaint"].search([("application_id", "=", self.theirs.id)]))
