from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestTerritorialDiagnosis(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Diagnosis = cls.env["comasec.territorial.diagnosis"]
        cls.diagnosis = cls.Diagnosis.create(
            {
                "name": "Tafraout district",
                "province_id": cls.province.id,
                "date_start": date(2012, 4, 21),
                "date_end": date(2012, 4, 26),
                "cooperative_ids": [(6, 0, cls.coop.ids)],
                "operator_ids": [(0, 0, {"partner_id": cls.coop.id, "notes": "Sells almonds in bulk."})],
            }
        )
        cls.other_diagnosis = cls.Diagnosis.create(
            {
                "name": "Aït Baha district",
                "province_id": cls.env.ref("comasec_coop.comasec_province_chtouka").id,
                "date_start": date(2011, 3, 7),
                "date_end": date(2011, 3, 11),
                "cooperative_ids": [(6, 0, cls.other_coop.ids)],
            }
        )

    def test_end_before_start_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends \\(2012-04-20\\) before it starts"):
            self.diagnosis.date_end = date(2012, 4, 20)
        self.assertEqual(self.diagnosis.date_end, date(2012, 4, 26))

    def test_feedback_before_the_diagnosis_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot precede the diagnosis"):
            self.env["comasec.territorial.diagnosis.feedback"].create(
                {"diagnosis_id": self.diagnosis.id, "date": date(2012, 4, 1), "audience": "population"}
            )
        self.assertFalse(self.diagnosis.feedback_ids)

    def test_reported_needs_a_feedback_session(self):
        self.diagnosis.action_field()
        with self.assertRaisesRegex(ValidationError, "record the feedback session"):
            self.diagnosis.action_reported()
        self.assertEqual(self.diagnosis.state, "field")
        with Form(self.diagnosis) as form:
            with form.feedback_ids.new() as session:
                session.date = date(2012, 4, 26)
                session.audience = "authorities"
        self.diagnosis.action_reported()
        self.assertEqual(self.diagnosis.state, "reported")
        self.assertEqual(self.diagnosis.operator_count, 1)
        self.assertEqual(self.diagnosis.cooperative_count, 1)

    def test_same_operator_once(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.diagnosis.write({"operator_ids": [(0, 0, {"partner_id": self.coop.id})]})

    def test_access(self):
        self.assertEqual(self.Diagnosis.with_user(self.portal_user).search([]), self.diagnosis)
        with self.assertRaises(AccessError):
            self.other_diagnosis.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.diagnosis.with_user(self.portal_user).name = "x"
        with self.assertRaises(AccessError):
            self.diagnosis.operator_ids.with_user(self.portal_user).read(["notes"])
        for name in ("trainer", "auditor", "committee"):
            with self.subTest(group=name):
                diagnosis = self.diagnosis.with_user(self.users[name])
                self.assertEqual(diagnosis.operator_ids.notes, "Sells almonds in bulk.")
                with self.assertRaises(AccessError):
                    diagnosis.name = "x"
        supervisor = self.users["supervisor"]
        created = self.Diagnosis.with_user(supervisor).create(
            {
                "name": "Taliouine",
                "province_id": self.province.id,
                "date_start": date(2026, 5, 1),
                "date_end": date(2026, 5, 3),
                "team_ids": [(6, 0, supervisor.ids)],
            }
        )
        self.assertEqual(created.user_id, supervisor)
        with self.assertRaises(AccessError):
            created.unlink()
        with self.assertRaises(AccessError):
            self.Diagnosis.with_user(self.users["employee"]).search([])

    def test_bookkeeper_sees_the_diagnoses_of_its_cooperative(self):
        bookkeeper = self.bookkeeper_of(self.coop, "comasec_bookkeeper", "Tifawin books")
        self.assertEqual(self.Diagnosis.with_user(bookkeeper).search([]), self.diagnosis)
        with self.assertRaises(AccessError):
            self.diagnosis.operator_ids.with_user(bookkeeper).read(["notes"])
