"""Bad input on comasec_label's forms and wizards: a clear error and nothing saved;
hostile text typed by staff or cooperatives is escaped in the chatter, the mails sent to
the cooperative and the certificate PDF."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ComasecLabelCase

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HUGE = "x" * 100_000


@tagged("post_install", "-at_install")
class TestLabelBadInput(ComasecLabelCase):
    def assertRefused(self, model, build, regex, exception=UserError):
        before = self.env[model].with_context(active_test=False).search_count([])
        with self.assertRaisesRegex(exception, regex):
            build()
            self.env.flush_all()
        self.assertEqual(self.env[model].with_context(active_test=False).search_count([]), before, "half-saved")

    def assertEscaped(self, html):
        self.assertNotIn("<script>", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("&lt;script&gt;", html)

    def test_application_form(self):
        person = self.env["res.partner"].create({"name": "Not a cooperative"})

        def build_for(partner):
            def build():
                with Form(self.env["comasec.label.application"]) as form:
                    form.cooperative_id = partner
                    form.scope = "Argan oil"

            return build

        self.assertRefused("comasec.label.application", build_for(person), r"is not a cooperative")
        with mute_logger("odoo.sql_db"):
            self.assertRefused(
                "comasec.label.application",
                lambda: self.create_application(coop=self.env["res.partner"].browse(999_999_999)),
                r"foreign key",
                Exception,
            )
        # free text is kept as typed, however long or hostile
        application = self.create_application(scope=HOSTILE + HUGE)
        self.assertTrue(application.scope.startswith(HOSTILE))

    def test_committee_session_and_criterion(self):
        cases = [
            ("comasec.label.committee.session", {"quorum": 0}, r"quorum_positive"),
            ("comasec.label.committee.session", {"quorum": -3}, r"quorum_positive"),
        ]
        draft = self.standard.copy({"version": "bad-input"})
        criterion = {"standard_id": draft.id, "code": "X-1", "section": "governance", "requirement": "r"}
        cases.append(("comasec.label.criterion", {**criterion, "weight": -1}, r"weight_positive"))
        for model, vals, regex in cases:
            with self.subTest(model=model, vals=vals), mute_logger("odoo.sql_db"):
                # the web client shows the constraint's message: "The quorum must be at least one vote."
                self.assertRefused(model, lambda model=model, vals=vals: self.env[model].create(vals), regex, Exception)

    def test_sanction_wizard(self):
        certificate = self.certify()
        Wizard = self.env["comasec.label.sanction.wizard"]
        for vals, regex in [
            ({"kind": "suspension", "reason": "   "}, r"Give the reason of the sanction"),
            ({"kind": "reinstatement", "reason": "ok"}, r"is Valid: this sanction does not apply"),
        ]:
            with self.subTest(vals=vals):
                wizard = Wizard.create({"certificate_ids": [Command.set(certificate.ids)], **vals})
                self.assertRefused("comasec.label.sanction", wizard.action_apply, regex)
                self.assertEqual(certificate.state, "valid")
        Wizard.create(
            {"certificate_ids": [Command.set(certificate.ids)], "kind": "suspension", "reason": HOSTILE}
        ).action_apply()
        self.assertEqual(certificate.state, "suspended")
        self.assertEqual(certificate.sanction_ids.reason, HOSTILE)
        for message in certificate.message_ids:
            self.assertNotIn("<script>", message.body)
        self.assertIn("&lt;script&gt;", "".join(certificate.message_ids.mapped("body")))

    def test_nonconformity_proposal(self):
        nc = self.audit_application(self.create_application(), failing={"LOCAL-01": "minor"}).nonconformity_ids
        nc = nc.with_user(self.portal_user)
        with self.assertRaisesRegex(UserError, r"Describe the corrective action of .* first"):
            nc._portal_propose_action("  \n ")
        self.assertEqual(nc.state, "open")
        nc._portal_propose_action(HOSTILE + HUGE, [("<b>x</b>.jpg", b"\xff\xd8")])
        self.assertEqual(nc.state, "action_proposed")
        self.assertTrue(nc.corrective_action.startswith(HOSTILE))
        for message in nc.sudo().message_ids:
            self.assertNotIn("<script>", message.body)

    def test_hostile_names_escaped_in_mail_and_pdf(self):
        self.coop.name = HOSTILE
        self.argan_oil.name = HOSTILE
        certificate = self.certify()
        mails = self.env["mail.message"].search([("model", "like", "comasec.label."), ("body", "ilike", "alert")])
        self.assertTrue(mails, "the cooperative's name is in the mails it receives")
        for mail in mails:
            self.assertNotIn("<script>", mail.body)
        report = self.env["ir.actions.report"].search([("model", "=", "comasec.label.certificate")], limit=1)
        self.assertTrue(report)
        html = str(self.env["ir.actions.report"]._render_qweb_html(report.report_name, certificate.ids)[0])
        self.assertEscaped(html)
