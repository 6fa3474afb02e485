from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import BaseCase, tagged
from odoo.tools import mute_logger

from ..tools.sampling import draw_sample, sample_size
from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestSampleSize(BaseCase):
    def test_square_root_rounded_up(self):
        for population, size in [
            (0, 0),
            (1, 1),
            (2, 2),
            (4, 2),
            (5, 3),
            (9, 3),
            (10, 4),
            (50, 8),
            (400, 20),
            (401, 21),
        ]:
            self.assertEqual(sample_size(population), size, population)

    @settings(deadline=None)
    @given(st.integers(1, 10**7))
    def test_smallest_size_whose_square_covers_the_population(self, population):
        size = sample_size(population)
        self.assertGreaterEqual(size * size, population)
        self.assertLess((size - 1) * (size - 1), population)

    def test_draw_is_distinct_members_of_the_population(self):
        ids = list(range(100, 150))
        drawn = draw_sample(ids)
        self.assertEqual(len(drawn), 8)
        self.assertEqual(len(set(drawn)), 8)
        self.assertLessEqual(set(drawn), set(ids))


@tagged("post_install", "-at_install")
class TestInternalControl(ComasecLabelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("comasec_label.ics_min_members", "4")
        cls.auditor = cls.users["auditor"]

    def plan_audit(self, coop, auditor=None):
        audit = self.env["comasec.label.audit"].create(
            {
                "cooperative_id": coop.id,
                "standard_id": self.standard.id,
                "kind": "unannounced",
                "auditor_ids": [(6, 0, (auditor or self.auditor).ids)],
            }
        )
        return audit.with_user(auditor or self.auditor)

    def inspect(self, members, result="compliant", when=None):
        return (
            self.env["comasec.label.internal.inspection"]
            .with_user(self.label_manager)
            .create(
                [
                    {
                        "cooperative_id": member.cooperative_id.id,
                        "member_id": member.id,
                        "date": when or self.today,
                        "inspector": "Khadija, internal inspector",
                        "result": result,
                    }
                    for member in members
                ]
            )
        )

    def test_sample_size_for_1_4_50_400_members(self):
        for count, expected in [(1, 1), (4, 2), (50, 8), (400, 20)]:
            coop = self.create_coop(f"Coopérative {count}")
            members = self.add_members(coop, count)
            audit = self.plan_audit(coop)
            self.assertEqual(audit.producing_member_count, count)
            self.assertEqual(audit.ics_required, count >= 4, count)
            audit.action_draw_sample()
            sample = audit.sample_ids.member_id
            self.assertEqual(len(sample), expected, count)
            self.assertEqual(len(audit.sample_ids), expected, "each member drawn once")
            self.assertLessEqual(sample, members)
            self.assertLessEqual(sample, audit.member_ids, "the members drawn are the members to visit")
            self.assertEqual(audit.sample_drawn_by_id, self.auditor)
            self.assertTrue(audit.sample_drawn_date)
            self.assertIn(f"{expected} of {count} members", audit.message_ids[0].body)

    def test_draw_is_random_and_recorded_once(self):
        coop = self.create_coop("Coopérative Tamount")
        self.add_members(coop, 400)
        first = self.plan_audit(coop)
        first.action_draw_sample()
        with self.assertRaisesRegex(UserError, "is not drawn again"):
            first.action_draw_sample()
        second = self.plan_audit(coop)
        second.action_draw_sample()
        # 20 of 400 twice alike: about one chance in 10^33
        self.assertNotEqual(first.sample_ids.member_id, second.sample_ids.member_id)

    def test_exited_and_later_members_are_not_producing(self):
        members = self.members  # 5 members of self.coop since 2016
        members[0].write({"exit_date": date(2020, 1, 1), "exit_reason": "resignation"})
        audit = self.plan_audit(self.coop)
        self.assertEqual(audit.producing_member_count, 4)
        audit.action_draw_sample()
        self.assertNotIn(members[0], audit.sample_ids.member_id)

    def test_auditor_cannot_choose_the_sample(self):
        audit = self.plan_audit(self.coop)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            audit.write({"sample_ids": [(0, 0, {"member_id": self.members[0].id})]})
        with self.assertRaises(AccessError):
            self.env["comasec.label.audit.sample"].with_user(self.auditor).create(
                {"audit_id": audit.id, "member_id": self.members[0].id}
            )
        audit.action_draw_sample()
        audit.action_declare_no_conflict()
        audit.action_start()
        with self.assertRaisesRegex(UserError, "drawn by the audit's button"):
            audit.sample_ids[0].member_id = (self.members - audit.sample_ids.member_id)[0]
        other_auditor = self.create_user("auditor_b", ["comasec_coop.comasec_coop_group_label_auditor"])
        with self.assertRaises(AccessError):
            audit.sample_ids[0].with_user(other_auditor).external_result = "confirmed"

    def test_checklist_reads_the_internal_inspections(self):
        inspected = self.members[:4]
        self.inspect(inspected[:3])
        self.inspect(inspected[3:], result="non_compliant")
        # last year's inspection does not count for this year's audit
        self.inspect(self.members[4:], when=date(self.today.year - 1, 6, 1))
        audit = self.plan_audit(self.coop)
        self.assertTrue(audit.ics_required)
        self.assertEqual(audit.ics_inspected_count, 4)
        self.assertEqual(audit.ics_missing_member_ids, self.members[4:])
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.result = "conform"
        with self.assertRaisesRegex(UserError, "draw the sample of members to visit before closing"):
            audit.action_done()
        audit.action_draw_sample()
        for sample in audit.sample_ids:
            internal = self.env["comasec.label.internal.inspection"].search(
                [("member_id", "=", sample.member_id.id), ("year", "=", self.today.year)]
            )
            self.assertEqual(sample.inspection_id, internal)
            self.assertEqual(sample.internal_result, internal.result or False)
        with self.assertRaisesRegex(UserError, "Record what you found for each member sampled"):
            audit.action_done()
        self.assertEqual(audit.state, "in_progress")
        audit.sample_ids.write({"external_result": "confirmed", "comment": "Seen the trees and the register"})
        audit.action_done()
        self.assertEqual(audit.state, "done")
        with self.assertRaisesRegex(UserError, "only while the audit is in progress"):
            audit.sample_ids[0].external_result = "differs"

    def test_small_cooperative_closes_without_sample(self):
        coop = self.create_coop("Coopérative Ighrem")
        self.add_members(coop, 3)
        audit = self.plan_audit(coop)
        self.assertFalse(audit.ics_required)
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.result = "conform"
        audit.action_done()
        self.assertEqual(audit.state, "done")

    def test_inspection_is_one_a_year_of_a_member_of_the_cooperative(self):
        self.inspect(self.members[0])
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.inspect(self.members[0])
        other_member = self.add_members(self.other_coop, 1)
        with self.assertRaisesRegex(ValidationError, "is not a member of Coopérative Tifawin"):
            self.env["comasec.label.internal.inspection"].with_user(self.label_manager).create(
                {
                    "cooperative_id": self.coop.id,
                    "member_id": other_member.id,
                    "inspector": "Khadija",
                    "result": "compliant",
                }
            )
        inspection = self.inspect(self.members[1])
        with self.assertRaises(AccessError):
            inspection.with_user(self.auditor).result = "non_compliant"
