"""Bad input on comasec_label's forms and wizards: a clear error and nothing saved;
hostile text typed by staff or cooperatives is escaped in the chatter, the mails sent to
the cooperative and the certificate PDF."""

import base64
import io
from datetime import date, timedelta

import openpyxl

from odoo import Command
from odoo.addons.comasec_coop.tests.common import FORMULA, HUGE, LINKS, BadInputCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ComasecLabelCase

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@tagged("post_install", "-at_install")
class TestLabelBadInput(BadInputCase, ComasecLabelCase):
    refused_exception = UserError

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

    def planned_audit(self):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env["comasec.label.audit"].browse(application.action_plan_audit()["res_id"])
        audit.auditor_ids = self.users["auditor"]
        return audit

    def test_audit_dates(self):
        audit = self.planned_audit()
        planned_on = audit.date
        values = [date(1, 1, 1), date(1899, 12, 31), date(9999, 12, 31), self.today + timedelta(days=400)]
        for value in values:
            with self.subTest(write=value):
                with self.assertRaisesRegex(
                    ValidationError, rf"The date of the audit .* \({value}\) must be between 1900 and one year"
                ):
                    audit.write({"date": value})
                self.assertEqual(audit.date, planned_on)
            with self.subTest(create=value):
                self.assertRefused(
                    "comasec.label.audit",
                    lambda value=value: self.env["comasec.label.audit"].create(
                        {"cooperative_id": self.coop.id, "standard_id": self.standard.id, "date": value}
                    ),
                    rf"\({value}\) must be between 1900",
                    ValidationError,
                )

    def test_audit_lines(self):
        audit = self.planned_audit()
        line = audit.line_ids[0]
        other_standard = self.standard.copy({"version": "bad-input"})
        foreign = self.env["comasec.label.criterion"].create(
            {"standard_id": other_standard.id, "code": "X-1", "section": "governance", "requirement": "r"}
        )
        self.assertRefused(
            "comasec.label.audit.line",
            lambda: self.env["comasec.label.audit.line"].create({"audit_id": audit.id, "criterion_id": foreign.id}),
            r"The criterion X-1 belongs to .*bad-input.*, not to .*, the standard of the audit",
            ValidationError,
        )
        with self.assertRaisesRegex(ValidationError, r"The criterion X-1 belongs to"):
            line.criterion_id = foreign
        with self.assertRaisesRegex(UserError, r"Record results only while the audit is in progress"):
            line.with_user(self.users["auditor"]).write({"result": "critical", "comment": "too early"})
        self.assertFalse(line.result)
        auditor_audit = audit.with_user(self.users["auditor"])
        auditor_audit.action_declare_no_conflict()
        auditor_audit.action_start()
        with self.assertRaisesRegex(ValueError, r"Wrong value for comasec.label.audit.line.result"):
            line.with_user(self.users["auditor"]).write({"result": "<b>excellent</b>"})
        # the comment is kept as typed and escaped in the audit report and the non-conformity's chatter
        for audit_line in auditor_audit.line_ids:
            audit_line.write({"result": "minor" if audit_line == line else "conform"})
        line.with_user(self.users["auditor"]).comment = HOSTILE + HUGE
        auditor_audit.action_done()
        self.assertTrue(line.comment.startswith(HOSTILE))
        self.assertTrue(audit.nonconformity_ids.finding.startswith(HOSTILE))
        html = self.env["ir.actions.report"]._render_qweb_html("comasec_label.comasec_label_audit_report", audit.ids)[0]
        self.assertEscaped(str(html))

    def test_conflict_declarations(self):
        audit = self.planned_audit()
        auditor = self.users["auditor"]
        other_auditor = self.create_user("auditor_b", ["comasec_coop.comasec_coop_group_label_auditor"])
        application = audit.application_id
        Declaration = self.env["comasec.label.conflict.declaration"]
        base = {"audit_id": audit.id, "user_id": auditor.id, "cooperative_id": self.coop.id, "has_conflict": False}
        cases = [
            ({"cooperative_id": self.other_coop.id}, r"concerns .*, not .*: declare your interests for its coop"),
            ({"user_id": other_auditor.id}, r"Auditor_B is not an auditor of .*: only its auditors declare"),
            ({"audit_id": False}, r"Declare your interests for an audit, or for an application in a committee"),
            ({"audit_id": False, "application_id": application.id}, r"Declare your interests for an audit, or for"),
            ({"cooperative_id": 999_999_999}, r"foreign key"),
        ]  # fmt: skip
        for vals, regex in cases:
            with self.subTest(vals=str(vals)), mute_logger("odoo.sql_db"):
                self.assertRefused(
                    "comasec.label.conflict.declaration",
                    lambda vals=vals: Declaration.create({**base, **vals}),
                    regex,
                    Exception,
                )
        # an auditor who is a member of the cooperative cannot declare no conflict, even directly
        self.env["comasec.coop.member"].create(
            {"cooperative_id": self.coop.id, "partner_id": auditor.partner_id.id, "gender": "female"}
        )
        self.assertRefused(
            "comasec.label.conflict.declaration",
            lambda: Declaration.with_user(auditor).create(base),
            r"Declaration refused: .* is a member of .* You cannot audit this cooperative",
            ValidationError,
        )
        declared = Declaration.with_user(auditor).create({**base, "has_conflict": True, "note": HOSTILE + HUGE})
        self.assertTrue(declared.note.startswith(HOSTILE), "a note is kept as typed")
        # a committee member declares only in a session they sit in
        session = self.env["comasec.label.committee.session"].create(
            {"member_ids": [Command.set(self.committee_members[:2].ids)], "quorum": 2}
        )
        outsider = self.committee_members[2]
        self.assertRefused(
            "comasec.label.conflict.declaration",
            lambda: Declaration.create(
                {"session_id": session.id, "application_id": application.id, "user_id": outsider.id,
                 "cooperative_id": self.coop.id}
            ),
            r"Committee3 does not sit in the committee session",
            ValidationError,
        )  # fmt: skip

    def test_register_export_keeps_hostile_names_as_text(self):
        self.certify()
        for name in (FORMULA, *LINKS):
            with self.subTest(name=name):
                self.coop.name = name
                self.argan_oil.name = name
                wizard = self.env["comasec.label.register.export"].create({"include_suspended": True})
                wizard.action_export()
                book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
                cells = [cell for row in book.active.iter_rows() for cell in row]
                hostile = [cell for cell in cells if "evil.example" in str(cell.value)]
                self.assertEqual(len(hostile), 2, "the cooperative and the product are listed")
                for cell in hostile:
                    self.assertEqual(cell.data_type, "s", f"{cell.coordinate} became a formula")
                self.assertFalse([cell.coordinate for cell in cells if cell.hyperlink], "no cell is a link")
