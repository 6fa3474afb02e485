from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestCourse(ComasecTrainingCase):
    def test_pass_mark_above_maximum_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "pass mark of Bookkeeping must be between 0 and the maximum"):
            self.course.pass_mark = 25
        self.assertEqual(self.course.pass_mark, 10)

    def test_attendance_rate_is_a_percentage(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.course.min_attendance_rate = 120
            self.env.flush_all()

    def test_demo_catalogue_covers_every_main_theme(self):
        courses = self.env["comasec.training.course"].search([])
        if not self.env.ref("comasec_training.demo_course_bookkeeping", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        self.assertTrue({"accounting", "hygiene", "governance", "marketing", "quality"} <= set(courses.mapped("theme")))
        accounting = self.env.ref("comasec_training.demo_course_bookkeeping")
        self.assertIn("ACC-01", accounting.rule_ids.mapped("code"))
