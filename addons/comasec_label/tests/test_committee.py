from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestCommittee(ComasecLabelCase):
    def setUp(self):
        super().setUp()
        self.alice, self.bob, self.carol = self.committee_members

    def audited(self, failing=None):
        application = self.create_application()
        self.audit_application(application, failing=failing)
        return application

    def test_approval_with_quorum_and_majority(self):
        application = self.audited()
        session = self.committee_session(application)
        self.vote(application, self.alice, "for")
        self.vote(application, self.bob, "abstain")
        self.assertEqual((application.votes_for, application.votes_against, application.votes_abstain), (1, 0, 1))
        application.with_user(self.label_manager).write({"decision": "approved"})
        application.with_user(self.label_manager).action_decide()
        self.assertEqual(application.state, "approved")
        self.assertTrue(application.decision_date)
        self.assertIn("approved", " ".join(filter(None, application.message_ids.mapped("subject"))))
        self.assertEqual(session.vote_ids.user_id, self.alice | self.bob)

    def test_no_decision_without_quorum(self):
        application = self.audited()
        self.committee_session(application, quorum=3)
        self.vote(application, self.alice, "for")
        self.vote(application, self.bob, "for")
        application.decision = "approved"
        with self.assertRaisesRegex(UserError, "No quorum .*2 votes.*3 needed"):
            application.action_decide()
        self.assertEqual(application.state, "committee")

    def test_double_vote_is_refused_clearly(self):
        application = self.audited()
        self.committee_session(application)
        self.vote(application, self.alice, "for")
        with self.assertRaisesRegex(UserError, "already voted on .* a vote is cast once"):
            self.vote(application, self.alice, "against", declare=False)
        self.assertEqual(application.votes_for, 1)
        self.assertEqual(application.votes_against, 0)

    def test_conflicted_member_cannot_vote(self):
        application = self.audited()
        self.committee_session(application)
        application.with_user(self.alice).action_committee_conflict()
        with self.assertRaisesRegex(UserError, "declared a conflict of interest .* cannot vote"):
            application.with_user(self.alice).action_vote_for()
        with self.assertRaisesRegex(UserError, "Declare your interests"):
            application.with_user(self.bob).action_vote_for()
        # a member of the cooperative cannot declare no conflict
        self.env["comasec.coop.member"].create(
            {"cooperative_id": self.coop.id, "partner_id": self.carol.partner_id.id, "gender": "female"}
        )
        with self.assertRaisesRegex(UserError, "Declaration refused: .*is a member of"):
            application.with_user(self.carol).action_committee_no_conflict()
        self.assertFalse(application.vote_ids)

    def test_member_votes_only_in_sessions_they_sit_in(self):
        application = self.audited()
        session = self.committee_session(application, members=self.alice | self.bob)
        with self.assertRaisesRegex(UserError, "does not sit in this committee session"):
            self.vote(application, self.carol, "for")
        application.with_user(self.bob).action_committee_no_conflict()
        with self.assertRaises(AccessError):
            self.env["comasec.label.committee.vote"].with_user(self.alice).create(
                {"session_id": session.id, "application_id": application.id, "user_id": self.bob.id, "vote": "for"}
            )
        self.assertFalse(session.vote_ids)

    def test_open_critical_nonconformity_blocks_approval(self):
        application = self.audited(failing={"FAIR-02": "critical"})
        self.committee_session(application)
        self.vote(application, self.alice, "for")
        self.vote(application, self.bob, "for")
        application.decision = "approved"
        with self.assertRaisesRegex(UserError, "cannot be approved: an open critical"):
            application.action_decide()
        nc = application.nonconformity_ids
        nc.corrective_action = "Pay at least the SMAG"
        nc.action_propose()
        nc.action_accept()
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            application.action_decide()
        nc.action_close()
        application.action_decide()
        self.assertEqual(application.state, "approved")

    def test_major_nonconformity_needs_an_accepted_action(self):
        application = self.audited(failing={"GOV-02": "major", "LOCAL-01": "minor"})
        self.committee_session(application)
        self.vote(application, self.alice, "for")
        self.vote(application, self.bob, "for")
        application.write(
            {
                "decision": "approved_conditions",
                "decision_rationale": "Hold the assembly",
                "conditions_deadline": "2099-06-30",
            }
        )
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            application.action_decide()
        major = application.nonconformity_ids.filtered(lambda nc: nc.severity == "major")
        major.corrective_action = "Convene the assembly"
        major.action_propose()
        major.action_accept()
        application.action_decide()
        self.assertEqual(application.state, "approved")

    def test_rejection_needs_a_rationale_and_the_votes(self):
        application = self.audited()
        self.committee_session(application)
        self.vote(application, self.alice, "against")
        self.vote(application, self.bob, "against")
        application.decision = "rejected"
        with self.assertRaisesRegex(UserError, "Write the rationale"):
            application.action_decide()
        application.decision_rationale = "Workers paid below the SMAG"
        application.action_decide()
        self.assertEqual(application.state, "rejected")
        self.assertIn("rejected", " ".join(filter(None, application.message_ids.mapped("subject"))))

    def test_committee_member_cannot_record_the_decision(self):
        application = self.audited()
        self.committee_session(application)
        with self.assertRaises(AccessError):
            application.with_user(self.alice).decision = "approved"

    def test_vote_is_final_and_session_members_are_committee_members(self):
        application = self.audited()
        session = self.committee_session(application)
        self.vote(application, self.alice, "against")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            session.vote_ids.vote = "for"
        with self.assertRaisesRegex(ValidationError, "not a label committee member"):
            self.env["comasec.label.committee.session"].create({"member_ids": self.users["trainer"].ids})
        self.env["ir.config_parameter"].set_param("comasec_label.committee_quorum", "5")
        self.assertEqual(self.env["comasec.label.committee.session"].create({}).quorum, 5)

    def test_member_sees_what_they_declared_and_voted(self):
        application = self.audited()
        self.committee_session(application)
        mine = application.with_user(self.alice)
        self.assertRecordValues(mine, [{"my_can_declare": True, "my_can_vote": False, "my_committee_status": False}])
        notice = mine.action_committee_no_conflict()
        self.assertEqual(notice["tag"], "display_notification")
        mine.invalidate_recordset()
        self.assertRecordValues(mine, [{"my_can_declare": False, "my_can_vote": True}])
        self.assertRegex(
            mine.my_committee_status, r"^You declared no conflict of interest on \w+ \d+, \d{4}: you may vote"
        )
        with self.assertRaisesRegex(UserError, "You already declared your interests for .*: You declared no conflict"):
            mine.action_committee_no_conflict()
        notice = mine.action_vote_for()
        self.assertEqual(notice["params"]["message"], f"Your vote on {application.name} is recorded: For.")
        mine.invalidate_recordset()
        self.assertRecordValues(mine, [{"my_can_declare": False, "my_can_vote": False}])
        self.assertRegex(mine.my_committee_status, r"^You voted: For, on ")
        self.assertIn(f"{self.alice.name} voted: For.", application.message_ids.mapped("body")[0])
        # Bob has done nothing yet; the label manager does not sit in this session
        self.assertRecordValues(
            application.with_user(self.bob), [{"my_can_declare": True, "my_committee_status": False}]
        )
        self.assertRecordValues(application.with_user(self.label_manager), [{"my_can_declare": False}])

    def test_member_who_declared_a_conflict_has_no_vote_button(self):
        application = self.audited()
        self.committee_session(application)
        mine = application.with_user(self.carol)
        mine.action_committee_conflict()
        mine.invalidate_recordset()
        self.assertRecordValues(mine, [{"my_can_declare": False, "my_can_vote": False}])
        self.assertRegex(mine.my_committee_status, "^You declared a conflict of interest on .*: you do not vote")

    def test_only_the_label_manager_closes_the_session_and_cancels(self):
        application = self.audited()
        session = self.committee_session(application)
        with self.assertRaisesRegex(UserError, "Close the session: only a label manager"):
            session.with_user(self.alice).action_close()
        with self.assertRaisesRegex(UserError, "Cancel: only a label manager"):
            application.with_user(self.alice).action_cancel()
        self.assertEqual((session.state, application.state), ("open", "committee"))
        session.with_user(self.label_manager).action_close()
        self.assertEqual(session.state, "closed")

    def test_agenda_shows_the_audit_result(self):
        application = self.audited(failing={"FAIR-02": "critical", "LOCAL-01": "minor"})
        audit = application.audit_ids
        audit.summary = "<p>Favourable once the wages are paid.</p>"
        self.committee_session(application)
        self.assertRecordValues(
            application.with_user(self.alice),
            [
                {
                    "last_audit_id": audit.id,
                    "audit_score": audit.score,
                    "open_nonconformity_count": 2,
                    "blocking_nonconformity_count": 1,
                }
            ],
        )
        self.assertIn("Favourable", application.with_user(self.alice).audit_summary)
