"""Hostile users of the Maroc Solidaire label over real JSON-RPC: an auditor, committee
members and a label manager made as Settings > Users makes them try to write what only the
workflow's buttons set (an audit's status and score, a vote, a declaration of interests).
Each attempt is refused and the record, read again, is unchanged; the buttons still work."""

from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.addons.comasec_label.tests.common import ComasecLabelCase
from odoo.tests import tagged
from odoo.tools import mute_logger

AUDIT = "comasec.label.audit"
VOTE = "comasec.label.committee.vote"
DECLARATION = "comasec.label.conflict.declaration"


@tagged("post_install", "-at_install")
class TestHostileLabel(ComasecLabelCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = settings_user(cls.env, "hostile_auditor", ["comasec_coop.comasec_coop_group_label_auditor"])
        cls.manager = settings_user(cls.env, "hostile_label_manager", ["comasec_coop.comasec_coop_group_label_manager"])
        cls.alice, cls.bob = (
            settings_user(cls.env, login, ["comasec_coop.comasec_coop_group_committee_member"])
            for login in ("hostile_member_alice", "hostile_member_bob")
        )

    def planned_audit(self):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env[AUDIT].browse(application.action_plan_audit()["res_id"])
        audit.auditor_ids = self.auditor
        return audit

    def assertUnchanged(self, records, values):
        records.invalidate_recordset()
        self.assertRecordValues(records, values)

    @mute_logger("odoo.http")
    def test_auditor_cannot_write_the_result_of_an_audit(self):
        audit = self.planned_audit()
        for vals in ({"state": "done"}, {"score": 100.0}, {"state": "done", "score": 100.0, "failing_count": 0}):
            with self.subTest(vals=vals):
                self.assertRefused(self.auditor, AUDIT, "write", audit.ids, vals, error="UserError")
                self.assertUnchanged(audit, [{"state": "planned", "score": 0.0}])
        # the buttons take the audit forward: declaration, then start
        self.call_as(self.auditor, AUDIT, "action_declare_no_conflict", audit.ids)
        self.call_as(self.auditor, AUDIT, "action_start", audit.ids)
        self.assertUnchanged(audit, [{"state": "in_progress", "score": 0.0}])
        # in progress, without a line evaluated, the audit cannot be written done either
        self.assertRefused(self.auditor, AUDIT, "write", audit.ids, {"state": "done", "score": 100.0})
        self.assertUnchanged(audit, [{"state": "in_progress", "score": 0.0}])
        self.assertRefused(self.auditor, AUDIT, "action_done", audit.ids, error="UserError")
        self.assertUnchanged(audit, [{"state": "in_progress"}])
        self.assertEqual(audit.application_id.state, "audit_planned")

    @mute_logger("odoo.http")
    def test_closed_audit_keeps_its_declarations_and_nonconformities(self):
        application = self.create_application()
        audit = self.audit_application(application, failing={"LOCAL-01": "minor"}, auditor=self.auditor)
        ncs, declarations = audit.nonconformity_ids, audit.declaration_ids
        self.assertTrue(ncs and declarations)
        for vals in (
            {"nonconformity_ids": [(3, ncs.id)]},
            {"nonconformity_ids": [(5, 0, 0)]},
            {"declaration_ids": [(2, declarations.id)]},
            {"state": "in_progress"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(self.auditor, AUDIT, "write", audit.ids, vals)
                self.assertUnchanged(audit, [{"state": "done", "nonconformity_ids": ncs.ids}])
                self.assertEqual(audit.declaration_ids, declarations)
        self.assertRefused(self.auditor, DECLARATION, "write", declarations.ids, {"has_conflict": True})
        self.assertUnchanged(declarations, [{"has_conflict": False, "user_id": self.auditor.id}])

    @mute_logger("odoo.http")
    def test_label_manager_uses_the_buttons_too(self):
        audit = self.planned_audit()
        self.assertRefused(
            self.manager, AUDIT, "write", audit.ids, {"state": "done", "score": 100.0}, error="UserError"
        )
        self.assertUnchanged(audit, [{"state": "planned", "score": 0.0}])
        self.assertRefused(
            self.manager,
            AUDIT,
            "create",
            {"cooperative_id": self.coop.id, "standard_id": self.standard.id, "state": "done", "score": 100.0},
            error="UserError",
        )
        self.assertFalse(self.env[AUDIT].search([("cooperative_id", "=", self.coop.id), ("state", "=", "done")]))
        # a new audit may carry the default status a form sends
        new_id = self.call_as(
            self.manager,
            AUDIT,
            "create",
            {"cooperative_id": self.other_coop.id, "standard_id": self.standard.id, "state": "planned"},
        )
        self.assertUnchanged(self.env[AUDIT].browse(new_id), [{"state": "planned"}])

    def sitting(self):
        application = self.create_application()
        self.audit_application(application)
        session = self.committee_session(application, members=self.alice | self.bob)
        return application, session

    @mute_logger("odoo.http")
    def test_votes_are_cast_once_by_their_member(self):
        application, session = self.sitting()
        for member, vote in ((self.alice, "against"), (self.bob, "for")):
            self.call_as(member, application._name, "action_committee_no_conflict", application.ids)
            self.call_as(member, application._name, f"action_vote_{vote}", application.ids)
        alice_vote = session.vote_ids.filtered(lambda v: v.user_id == self.alice)
        bob_vote = session.vote_ids - alice_vote
        # Alice changes Bob's vote, her own, or moves hers to Bob
        for vote, vals in (
            (bob_vote, {"vote": "against"}),
            (alice_vote, {"vote": "for"}),
            (alice_vote, {"user_id": self.bob.id}),
        ):
            with self.subTest(vote=vote.user_id.login, vals=vals):
                self.assertRefused(self.alice, VOTE, "write", vote.ids, vals)
        self.assertRefused(self.alice, VOTE, "unlink", bob_vote.ids)
        self.assertRefused(self.alice, application._name, "action_vote_for", application.ids, error="UserError")
        # a second vote in Bob's name
        self.assertRefused(
            self.alice,
            VOTE,
            "create",
            {"session_id": session.id, "application_id": application.id, "user_id": self.bob.id, "vote": "against"},
        )
        # the label manager neither corrects nor deletes a vote
        self.assertRefused(self.manager, VOTE, "write", bob_vote.ids, {"vote": "against"})
        self.assertRefused(self.manager, VOTE, "unlink", bob_vote.ids, error="UserError")
        self.assertUnchanged(
            session.vote_ids,
            [{"user_id": self.alice.id, "vote": "against"}, {"user_id": self.bob.id, "vote": "for"}],
        )
        self.assertEqual((application.votes_for, application.votes_against), (1, 1))

    @mute_logger("odoo.http")
    def test_declarations_stand_as_made(self):
        application, session = self.sitting()
        self.call_as(self.alice, application._name, "action_committee_conflict", application.ids)
        declaration = session.declaration_ids
        # Alice turns her conflict into no conflict, backdates it, or declares in Bob's name
        self.assertRefused(self.alice, DECLARATION, "write", declaration.ids, {"has_conflict": False})
        self.assertRefused(self.alice, DECLARATION, "unlink", declaration.ids)
        self.assertRefused(
            self.alice, application._name, "action_committee_no_conflict", application.ids, error="UserError"
        )
        self.assertRefused(self.alice, application._name, "action_vote_for", application.ids, error="UserError")
        self.assertRefused(
            self.alice,
            DECLARATION,
            "create",
            {
                "session_id": session.id,
                "application_id": application.id,
                "user_id": self.bob.id,
                "cooperative_id": self.coop.id,
                "has_conflict": False,
            },
        )
        self.assertRefused(
            self.bob,
            DECLARATION,
            "create",
            {
                "session_id": session.id,
                "application_id": application.id,
                "user_id": self.bob.id,
                "cooperative_id": self.coop.id,
                "has_conflict": False,
                "declaration_date": "2020-01-01 08:00:00",
            },
            error="UserError",
        )
        # nor does the label manager turn a conflict into a vote
        self.assertRefused(self.manager, DECLARATION, "write", declaration.ids, {"has_conflict": False})
        self.assertRefused(self.manager, DECLARATION, "unlink", declaration.ids, error="UserError")
        self.assertUnchanged(session.declaration_ids, [{"user_id": self.alice.id, "has_conflict": True}])
        self.assertFalse(session.vote_ids)

    @mute_logger("odoo.http")
    def test_member_cannot_close_the_session_nor_cancel_an_application(self):
        application, session = self.sitting()
        self.assertRefused(self.alice, session._name, "action_close", session.ids, error="UserError")
        self.assertRefused(self.alice, application._name, "action_cancel", application.ids, error="UserError")
        self.assertUnchanged(session, [{"state": "open"}])
        self.assertUnchanged(application, [{"state": "committee"}])
        self.call_as(self.manager, session._name, "action_close", session.ids)
        self.assertUnchanged(session, [{"state": "closed"}])
