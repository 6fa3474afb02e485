from odoo.addons.comasec_coop.tests.common import ComasecCoopCase
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestStandard(ComasecCoopCase):
    def test_shipped_standard_is_active_and_covers_every_section(self):
        standard = self.env["comasec.label.standard"]._get_current()
        self.assertEqual(standard, self.env.ref("comasec_label.comasec_label_standard_v1"))
        self.assertGreaterEqual(len(standard.criterion_ids), 15)
        self.assertEqual(
            set(standard.criterion_ids.mapped("section")),
            {"governance", "fairness", "quality", "traceability", "environment", "local"},
        )
        self.assertIn("critical", standard.criterion_ids.mapped("kind"))

    def test_criteria_for_sectors(self):
        standard = self.env.ref("comasec_label.comasec_label_standard_v1")
        onssa = self.env.ref("comasec_label.comasec_label_criterion_v1_qual_01")
        self.assertIn(onssa, standard._criteria_for_sectors(self.argan))
        crafts_criteria = standard._criteria_for_sectors(self.crafts)
        self.assertNotIn(onssa, crafts_criteria, "hygiene of food does not apply to crafts")
        self.assertIn(self.env.ref("comasec_label.comasec_label_criterion_v1_fair_02"), crafts_criteria)

    def test_active_standard_is_locked_and_changes_go_to_a_new_version(self):
        standard = self.env.ref("comasec_label.comasec_label_standard_v1")
        manager = self.users["manager"]
        with self.assertRaisesRegex(UserError, "Create a new version"):
            standard.criterion_ids[0].with_user(manager).weight = 9
        with self.assertRaisesRegex(UserError, "Create a new version"):
            standard.with_user(manager).version = "1b"
        action = standard.with_user(manager).action_new_version()
        new = self.env["comasec.label.standard"].browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(len(new.criterion_ids), len(standard.criterion_ids))
        new.criterion_ids[0].weight = 9
        new.version = "2"
        new.action_activate()
        self.assertEqual(standard.state, "archived")
        self.assertEqual(self.env["comasec.label.standard"]._get_current(), new)
        self.assertNotEqual(standard.criterion_ids[0].weight, 9, "the old version is untouched")

    def test_auditor_reads_but_does_not_edit_the_standard(self):
        standard = self.env.ref("comasec_label.comasec_label_standard_v1").with_user(self.users["auditor"])
        self.assertTrue(standard.criterion_ids)
        new = self.env["comasec.label.standard"].with_user(self.users["auditor"])
        with self.assertRaisesRegex(Exception, "not allowed"):
            new.create({"name": "X", "version": "9", "effective_date": "2026-01-01"})
