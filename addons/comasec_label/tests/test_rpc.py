from datetime import timedelta

from odoo import Command
from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.tests import tagged

from .common import ComasecLabelCase

AUDITOR = "comasec_coop.comasec_coop_group_label_auditor"
COMMITTEE = "comasec_coop.comasec_coop_group_committee_member"
LABEL_MANAGER = "comasec_coop.comasec_coop_group_label_manager"


@tagged("post_install", "-at_install")
class TestLabelRpc(RpcCase, ComasecLabelCase):
    """The new buttons that write with elevated rights (the sample's draw, an action done,
    the effectiveness check, a complaint's steps), over JSON-RPC as users made in Settings:
    each does its one job for its user and refuses the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_auditor = settings_user(cls.env, "rpc_auditor", [AUDITOR])
        cls.rpc_other_auditor = settings_user(cls.env, "rpc_other_auditor", [AUDITOR])
        cls.rpc_committee = settings_user(cls.env, "rpc_committee", [COMMITTEE])
        # the certificates they issue are mailed from their address
        cls.rpc_manager = settings_user(
            cls.env, "rpc_label_manager", [LABEL_MANAGER], email="rpc.label.manager@comasec.example"
        )

    def planned_audit(self):
        return self.env["comasec.label.audit"].create(
            {
                "cooperative_id": self.coop.id,
                "standard_id": self.standard.id,
                "kind": "unannounced",
                "auditor_ids": [Command.set(self.rpc_auditor.ids)],
            }
        )

    def test_sample_drawn_by_the_audit_s_auditor_only(self):
        self.env["ir.config_parameter"].set_param("comasec_label.ics_min_members", "4")
        audit = self.planned_audit()
        self.assertRefused(self.rpc_other_auditor, audit._name, "action_draw_sample", audit.ids, error="AccessError")
        self.assertRefused(
            self.rpc_auditor,
            audit._name,
            "write",
            audit.ids,
            {"sample_ids": [Command.create({"member_id": self.members[0].id})]},
            error="cannot be set by hand",
        )
        self.assertFalse(audit.sample_ids)
        self.call_as(self.rpc_auditor, audit._name, "action_draw_sample", audit.ids)
        self.assertEqual(len(audit.sample_ids), 3)  # 3 of 5 members
        self.assertEqual(audit.sample_drawn_by_id, self.rpc_auditor)
        self.assertRefused(self.rpc_auditor, audit._name, "action_draw_sample", audit.ids, error="not drawn again")

    def test_action_done_by_its_auditor_only(self):
        audit = self.audit_application(self.create_application(), failing={"GOV-02": "major"}, auditor=self.rpc_auditor)
        action = self.env["comasec.label.nonconformity.action"].create(
            {
                "nonconformity_id": audit.nonconformity_ids.id,
                "description": "Hold the assembly",
                "owner_id": self.rpc_auditor.id,
                "due_date": self.today,
            }
        )
        self.assertRefused(self.rpc_other_auditor, action._name, "action_mark_done", action.ids, error="AccessError")
        self.assertRefused(self.rpc_auditor, action._name, "write", action.ids, {"done_date": "2020-01-01"})
        self.call_as(self.rpc_auditor, action._name, "action_mark_done", action.ids)
        self.assertEqual(action.done_date, self.today)
        self.assertRefused(
            self.rpc_auditor,
            audit.nonconformity_ids._name,
            "write",
            audit.nonconformity_ids.ids,
            {"effectiveness": "effective"},
            error="cannot be set by hand",
        )

    def test_complaint_steps_by_the_label_manager_only(self):
        certificate = self.certify()
        complaint = self.env["comasec.label.complaint"].create(
            {"kind": "quality", "certificate_id": certificate.id, "description": "Rancid oil"}
        )
        self.assertRefused(self.rpc_committee, complaint._name, "action_acknowledge", complaint.ids)
        self.assertRefused(self.rpc_auditor, complaint._name, "action_acknowledge", complaint.ids, error="AccessError")
        self.assertRefused(
            self.rpc_manager,
            complaint._name,
            "write",
            complaint.ids,
            {"state": "closed"},
            error="cannot be set by hand",
        )
        self.assertRefused(
            self.rpc_manager,
            complaint._name,
            "write",
            complaint.ids,
            {"remote_ip": "10.0.0.1"},
            error="cannot be set by hand",
        )
        self.call_as(self.rpc_manager, complaint._name, "action_acknowledge", complaint.ids)
        self.assertEqual(complaint.state, "acknowledged")
        # the private entries of the public form and the portal are not callable over RPC
        self.assertRefused(
            self.rpc_manager,
            complaint._name,
            "_public_report",
            certificate.id,
            "fake",
            "x",
            "x",
            "x",
            "1.2.3.4",
            error="Private methods",
        )

    def test_application_state_only_through_its_buttons(self):
        """A label manager may not write an application's status or dates by hand (which would
        approve it without audit or committee); the buttons still move it."""
        application = self.create_application()
        application.action_submit()  # the cooperative's step (it mails the acknowledgement)
        self.assertEqual(application.state, "submitted")
        for vals in ({"state": "approved"}, {"decision_date": "2026-01-01"}, {"submit_date": "2020-01-01"}):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.rpc_manager, application._name, "write", application.ids, vals, error="cannot be set by hand"
                )
        self.assertRefused(
            self.rpc_manager,
            application._name,
            "create",
            {"cooperative_id": self.coop.id, "standard_id": self.standard.id, "state": "approved"},
            error="cannot be set by hand",
        )
        self.assertEqual((application.state, application.decision_date), ("submitted", False))
        self.call_as(self.rpc_manager, application._name, "action_admissible", application.ids)
        self.assertEqual(application.state, "admissible")

    def test_certificate_only_through_its_workflow(self):
        """A label manager may not write a certificate's status or dates by hand (which would
        reinstate a withdrawn certificate without the committee, or extend it); the sanction
        wizard, the renewal and the nightly expiry still move it as their users."""
        certificate = self.certify()
        certificate._apply_sanction("withdrawal", "Fraud on the origin")
        before = (certificate.state, certificate.expiry_date, certificate.surveillance_due_date)
        for vals in (
            {"state": "valid"},
            {"expiry_date": "2099-12-31"},
            {"surveillance_due_date": "2099-12-31"},
            {"suspension_cause": False, "state": "valid"},
            {"name": "MS-2020-0001"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.rpc_manager, certificate._name, "write", certificate.ids, vals, error="cannot be set by hand"
                )
        self.assertEqual((certificate.state, certificate.expiry_date, certificate.surveillance_due_date), before)
        self.assertRefused(
            self.rpc_manager,
            certificate._name,
            "create",
            {
                "application_id": certificate.application_id.id,
                "cooperative_id": self.coop.id,
                "standard_id": self.standard.id,
                "issue_date": "2026-01-01",
                "expiry_date": "2099-12-31",
            },
            error="cannot be set by hand",
        )
        # a user who may not edit certificates at all is told so
        self.assertRefused(
            settings_user(self.env, "rpc_supervisor", ["comasec_coop.comasec_coop_group_supervisor"]),
            certificate._name,
            "write",
            certificate.ids,
            {"state": "valid"},
            error="AccessError",
        )

        # the normal ways, as the label manager
        other = self.certify(self.create_application(coop=self.other_coop))
        wizard = self.call_as(
            self.rpc_manager,
            "comasec.label.sanction.wizard",
            "create",
            {"certificate_ids": [Command.set(other.ids)], "kind": "suspension", "reason": "Labels misused"},
        )
        self.call_as(self.rpc_manager, "comasec.label.sanction.wizard", "action_apply", [wizard])
        self.assertEqual(other.state, "suspended")
        self.assertRefused(self.rpc_manager, other._name, "write", other.ids, {"state": "valid"})
        wizard = self.call_as(
            self.rpc_manager,
            "comasec.label.sanction.wizard",
            "create",
            {"certificate_ids": [Command.set(other.ids)], "kind": "reinstatement", "reason": "Labels withdrawn"},
        )
        self.call_as(self.rpc_manager, "comasec.label.sanction.wizard", "action_apply", [wizard])
        self.assertEqual(other.state, "valid")
        self.call_as(self.rpc_manager, other._name, "action_renew", other.ids)
        self.assertEqual(other.renewal_application_id.previous_certificate_id, other)
        self.env["comasec.label.certificate"].search([("id", "!=", other.id)]).write({"state": "withdrawn"})
        other.write({"expiry_date": self.today - timedelta(days=1)})  # as superuser: the years have passed
        self.assertEqual(self.env["comasec.label.certificate"].with_user(self.rpc_manager)._cron_expire(), 1)
        self.assertEqual(other.state, "expired")

    def test_committee_session_only_through_its_buttons(self):
        """A label manager may not reopen a closed session by hand (it would take new votes), nor
        change the members or the quorum of a session that has started."""
        application = self.create_application()
        self.audit_application(application)
        session = self.committee_session(application).with_user(self.rpc_manager)
        self.assertRefused(
            self.rpc_manager, session._name, "write", session.ids, {"quorum": 1}, error="members and quorum"
        )
        self.assertRefused(
            self.rpc_manager,
            session._name,
            "write",
            session.ids,
            {"member_ids": [Command.link(self.rpc_committee.id)]},
            error="members and quorum",
        )
        self.assertEqual(session.quorum, 2)
        self.call_as(self.rpc_manager, session._name, "action_close", session.ids)
        self.assertRefused(
            self.rpc_manager, session._name, "write", session.ids, {"state": "open"}, error="cannot be set by hand"
        )
        self.assertRefused(
            self.rpc_manager,
            session._name,
            "create",
            {"member_ids": [Command.set(self.committee_members.ids)], "state": "open"},
            error="cannot be set by hand",
        )
        self.assertEqual(session.state, "closed")

    def test_standard_only_through_its_buttons(self):
        """A label manager may not make a draft standard active by hand (without criteria, beside
        the active one); its buttons still do it."""
        action = self.call_as(self.rpc_manager, self.standard._name, "action_new_version", self.standard.ids)
        draft = self.env["comasec.label.standard"].browse(action["res_id"])
        self.assertEqual(draft.state, "draft")
        self.assertRefused(
            self.rpc_manager, draft._name, "write", draft.ids, {"state": "active"}, error="cannot be set by hand"
        )
        self.assertRefused(
            self.rpc_manager,
            draft._name,
            "create",
            {"name": "Maroc Solidaire", "version": "99", "effective_date": "2026-01-01", "state": "active"},
            error="cannot be set by hand",
        )
        self.assertEqual((draft.state, self.standard.state), ("draft", "active"))
        self.call_as(self.rpc_manager, draft._name, "action_activate", draft.ids)
        self.assertEqual((draft.state, self.standard.state), ("active", "archived"))

    def test_decision_and_conditions_stand_as_recorded(self):
        """Once the committee decided, the label manager may not rewrite its decision (the
        certificate would be issued without its conditions), nor mark the conditions met or
        not overdue by hand; the button still marks them met."""
        application = self.create_application()
        self.audit_application(application)
        self.committee_session(application)
        for member in self.committee_members[:2]:
            self.vote(application, member, "for")
        application.write(
            {
                "decision": "approved_conditions",
                "decision_rationale": "Publish the grid",
                "conditions_deadline": "2099-06-30",
            }
        )
        application.action_decide()
        for vals in (
            {"decision": "approved"},
            {"decision_rationale": False},
            {"conditions_deadline": "2099-12-31"},
            {"conditions_met": True},
            {"conditions_overdue": False},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.rpc_manager, application._name, "write", application.ids, vals, error="cannot be set by hand"
                )
        self.assertEqual(
            (application.decision, application.decision_rationale, application.conditions_met),
            ("approved_conditions", "Publish the grid", False),
        )
        self.call_as(self.rpc_manager, application._name, "action_mark_conditions_met", application.ids)
        self.assertEqual((application.conditions_met, application.conditions_met_date), (True, self.today))
        self.call_as(self.rpc_manager, application._name, "action_issue_certificate", application.ids)
        self.assertEqual(application.certificate_ids.conditions, "Publish the grid")

    def test_sanctions_made_by_the_certificate_only(self):
        """A label manager may not forge a sanction on a certificate's record, nor rewrite one."""
        certificate = self.certify()
        self.assertRefused(
            self.rpc_manager,
            "comasec.label.sanction",
            "create",
            {"certificate_id": certificate.id, "kind": "reinstatement", "reason": "Made up"},
            error="cannot be set by hand",
        )
        certificate._apply_sanction("warning", "Labels on an uncertified product")
        self.assertRefused(
            self.rpc_manager,
            "comasec.label.sanction",
            "write",
            certificate.sanction_ids.ids,
            {"reason": "Nothing happened"},
            error="cannot be set by hand",
        )
        self.assertEqual(certificate.sanction_ids.mapped("reason"), ["Labels on an uncertified product"])
