from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTrainingDemo(TransactionCase):
    """The demo has held sessions (attendance, evaluation, certificates) and upcoming ones."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("comasec_training.demo_session_bookkeeping_tiznit", raise_if_not_found=False):
            self.skipTest("installed without demo data")

    def test_sessions_past_and_upcoming(self):
        now = fields.Datetime.now()
        sessions = self.env["event.event"].search([("comasec_training_kind", "=", "course")])
        self.assertTrue(sessions.filtered(lambda s: s.date_end < now))
        upcoming = sessions.filtered(lambda s: s.date_begin > now)
        self.assertTrue(upcoming)
        self.assertTrue(all(session.registration_ids for session in upcoming))

    def test_held_session_attendance_evaluation_and_certificates(self):
        session = self.env.ref("comasec_training.demo_session_bookkeeping_tiznit")
        registrations = session.registration_ids
        self.assertEqual(len(session.comasec_day_ids), 3)
        self.assertEqual(len(registrations.comasec_attendance_ids), len(registrations) * 3)
        self.assertEqual(set(registrations.mapped("comasec_result")), {"passed", "failed"})
        passed = registrations.filtered(lambda r: r.comasec_result == "passed")
        self.assertEqual(passed.comasec_certificate_ids.registration_id, passed)
        certificate = passed.comasec_certificate_ids[0]
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("comasec_training.certificate_report", certificate.ids)[0]
            .decode()
        )
        self.assertIn(certificate.partner_id.name, html)
        self.assertIn(certificate.verify_url, html)
        hygiene = self.env.ref("comasec_training.demo_session_hygiene_taliouine").registration_ids
        self.assertIn("absent", hygiene.mapped("comasec_result"))
        self.assertIn("pending", hygiene.mapped("comasec_result"), "attendance recorded, evaluation still to enter")
