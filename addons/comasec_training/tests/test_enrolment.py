from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestEnrolment(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.add_members(cls.coop, 3, women=2)
        cls.session = cls.create_session(name="Bookkeeping Tiznit", days=[(date(2026, 3, 2), "full")], seats=2)

    def test_enrolment_takes_person_and_cooperative_from_the_member(self):
        registration = self.enrol(self.session, self.members[0])
        self.assertEqual(registration.partner_id, self.members[0].partner_id)
        self.assertEqual(registration.name, self.members[0].partner_id.name)
        self.assertEqual(registration.comasec_cooperative_id, self.coop)
        self.assertEqual(registration.comasec_gender, "female")
        self.assertEqual(registration.comasec_province_id, self.province)
        self.assertEqual(registration.state, "open")

    def test_enrolling_beyond_the_seats_is_refused(self):
        self.enrol(self.session, self.members[:2])
        with self.assertRaisesRegex(ValidationError, 'not enough seats.*\n- "Bookkeeping Tiznit": Missing 1'):
            self.enrol(self.session, self.members[2])
        self.assertEqual(self.session.seats_taken, 2)
        self.assertFalse(self.env["event.registration"].search([("comasec_member_id", "=", self.members[2].id)]))

    def test_member_enrolled_twice_is_refused(self):
        self.enrol(self.session, self.members[0])
        with self.assertRaisesRegex(ValidationError, "is already enrolled in Bookkeeping Tiznit"):
            self.enrol(self.session, self.members[0])
        self.assertEqual(self.session.seats_taken, 1)

    def test_member_may_enrol_again_after_a_cancellation(self):
        first = self.enrol(self.session, self.members[0])
        first.action_cancel()
        again = self.enrol(self.session, self.members[0])
        self.assertEqual(again.state, "open")

    def test_participant_who_is_not_a_member_keeps_the_cooperative_given(self):
        bookkeeper = self.env["res.partner"].create({"name": "Hassan bookkeeper"})
        registration = self.env["event.registration"].create(
            {"event_id": self.session.id, "partner_id": bookkeeper.id, "comasec_cooperative_id": self.coop.id}
        )
        self.assertEqual(registration.comasec_cooperative_id, self.coop)
        self.assertEqual(registration.partner_id, bookkeeper)
