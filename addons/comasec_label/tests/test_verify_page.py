import json

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestVerifyPage(ComasecLabelCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.members[0].partner_id.name = "Aicha Secret-Member"
        self.certificate = self.certify(self.create_application(products=self.argan_oil | self.amlou))
        self.path = self.certificate._comasec_verify_path()

    def test_page_shows_the_public_facts_without_login(self):
        response = self.url_open(self.path)
        self.assertEqual(response.status_code, 200)
        page = response.text
        for expected in [self.certificate.name, self.coop.name, "argan alimentaire 1L", "Amlou 250 g", "Valid"]:
            self.assertIn(expected, page)
        self.assertIn(str(self.certificate.expiry_date), page)
        for private in ["Aicha Secret-Member", "Seen FAIR", "score", self.members[0].cin]:
            self.assertNotIn(private, page)

    def test_json_for_machines(self):
        for url in [
            f"{self.path}.json",
            f"{self.path}?format=json",
            # a code typed in lower case
            f"/label/verify/{self.certificate.name}/{self.certificate.verification_code.lower()}.json",
        ]:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers["Content-Type"], "application/json")
            data = response.json()
            self.assertEqual(data["number"], self.certificate.name)
            self.assertEqual(data["status"], "valid")
            self.assertEqual(data["cooperative"], self.coop.name)
            self.assertEqual(sorted(data["products"]), sorted([self.argan_oil.name, self.amlou.name]))
            self.assertNotIn("Aicha", json.dumps(data))
            self.assertFalse({"members", "score", "findings", "audit"} & set(data))

    def test_suspended_certificate_shows_its_status(self):
        self.certificate.state = "suspended"
        response = self.url_open(f"{self.path}.json")
        self.assertEqual(response.json()["status"], "suspended")
        self.assertFalse(response.json()["is_valid"])

    def test_leap_day_certificate_is_valid_to_28_february(self):
        with freeze_time("2024-02-29"):
            certificate = self.certify(self.create_application(coop=self.other_coop))
        path = certificate._comasec_verify_path()
        with freeze_time("2027-02-28 12:00:00"):
            page = self.url_open(path).text
            self.assertIn("2027-02-28", page)
            self.assertIn("alert-success", page)
            self.assertEqual(self.url_open(f"{path}.json").json()["status"], "valid")
        with freeze_time("2027-03-01 12:00:00"):
            self.assertEqual(self.url_open(f"{path}.json").json()["status"], "expired")
            self.assertIn("alert-danger", self.url_open(path).text)

    def test_unknown_or_malformed_number_is_a_plain_404(self):
        name, code = self.certificate.name, self.certificate.verification_code
        wrong = "AAAA-BBBB-CCCC" if code != "AAAA-BBBB-CCCC" else "DDDD-EEEE-FFFF"
        for number in [
            "MS-2026-9999",
            "MS-2026-%25",
            "MS-2026-0001'%20OR%201=1",
            "x" * 300,
            name,  # the number alone
            f"MS-2026-9999/{code}",  # another number with this code
            f"{name}/{wrong}",
            f"{name}/{code[:-1]}",
            f"{name}/{code}X",
            f"{name}/%25",
            f"{name}?code={wrong}",
        ]:
            response = self.url_open(f"/label/verify/{number}")
            self.assertEqual(response.status_code, 404, number)
            self.assertIn("Certificate not found", response.text, number)
            self.assertNotIn("Traceback", response.text)
            self.assertNotIn(self.coop.name, response.text)
            response = self.url_open(f"/label/verify/{number}.json")
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response.json(), {"error": "not found"})
        # paths that do not reach the page get the ordinary 404 page
        for url in ["/label/verify/", "/label/verify/..%2F..%2Fetc"]:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Traceback", response.text)
