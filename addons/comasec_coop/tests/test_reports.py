from datetime import date

from odoo.tests import HttpCase, tagged

from .common import ComasecCoopCase


# An HttpCase, as Odoo's own PDF rendering tests: wkhtmltopdf fetches the report's
# assets from the HTTP server, which answers only in an HttpCase's test mode when the
# tests run inside Odoo's own runner (odoo -i ... --test-enable); otherwise it hangs.
@tagged("post_install", "-at_install")
class TestMemberReports(ComasecCoopCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write({"comasec_coop_share_value": 150, "comasec_coop_if": "40221135"})
        cls.members = cls.add_members(cls.coop, 3, women=2, shares=4, paid=3)
        cls.members[2].write({"exit_date": date(2024, 6, 30), "exit_reason": "resignation"})
        cls.Report = cls.env["ir.actions.report"]

    def test_member_register(self):
        report = "comasec_coop.report_member_register"
        html = self.Report._render_qweb_html(report, self.coop.ids)[0].decode()
        for text in ("T-101", "001561191000066", "40221135", self.members[0].partner_id.name):
            self.assertIn(text, html)
        # The exited member stays in the register, the totals count the 2 active ones.
        self.assertIn(self.members[2].partner_id.name, html)
        self.assertIn("2 active members", html)
        # the capital is held by the 3 members until the one who left is refunded
        self.assertIn("1,800.00", html)  # 3 members x 4 shares x 150 MAD subscribed
        self.assertIn("1,350.00", html)  # 3 members x 3 shares x 150 MAD paid
        # Tests render HTML unless forced: force the real wkhtmltopdf rendering.
        pdf, kind = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(report, self.coop.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_member_certificate(self):
        report = "comasec_coop.report_member_certificate"
        member = self.members[0]
        html = self.Report._render_qweb_html(report, member.ids)[0].decode()
        for text in (member.partner_id.name, member.cin, "T-101", "001561191000066", "under number"):
            self.assertIn(text, html)
        self.assertIn("600.00", html)  # 4 shares x 150 MAD
        # Tests render HTML unless forced: force the real wkhtmltopdf rendering.
        pdf, kind = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(report, member.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_reports_are_bound_to_their_models(self):
        register = self.env.ref("comasec_coop.action_report_comasec_member_register")
        certificate = self.env.ref("comasec_coop.action_report_comasec_member_certificate")
        self.assertEqual(register.binding_model_id.model, "res.partner")
        self.assertEqual(certificate.binding_model_id.model, "comasec.coop.member")
