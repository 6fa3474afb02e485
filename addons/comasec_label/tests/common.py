from datetime import date

from odoo import Command
from odoo.addons.comasec_coop.tests.common import ComasecCoopCase


class ComasecLabelCase(ComasecCoopCase):
    """Two cooperatives ready to apply (valid ICE and ONSSA), products, the shipped standard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env.ref("comasec_label.comasec_label_standard_v1")
        # the demo's certificates and conditional approvals, when installed, are put out of
        # the nightly jobs' reach: the tests count what the jobs do to their own records
        cls.env["comasec.label.certificate"].search([]).write({"state": "withdrawn"})
        cls.env["comasec.label.application"].search([("decision", "=", "approved_conditions")]).write(
            {"conditions_met": True}
        )
        (cls.coop | cls.other_coop).write({"onssa_number": "1.84.001", "onssa_expiry_date": date(2099, 1, 1)})
        cls.argan_oil = cls.env["product.template"].create({"name": "Huile d'argan alimentaire 1L"})
        cls.amlou = cls.env["product.template"].create({"name": "Amlou 250 g"})
        cls.members = cls.add_members(cls.coop, 5)
        cls.label_manager = cls.create_user("label_manager", ["comasec_coop.comasec_coop_group_label_manager"])
        cls.committee_members = cls.users["committee"] | cls.create_user(
            "committee2", ["comasec_coop.comasec_coop_group_committee_member"]
        )
        cls.committee_members |= cls.create_user("committee3", ["comasec_coop.comasec_coop_group_committee_member"])

    @classmethod
    def create_application(cls, coop=None, products=None, **vals):
        return cls.env["comasec.label.application"].create(
            {
                "cooperative_id": (coop or cls.coop).id,
                "product_ids": [Command.set((cls.argan_oil if products is None else products).ids)],
                "scope": "Production and packaging of argan oil",
                **vals,
            }
        )

    def make_red(self, coop):
        """Close a compliance review of ``coop`` with a critical non-compliance: its level turns red."""
        rule = self.env["comasec.compliance.rule"].search([("severity", "=", "critical")], limit=1)
        self.env["comasec.compliance.review"].create(
            {
                "cooperative_id": coop.id,
                "period": "2099",
                "state": "done",
                "line_ids": [Command.create({"rule_id": rule.id, "result": "non_compliant"})],
            }
        )
        self.assertEqual(coop.compliance_level, "red")

    def audit_application(self, application, failing=None, auditor=None):
        """Plan, run and close the initial audit of a submitted application; ``failing``
        maps criterion codes to a failing result, every other line is conform."""
        failing = failing or {}
        auditor = auditor or self.users["auditor"]
        if application.state == "draft":
            application.action_submit()
        if application.state == "submitted":
            application.action_admissible()
        action = application.action_plan_audit()
        audit = self.env["comasec.label.audit"].browse(action["res_id"])
        audit.auditor_ids = auditor
        audit = audit.with_user(auditor)
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.write({"result": failing.get(line.code, "conform"), "comment": f"Seen {line.code}"})
        audit.action_done()
        return audit.with_user(self.env.user)

    def committee_session(self, applications, members=None, quorum=2):
        """An open committee session with ``applications`` on its agenda."""
        members = members or self.committee_members
        for application in applications.filtered(lambda a: a.state == "audited"):
            application.action_send_to_committee()
        session = self.env["comasec.label.committee.session"].create(
            {"member_ids": [Command.set(members.ids)], "quorum": quorum}
        )
        applications.committee_session_id = session
        session.action_open()
        return session

    def vote(self, application, user, vote, declare=True):
        application = application.with_user(user)
        if declare:
            application.action_committee_no_conflict()
        getattr(application, f"action_vote_{vote}")()

    def certify(self, application=None):
        """Take an application through audit and committee and issue its certificate."""
        application = application or self.create_application()
        self.audit_application(application)
        self.committee_session(application)
        alice, bob = self.committee_members[:2]
        self.vote(application, alice, "for")
        self.vote(application, bob, "for")
        application.decision = "approved"
        application.action_decide()
        application.action_issue_certificate()
        return application.certificate_ids
