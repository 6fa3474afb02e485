"""Hostile paths and parameters on every public and portal route of the suite
(/label/verify and its report form, /training/verify, /my/label, /my/label/nonconformity,
/my/label/application/<id>/appeal): a plain 404, 400
or redirect, never a traceback or a server error; names typed into the suite are
escaped on the pages that show them."""

import re
from datetime import date, datetime

from odoo.addons.comasec_label.tests.common import ComasecLabelCase
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_PATHS = [
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "MS-2026-0001'%20OR%201=1--",
    "MS-2026-0001%00",
    "%25%25%25",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "x" * 5000,
    "%F0%9F%92%A9",
    "%FF%FE",
    "MS-2026-0001;DROP%20TABLE%20res_partner",
]


class RouteChecks:
    def assertClean(self, response, statuses=(404,), what=""):
        self.assertIn(response.status_code, statuses, what)
        self.assertNotIn("Traceback", response.text, what)
        self.assertNotIn("psycopg2", response.text, what)
        self.assertNotIn("<script>alert", response.text, what)


@tagged("post_install", "-at_install")
class TestLabelRoutesBadInput(ComasecLabelCase, HttpCase, RouteChecks):
    def setUp(self):
        super().setUp()
        self.coop.name = HOSTILE
        self.argan_oil.name = HOSTILE + " oil"
        self.certificate = self.certify()
        self.portal_user.password = "bad-input-portal-pw"

    def test_verify_page_escapes_names(self):
        response = self.url_open(self.certificate._comasec_verify_path())
        self.assertClean(response, (200,))
        self.assertIn("&lt;script&gt;", response.text)
        data = self.url_open(f"{self.certificate._comasec_verify_path()}.json").json()
        self.assertEqual(data["cooperative"], HOSTILE, "JSON carries the name as data, served as application/json")

    def test_verify_hostile_paths_and_params(self):
        for path in HOSTILE_PATHS:
            for suffix in ("", ".json", "?format=json", "?format=<script>&number=1"):
                with self.subTest(path=path[:40], suffix=suffix):
                    self.assertClean(self.url_open(f"/label/verify/{path}{suffix}"), (404,), path)
                    self.assertClean(
                        self.url_open(f"/label/verify/{self.certificate.name}/{path}{suffix}"), (404,), path
                    )
        with self.subTest(method="POST"):
            response = self.url_open(self.certificate._comasec_verify_path(), data={"x": "1"})
            self.assertClean(response, (403, 404, 405), "POST")

    def test_portal_routes_hostile_ids_and_values(self):
        nc = self.audit_application(self.create_application(), failing={"LOCAL-01": "minor"}).nonconformity_ids
        self.authenticate(self.portal_user.login, "bad-input-portal-pw")
        for path in ["0", "-1", "999999999", "99999999999999999999", "abc", "1.5", "%3Cscript%3E"]:
            with self.subTest(path=path):
                response = self.url_open(f"/my/label/nonconformity/{path}")
                self.assertClean(response, (200, 404), path)
                if response.status_code == 200:
                    self.assertTrue(response.url.endswith("/my"), response.url)
        with self.subTest(page="/my/label?hostile"):
            self.assertClean(self.url_open("/my/label?page=<script>&sortby=%27%3B--&filterby=" + "x" * 3000), (200,))
        url = f"/my/label/nonconformity/{nc.id}"
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)
        with self.subTest(post="empty corrective action"):
            response = self.url_open(url, data={"corrective_action": "  ", "csrf_token": csrf})
            self.assertClean(response, (200,))
            self.assertIn("Describe the corrective action", response.text)
            self.assertEqual(nc.state, "open")
        with self.subTest(post="without csrf token"), mute_logger("odoo.http"):
            response = self.url_open(url, data={"corrective_action": "Buy locally"})
            self.assertClean(response, (400, 403))
            self.assertEqual(nc.state, "open")
        with self.subTest(post="hostile corrective action"):
            response = self.url_open(url, data={"corrective_action": HOSTILE, "csrf_token": csrf})
            self.assertClean(response, (200,))
            self.assertEqual(nc.state, "action_proposed")
            self.assertEqual(nc.corrective_action, HOSTILE)
            self.assertIn("&lt;script&gt;", response.text)


@tagged("post_install", "-at_install")
class TestComplaintRoutesBadInput(ComasecLabelCase, HttpCase, RouteChecks):
    """The two forms that file complaints: "report a problem" on the public page and the
    cooperative's appeal on the portal."""

    def setUp(self):
        super().setUp()
        self.certificate = self.certify()
        self.portal_user.password = "bad-input-portal-pw"
        self.Complaint = self.env["comasec.label.complaint"]

    def csrf_token(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_report_form_hostile_paths(self):
        csrf = self.csrf_token(self.certificate._comasec_verify_path())
        data = {"csrf_token": csrf, "kind": "fake", "description": "Fake jar"}
        for path in HOSTILE_PATHS:
            with self.subTest(path=path[:40]):
                self.assertClean(self.url_open(f"/label/verify/{path}/{path}/report", data=data), (404,), path)
                self.assertClean(
                    self.url_open(f"/label/verify/{self.certificate.name}/{path}/report", data=data), (404,), path
                )
        with self.subTest(method="GET"):
            self.assertClean(self.url_open(f"{self.certificate._comasec_verify_path()}/report"), (404, 405))
        for values in ({"kind": "<script>"}, {"kind": "fake", "description": "x" * 100000}, {"kind": ["a", "b"]}):
            with self.subTest(values=str(values)[:40]):
                response = self.url_open(f"{self.certificate._comasec_verify_path()}/report", data={**data, **values})
                self.assertClean(response, (400,))
        self.assertFalse(self.Complaint.search([("certificate_id", "=", self.certificate.id)]))

    def test_appeal_form_hostile_ids(self):
        application = self.create_application(self.other_coop)
        self.authenticate(self.portal_user.login, "bad-input-portal-pw")
        csrf = self.csrf_token("/my/account")  # any form of the session gives its token
        for path in ["0", "-1", "999999999", "99999999999999999999", "abc", str(application.id)]:
            with self.subTest(path=path):
                response = self.url_open(
                    f"/my/label/application/{path}/appeal", data={"csrf_token": csrf, "reason": HOSTILE}
                )
                self.assertClean(response, (200, 404), path)
        self.assertFalse(self.Complaint.search([("kind", "=", "appeal")]), "another cooperative's is not appealed")


@tagged("post_install", "-at_install")
class TestTrainingRoutesBadInput(HttpCase, RouteChecks):
    def test_training_verify(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        coop = env["res.partner"].create({"name": "Coop Tafraout", "is_company": True, "comasec_is_cooperative": True})
        person = env["res.partner"].create({"name": HOSTILE})
        member = env["comasec.coop.member"].create(
            {"cooperative_id": coop.id, "partner_id": person.id, "gender": "female"}
        )
        course = env["comasec.training.course"].create({"name": HOSTILE, "max_score": 20, "pass_mark": 10})
        session = env["event.event"].create(
            {
                "name": "Almond quality, Tafraout",
                "comasec_course_id": course.id,
                "date_begin": datetime(2026, 4, 21, 8),
                "date_end": datetime(2026, 4, 21, 17),
                "comasec_day_ids": [(0, 0, {"date": date(2026, 4, 21), "half_day": "full"})],
            }
        )
        registration = env["event.registration"].create({"event_id": session.id, "comasec_member_id": member.id})
        env["comasec.training.attendance"].create(
            {"registration_id": registration.id, "day_id": session.comasec_day_ids.id}
        )
        registration.comasec_post_score = 14
        certificate = registration.action_issue_certificate()
        response = self.url_open(certificate._comasec_verify_path())
        self.assertClean(response, (200,))
        self.assertIn("&lt;script&gt;", response.text)
        for path in [*HOSTILE_PATHS, "FC-2026-%25", "FC-%"]:
            with self.subTest(path=path[:40]):
                self.assertClean(self.url_open(f"/training/verify/{path}"), (404,), path)
                self.assertClean(self.url_open(f"/training/verify/{certificate.name}/{path}"), (404,), path)
        html = (
            env["ir.actions.report"]
            ._render_qweb_html("comasec_training.certificate_report", certificate.ids)[0]
            .decode()
        )
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
