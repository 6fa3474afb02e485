from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestAccess(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.create_session(name="Own session", days=[(date(2026, 3, 2), "full")], trainers=cls.trainer)
        cls.others = cls.create_session(
            name="Someone else's", days=[(date(2026, 3, 2), "full")], trainers=cls.other_trainer
        )
        cls.own_regs = cls.enrol(cls.own, cls.add_members(cls.coop, 2))
        cls.other_regs = cls.enrol(cls.others, cls.add_members(cls.other_coop, 2))

    def test_trainer_edits_attendance_of_own_sessions_only(self):
        env = self.env(user=self.trainer_user)
        grid = Form(env["comasec.training.attendance.grid"].with_context(default_event_id=self.own.id))
        grid.save().action_save()
        self.assertEqual(len(self.own_regs.comasec_attendance_ids), 2)
        attendance = env["comasec.training.attendance"].browse(self.own_regs.comasec_attendance_ids.ids)
        attendance[0].present = False
        self.assertEqual(
            self.own_regs.sorted("id")[0].comasec_attendance_rate
            + self.own_regs.sorted("id")[1].comasec_attendance_rate,
            100,
        )
        env["event.registration"].browse(self.own_regs[0].id).comasec_post_score = 14

        with self.assertRaises(AccessError):
            env["comasec.training.attendance"].create(
                {"registration_id": self.other_regs[0].id, "day_id": self.others.comasec_day_ids.id}
            )
        others_attendance = self.attend(self.other_regs)
        self.assertTrue(env["comasec.training.attendance"].browse(others_attendance.ids).mapped("present"), "reads")
        with self.assertRaises(AccessError):
            env["comasec.training.attendance"].browse(others_attendance[0].id).present = False
        with self.assertRaises(AccessError):
            env["event.registration"].browse(self.other_regs[0].id).comasec_post_score = 20
        self.assertTrue(others_attendance[0].present)

    def test_manager_edits_any_session(self):
        env = self.env(user=self.users["manager"])
        others_attendance = self.attend(self.other_regs)
        env["comasec.training.attendance"].browse(others_attendance[0].id).present = False
        self.assertFalse(others_attendance[0].present)

    def test_portal_user_sees_own_members_trainings_and_certificates_only(self):
        self.attend(self.own_regs | self.other_regs)
        (self.own_regs | self.other_regs).comasec_post_score = 15
        certificates = (self.own_regs | self.other_regs).action_issue_certificate()
        env = self.env(user=self.portal_user)
        visible = env["event.registration"].search([])
        self.assertEqual(visible, env["event.registration"].browse(self.own_regs.ids))
        self.assertEqual(visible.mapped("event_id.name"), ["Own session"])
        self.assertEqual(
            set(env["comasec.training.certificate"].search([]).ids),
            set(certificates.filtered(lambda c: c.cooperative_id == self.coop).ids),
        )
        self.assertEqual(env["event.event"].search([]).ids, self.own.ids)
        with self.assertRaises(AccessError):
            env["event.registration"].browse(self.other_regs[0].id).read(["name"])
        with self.assertRaises(AccessError):
            env["comasec.training.certificate"].browse(certificates[-1].id).read(["name"])
        with self.assertRaises(AccessError):
            env["event.registration"].browse(self.own_regs[0].id).comasec_post_score = 20

    def test_refusals_say_what_to_do(self):
        self.attend(self.own_regs)
        self.own_regs.comasec_post_score = 15
        certificate = self.own_regs[0].action_issue_certificate()
        env = self.env(user=self.trainer_user)
        with self.assertRaisesRegex(AccessError, r"Number cannot be set by hand: .* changes only through Revoke"):
            env["comasec.training.certificate"].browse(certificate.id).name = "FC-FAKE"
        with self.assertRaisesRegex(AccessError, r"cannot change Result of an enrolment: .* computed"):
            env["event.registration"].browse(self.own_regs[1].id).comasec_result = "failed"
        with self.assertRaisesRegex(UserError, r"stays with its participant and session day: .* delete it"):
            env["comasec.training.attendance"].browse(
                self.own_regs[0].comasec_attendance_ids.id
            ).day_id = self.others.comasec_day_ids
        with self.assertRaisesRegex(UserError, r"belongs to its session: delete it"):
            env["comasec.training.session.day"].browse(self.own.comasec_day_ids.id).event_id = self.others
        self.assertEqual((certificate.name[:3], self.own_regs[1].comasec_result), ("FC-", "passed"))
        env["comasec.training.certificate"].browse(certificate.id).action_revoke()
        self.assertEqual(certificate.state, "revoked")
