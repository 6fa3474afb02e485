"""A trainer who calls the server directly, over JSON-RPC with their password, as a
script would: they change attendance, scores, session days and certificates of the
sessions they teach only, and a certificate's number, state, dates and figures change
only through its methods. Each refusal is followed by a re-read: nothing changed.

Run as two trainers: one whose only group is the trainer group (with what it implies)
and one made in Settings > Users (Odoo's default rights for new users + the trainer
group)."""

from datetime import date

from odoo import Command
from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.addons.comasec_training.tests.common import ComasecTrainingCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestHostileTrainer(ComasecTrainingCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "comasec_coop.comasec_coop_group_trainer"
        only_group = cls.env["res.users"].create(
            {
                "name": "Trainer alone",
                "login": "trainer_alone",
                "password": "trainer_alone",
                "groups_id": [Command.set([cls.env.ref(group).id])],
            }
        )
        made_in_settings = settings_user(cls.env, "trainer_settings", [group])
        cls.trainers = {"trainer group alone": only_group, "made in Settings": made_in_settings}
        employees = cls.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in cls.trainers.values()]
        )
        day = date(2026, 3, 2)
        cls.own = cls.create_session(name="Own session", days=[(day, "full")], trainers=employees)
        cls.others = cls.create_session(name="Other session", days=[(day, "full")], trainers=cls.other_trainer)
        cls.own_regs = cls.enrol(cls.own, cls.add_members(cls.coop, 2))
        cls.other_regs = cls.enrol(cls.others, cls.add_members(cls.other_coop, 2))
        cls.own_attendance = cls.attend(cls, cls.own_regs)
        cls.other_attendance = cls.attend(cls, cls.other_regs)
        (cls.own_regs | cls.other_regs).comasec_post_score = 15
        cls.own_certificate = cls.own_regs[0].action_issue_certificate()
        cls.other_certificate = cls.other_regs[0].action_issue_certificate()

    def assertUnchanged(self, records, fields):
        """Re-reads ``records`` from the database: ``fields`` hold what they held before."""
        before = records.read(fields)
        records.invalidate_recordset()
        self.assertEqual(records.read(fields), before)

    def refused(self, user, records, method, *args, fields, **kwargs):
        before = records.read(fields)
        self.assertRefused(user, records._name, method, records.ids, *args, **kwargs)
        records.invalidate_recordset()
        self.assertEqual(records.read(fields), before, f"{method} {args} on {records} changed them")

    def test_certificates_of_other_sessions_are_out_of_reach(self):
        fields = ["name", "state", "issue_date", "expiry_date"]
        for label, user in self.trainers.items():
            with self.subTest(trainer=label):
                # readable, as every session is
                self.assertEqual(
                    self.call_as(user, "comasec.training.certificate", "read", self.other_certificate.ids, ["name"])[0][
                        "name"
                    ],
                    self.other_certificate.name,
                )
                self.refused(user, self.other_certificate, "write", {"name": "FC-FAKE-0001"}, fields=fields)
                self.refused(user, self.other_certificate, "action_revoke", fields=fields)
                self.refused(user, self.other_certificate, "write", {"state": "revoked"}, fields=fields)
                self.refused(user, self.other_certificate, "unlink", fields=fields)
                # nor issued for another session's participant
                self.refused(user, self.others, "action_issue_certificates", fields=["name"])
                self.assertFalse(self.other_regs[1].comasec_certificate_ids)

    def test_own_certificates_change_only_through_their_methods(self):
        fields = ["name", "state", "issue_date", "expiry_date", "registration_id"]
        for label, user in self.trainers.items():
            with self.subTest(trainer=label):
                for vals in (
                    {"name": "FC-FAKE-0001"},
                    {"state": "revoked"},
                    {"issue_date": "2020-01-01"},
                    {"expiry_date": "2099-12-31"},
                    {"registration_id": self.own_regs[1].id},
                    {"post_score": 20},
                ):
                    self.refused(user, self.own_certificate, "write", vals, fields=fields)
                self.assertRefused(
                    user,
                    "comasec.training.certificate",
                    "create",
                    [{"registration_id": self.own_regs[1].id, "name": "FC-FAKE-0002", "state": "issued"}],
                )
                self.assertFalse(self.own_regs[1].comasec_certificate_ids)

    def test_trainer_revokes_a_certificate_of_their_session(self):
        user = self.trainers["trainer group alone"]
        self.call_as(user, "comasec.training.certificate", "action_revoke", self.own_certificate.ids)
        self.own_certificate.invalidate_recordset()
        self.assertEqual(self.own_certificate.state, "revoked")

    def test_scores_and_results(self):
        fields = ["comasec_post_score", "comasec_result", "comasec_attendance_rate", "event_id", "partner_id"]
        other, own = self.other_regs[1], self.own_regs[1]
        for label, user in self.trainers.items():
            with self.subTest(trainer=label):
                self.refused(user, other, "write", {"comasec_post_score": 3}, fields=fields)
                self.refused(user, own, "write", {"comasec_result": "failed"}, fields=fields)
                self.refused(user, own, "write", {"comasec_attendance_rate": 10}, fields=fields)
                self.refused(user, own, "write", {"event_id": self.others.id}, fields=fields)
                self.refused(user, own, "write", {"comasec_post_score": 25}, fields=fields)  # above the maximum
        # the scores of their own session are theirs to enter
        self.call_as(
            self.trainers["made in Settings"], "event.registration", "write", own.ids, {"comasec_post_score": 9}
        )
        own.invalidate_recordset()
        self.assertEqual((own.comasec_post_score, own.comasec_result), (9, "failed"))

    def test_trainer_alone_records_scores_not_enrolments(self):
        user = self.trainers["trainer group alone"]
        own = self.own_regs[1]
        fields = ["name", "partner_id", "comasec_member_id", "state"]
        self.refused(user, own, "write", {"name": "Somebody else"}, fields=fields)
        self.refused(user, own, "write", {"state": "cancel"}, fields=fields)

    def test_attendance_and_session_days(self):
        attendance_fields = ["present", "registration_id", "day_id"]
        day_fields = ["event_id", "date", "half_day", "hours"]
        for label, user in self.trainers.items():
            with self.subTest(trainer=label):
                self.refused(user, self.other_attendance[0], "write", {"present": False}, fields=attendance_fields)
                self.refused(user, self.other_attendance[0], "unlink", fields=attendance_fields)
                self.refused(
                    user,
                    self.own_attendance[0],
                    "write",
                    {"registration_id": self.other_regs[1].id, "day_id": self.others.comasec_day_ids.id},
                    fields=attendance_fields,
                )
                self.assertRefused(
                    user,
                    "comasec.training.attendance",
                    "create",
                    [
                        {
                            "registration_id": self.other_regs[1].id,
                            "day_id": self.others.comasec_day_ids.id,
                            "present": False,
                        }
                    ],
                )
                self.refused(user, self.others.comasec_day_ids, "write", {"hours": 1}, fields=day_fields)
                self.refused(user, self.others.comasec_day_ids, "unlink", fields=day_fields)
                self.refused(user, self.own.comasec_day_ids, "write", {"event_id": self.others.id}, fields=day_fields)
                self.assertRefused(
                    user,
                    "comasec.training.session.day",
                    "create",
                    [{"event_id": self.others.id, "date": "2026-03-02", "half_day": "full"}],
                )
                self.assertEqual(len(self.others.comasec_day_ids), 1)
        # their own session's attendance is theirs to record
        user = self.trainers["trainer group alone"]
        self.call_as(user, "comasec.training.attendance", "write", self.own_attendance[1].ids, {"present": False})
        self.own_attendance.invalidate_recordset()
        self.assertFalse(self.own_attendance[1].present)

    def test_staff_outside_training_issue_no_certificate(self):
        # Settings > Users makes every new user an Events administrator (Odoo's default
        # template): a label auditor made there reads training certificates, issues none.
        auditor = settings_user(self.env, "auditor_settings", ["comasec_coop.comasec_coop_group_label_auditor"])
        self.assertTrue(auditor.has_group("event.group_event_user"), "the case this test is about")
        fields = ["name", "state", "issue_date", "expiry_date"]
        self.refused(auditor, self.own, "action_issue_certificates", fields=["name"])
        self.assertFalse(self.own_regs[1].comasec_certificate_ids)
        self.refused(auditor, self.own_certificate, "action_revoke", fields=fields)
        self.assertRefused(
            auditor,
            "comasec.training.certificate",
            "create",
            {"registration_id": self.own_regs[1].id},
        )
        self.assertFalse(self.own_regs[1].comasec_certificate_ids)
