from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.comasec_label_audit import audit_score
from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestAudit(ComasecLabelCase):
    def test_score_is_weighted_and_ignores_not_applicable(self):
        self.assertEqual(audit_score([(3, "conform"), (1, "conform")]), 100.0)
        self.assertEqual(audit_score([(3, "conform"), (1, "critical")]), 75.0)
        self.assertEqual(audit_score([(2, "minor"), (2, "conform"), (5, "not_applicable")]), 75.0)
        self.assertEqual(audit_score([(1, False)]), 0.0)

    def test_checklist_follows_the_cooperative_sectors(self):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env["comasec.label.audit"].browse(application.action_plan_audit()["res_id"])
        self.assertEqual(application.state, "audit_planned")
        self.assertIn("QUAL-01", audit.line_ids.mapped("code"))
        self.assertEqual(len(audit.line_ids), len(self.standard.criterion_ids))
        self.assertIn("audit planned", " ".join(audit.message_ids.mapped("subject")))
        crafts = self.create_coop(
            "Coopérative Tagmat", register="T-300", ice=None, comasec_coop_sector_ids=self.crafts.ids
        )
        crafts_audit = self.env["comasec.label.audit"].create(
            {"cooperative_id": crafts.id, "standard_id": self.standard.id, "kind": "unannounced"}
        )
        self.assertNotIn("QUAL-01", crafts_audit.line_ids.mapped("code"))
        self.assertFalse(crafts_audit.message_ids.filtered(lambda m: "planned" in (m.subject or "")))

    def test_full_audit_creates_nonconformities_and_moves_the_application(self):
        application = self.create_application()
        audit = self.audit_application(
            application, failing={"FAIR-02": "critical", "GOV-02": "major", "LOCAL-01": "minor"}
        )
        self.assertEqual(audit.state, "done")
        self.assertEqual(application.state, "audited")
        self.assertEqual(audit.failing_count, 3)
        self.assertLess(audit.score, 100)
        ncs = audit.nonconformity_ids
        self.assertEqual(sorted(ncs.mapped("severity")), ["critical", "major", "minor"])
        critical = ncs.filtered(lambda nc: nc.severity == "critical")
        self.assertEqual(critical.finding, "Seen FAIR-02")
        self.assertEqual(critical.cooperative_id, self.coop)
        self.assertEqual(critical.application_id, application)
        self.assertLess(critical.due_date, ncs.filtered(lambda nc: nc.severity == "minor").due_date)
        with self.assertRaisesRegex(UserError, "closed audit"):
            audit.line_ids = [(5, 0, 0)]
        html = self.env["ir.actions.report"]._render_qweb_html("comasec_label.comasec_label_audit_report", audit.ids)[0]
        self.assertIn(self.coop.name, html.decode())
        self.assertIn("FAIR-02", html.decode())

    def test_every_line_must_be_evaluated(self):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env["comasec.label.audit"].browse(application.action_plan_audit()["res_id"])
        audit.auditor_ids = self.users["auditor"]
        audit = audit.with_user(self.users["auditor"])
        audit.action_declare_no_conflict()
        audit.action_start()
        audit.line_ids[0].result = "conform"
        with self.assertRaisesRegex(UserError, "Evaluate every line"):
            audit.action_done()

    def test_auditor_declares_no_conflict_before_auditing(self):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env["comasec.label.audit"].browse(application.action_plan_audit()["res_id"])
        auditor = self.users["auditor"]
        audit.auditor_ids = auditor
        with self.assertRaisesRegex(UserError, "declares no conflict"):
            audit.with_user(auditor).action_start()
        # the auditor joins the cooperative after being assigned: the declaration is refused
        self.env["comasec.coop.member"].create(
            {"cooperative_id": self.coop.id, "partner_id": auditor.partner_id.id, "gender": "male"}
        )
        with self.assertRaisesRegex(UserError, "Declaration refused: .*is a member of"):
            audit.with_user(auditor).action_declare_no_conflict()
        self.assertFalse(audit.declaration_ids)

    def test_member_cannot_be_assigned_as_auditor(self):
        external = self.members[0].partner_id
        with self.assertRaisesRegex(ValidationError, "Choose another auditor: .*is a member of"):
            self.env["comasec.label.audit"].create(
                {
                    "cooperative_id": self.coop.id,
                    "standard_id": self.standard.id,
                    "external_auditor_ids": external.ids,
                }
            )
        with self.assertRaisesRegex(ValidationError, "not a label auditor"):
            self.env["comasec.label.audit"].create(
                {
                    "cooperative_id": self.coop.id,
                    "standard_id": self.standard.id,
                    "auditor_ids": self.users["trainer"].ids,
                }
            )

    def test_auditor_edits_only_assigned_audits(self):
        other_auditor = self.create_user("auditor2", ["comasec_coop.comasec_coop_group_label_auditor"])
        application = self.create_application()
        audit = self.audit_application(application)
        self.assertEqual(audit.with_user(other_auditor).score, 100.0, "every auditor reads every audit")
        with self.assertRaises(AccessError):
            audit.with_user(other_auditor).summary = "<p>Not mine</p>"
        audit.with_user(self.users["auditor"]).summary = "<p>Good practices</p>"

    def test_nonconformity_workflow(self):
        audit = self.audit_application(self.create_application(), failing={"GOV-02": "major"})
        nc = audit.nonconformity_ids
        with self.assertRaisesRegex(UserError, "Describe the corrective action"):
            nc.action_propose()
        nc.corrective_action = "Hold the assembly before June"
        nc.action_propose()
        with self.assertRaisesRegex(UserError, "Accept the corrective action"):
            nc.action_close()
        nc.action_accept()
        nc.with_user(self.users["auditor"]).action_close()
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.verified_by_id, self.users["auditor"])
