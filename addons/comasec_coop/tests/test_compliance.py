from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from ..models.comasec_compliance_review import compliance_level, compliance_score
from ..models.comasec_facts import render_fact, to_fact
from .common import VALID_ICE, ComasecCoopCase, migration


@tagged("post_install", "-at_install")
class TestCompliance(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["comasec.compliance.rule"]
        cls.on_date = date(2026, 9, 1)

    def make_compliant(self, coop):
        """A cooperative that meets every shipped automatic rule on self.on_date."""
        members = self.add_members(coop, 6)
        coop.write({"comasec_onssa_number": "1.84.001", "comasec_onssa_expiry_date": date(2030, 1, 1)})
        self.env["comasec.coop.mandate"].create(
            [
                {
                    "member_id": members[0].id,
                    "role": "president",
                    "date_start": date(2024, 1, 1),
                    "date_end": date(2028, 1, 1),
                },
                {
                    "member_id": members[1].id,
                    "role": "treasurer",
                    "date_start": date(2024, 1, 1),
                    "date_end": date(2028, 1, 1),
                },
            ]
        )
        self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": coop.id,
                "fiscal_year": 2025,
                "convocation_date": date(2026, 4, 1),
                "held_date": date(2026, 4, 20),
                "state": "held",
            }
        )
        return members

    def evaluate(self, code, coop=None):
        coop = coop or self.coop
        rule = self.env.ref(f"comasec_coop.comasec_compliance_rule_{code}")
        result, why = rule._evaluate(coop, self.on_date)[coop.id]
        return result, render_fact(to_fact(why), "en_US")

    def test_each_automatic_rule_has_a_compliant_and_a_non_compliant_case(self):
        bare = self.create_coop("Coop without anything")
        self.make_compliant(self.coop)
        for code in ("leg_01", "leg_02", "leg_03", "leg_05", "leg_06", "leg_07", "leg_08", "hyg_01"):
            with self.subTest(rule=code):
                self.assertEqual(self.evaluate(code)[0], "compliant", self.evaluate(code)[1])
                self.assertEqual(self.evaluate(code, bare)[0], "non_compliant", self.evaluate(code, bare)[1])
        self.assertEqual(self.evaluate("leg_04")[0], "compliant")
        cheap = self.create_coop("Cheap shares", comasec_coop_share_value=50)
        result, why = self.evaluate("leg_04", cheap)
        self.assertEqual(result, "non_compliant")
        self.assertIn("below the minimum of 100", why)

    def test_assembly_held_late_is_non_compliant(self):
        self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": self.coop.id,
                "fiscal_year": 2025,
                "convocation_date": date(2026, 7, 1),
                "held_date": date(2026, 7, 15),
                "state": "held",
            }
        )
        result, why = self.evaluate("leg_02")
        self.assertEqual(result, "non_compliant")
        self.assertIn("held late", why)
        self.assertIn("2026-06-30", why)

    def test_assembly_deadline_follows_fiscal_year_end(self):
        # Fiscal year ending in June 2026: its assembly is due by 31 December 2026.
        self.coop.comasec_coop_fiscal_year_end_month = "6"
        result, why = self.evaluate("leg_02")
        self.assertIn("2025", why)
        self.assertEqual(result, "non_compliant")

    def test_ice_rule_explains_what_is_wrong(self):
        # Stored values the form would refuse (imported data): the rule still says why.
        cases = {
            VALID_ICE: ("compliant", "is valid"),
            f"{VALID_ICE[:3]} {VALID_ICE[3:]}": ("compliant", "is valid"),
            VALID_ICE[:-1] + str((int(VALID_ICE[-1]) + 1) % 10): ("non_compliant", "check digits"),
            VALID_ICE[:12]: ("non_compliant", "12 digits instead of 15"),
            "00156119100006A": ("non_compliant", "digits only"),
            "".join(chr(0x0660 + int(digit)) for digit in VALID_ICE): ("non_compliant", "is invalid"),
        }
        for ice, (expected, why) in cases.items():
            with self.subTest(ice=ice):
                self.env.cr.execute(
                    SQL("UPDATE res_partner SET company_registry = %s WHERE id = %s", ice, self.coop.id)
                )
                self.coop.invalidate_recordset(["company_registry"])
                result, explanation = self.evaluate("leg_06")
                self.assertEqual(result, expected, explanation)
                self.assertIn(why, explanation)

    def test_onssa_rule_ignores_non_food_and_flags_expired(self):
        crafts = self.create_coop("Coop tapis", comasec_coop_sector_ids=[(6, 0, self.crafts.ids)])
        self.assertEqual(self.evaluate("hyg_01", crafts)[0], "not_applicable")
        self.coop.write({"comasec_onssa_number": "1.84.002", "comasec_onssa_expiry_date": date(2026, 1, 1)})
        result, why = self.evaluate("hyg_01")
        self.assertEqual(result, "non_compliant")
        self.assertIn("expired", why)

    def test_min_members_parameter_is_marked_to_confirm(self):
        rule = self.env.ref("comasec_coop.comasec_compliance_rule_leg_05")
        self.assertTrue(rule.param_to_confirm)
        self.add_members(self.coop, 3)
        self.assertEqual(self.evaluate("leg_05")[0], "non_compliant")
        rule.param_value = 3
        self.assertEqual(self.evaluate("leg_05")[0], "compliant")

    def test_score_and_level(self):
        self.assertEqual(compliance_score([("compliant", "minor", 1), ("non_compliant", "minor", 1)]), (50.0, False))
        self.assertEqual(compliance_score([("not_applicable", "major", 5), ("compliant", "major", 2)]), (100.0, False))
        self.assertEqual(compliance_score([]), (0.0, False))
        score, critical = compliance_score([("compliant", "major", 9), ("non_compliant", "critical", 1)])
        self.assertEqual(score, 90.0)
        self.assertTrue(critical)
        self.assertEqual(compliance_level(90.0, True, 80, 50), "red")
        self.assertEqual(compliance_level(90.0, False, 80, 50), "green")
        self.assertEqual(compliance_level(60.0, False, 80, 50), "orange")
        self.assertEqual(compliance_level(40.0, False, 80, 50), "red")

    def start_review(self, coop, period="2026"):
        review = self.env["comasec.compliance.review"].create(
            {"cooperative_id": coop.id, "period": period, "review_date": self.on_date}
        )
        review.action_start()
        return review

    def set_manual(self, review, result="compliant"):
        for line in review.line_ids.filtered(lambda line: not line.automatic):
            line.result = result

    def test_review_workflow_green(self):
        self.make_compliant(self.coop)
        review = self.start_review(self.coop)
        self.assertEqual(review.state, "in_progress")
        rules = self.Rule.search([])
        self.assertEqual(review.line_ids.rule_id, rules)
        with self.assertRaisesRegex(UserError, "Not evaluated: .*LEG-09"):
            review.action_done()
        self.set_manual(review)
        review.action_done()
        self.assertEqual((review.state, review.score, review.level), ("done", 100.0, "green"))
        self.assertEqual(self.coop.comasec_compliance_level, "green")
        self.assertEqual(self.coop.comasec_compliance_trend, "new")
        self.assertFalse(review.activity_ids)

    def test_critical_non_compliance_forces_red_and_creates_followups(self):
        self.make_compliant(self.coop)
        self.coop.comasec_onssa_expiry_date = date(2026, 1, 1)
        review = self.start_review(self.coop)
        self.set_manual(review)
        owner = self.users["supervisor"]
        onssa_line = review.line_ids.filtered(lambda line: line.rule_id.code == "HYG-01")
        onssa_line.write({"followup_user_id": owner.id, "followup_deadline": date(2026, 10, 1)})
        review.action_done()
        self.assertGreater(review.score, 80)
        self.assertEqual(review.level, "red")
        self.assertEqual(len(review.activity_ids), 1)
        self.assertEqual(review.activity_ids.user_id, owner)
        self.assertEqual(review.activity_ids.date_deadline, date(2026, 10, 1))
        self.assertEqual(onssa_line.activity_id, review.activity_ids)
        self.assertEqual(self.coop.comasec_coop_followup_count, 1)

    def test_done_review_is_locked_and_reopened_by_manager_only(self):
        self.make_compliant(self.coop)
        review = self.start_review(self.coop)
        self.set_manual(review)
        review.action_done()
        with self.assertRaisesRegex(UserError, "locked"):
            review.note = "changed"
        with self.assertRaisesRegex(UserError, "locked"):
            review.line_ids[0].comment = "changed"
        with self.assertRaisesRegex(UserError, "Only a CoMaSec manager"):
            review.with_user(self.users["supervisor"])._reopen("Evidence of the assembly was forged")
        Wizard = self.env["comasec.compliance.review.reopen"].with_user(self.users["manager"])
        wizard = Form(Wizard.with_context(default_review_id=review.id))
        wizard.reason = "Evidence of the assembly was forged"
        wizard.save().action_reopen()
        self.assertEqual(review.state, "in_progress")
        self.assertIn("Evidence of the assembly was forged", review.message_ids[0].body)

    def test_evaluating_again_updates_the_lines_in_place(self):
        self.make_compliant(self.coop)
        review = self.start_review(self.coop)
        self.assertEqual(review.score, 100.0)
        share = review.line_ids.filtered(lambda line: line.rule_id.code == "LEG-04")
        share.write({"comment": "Statutes checked on site", "followup_user_id": self.users["supervisor"].id})
        lines = review.line_ids
        self.coop.comasec_coop_share_value = 50
        review.action_evaluate()
        # The same lines, the changed ones rewritten, what the supervisor wrote kept.
        self.assertEqual(review.line_ids, lines)
        self.assertEqual(share.result, "non_compliant")
        self.assertIn("below the minimum of 100", share.explanation)
        self.assertEqual(share.comment, "Statutes checked on site")
        self.assertEqual(share.followup_user_id, self.users["supervisor"])
        capital = review.line_ids.filtered(lambda line: line.rule_id.code == "LEG-03")
        # the capital is the register's: subscribed at 100 MAD a share, it is not revalued
        self.assertEqual(capital.result, "compliant")
        self.assertIn("Capital subscribed: 1200.0 MAD", capital.explanation)
        # Weights of the automatic rules: 18, of which LEG-04 (1) fails.
        self.assertEqual((review.score, review.level, review.non_compliant_count), (94.44, "green", 1))
        # A rule archived since loses its line; a new automatic rule gets one.
        archived = share.rule_id
        archived.active = False
        self.coop.comasec_coop_share_value = 100
        new_rule = self.Rule.create(
            {"code": "LEG-99", "name": "Members", "severity": "minor", "evaluator": "min_members", "param_value": 3}
        )
        review.action_evaluate()
        self.assertFalse(share.exists())
        self.assertNotIn(archived, review.line_ids.rule_id)
        added = review.line_ids.filtered(lambda line: line.rule_id == new_rule)
        self.assertEqual((added.result, added.explanation), ("compliant", "6 active members."))
        self.assertEqual((review.score, review.level, review.non_compliant_count), (100.0, "green", 0))

    def test_review_line_fields_known_to_insert(self):
        """Review lines are inserted with SQL (comasec.compliance.review._insert_lines): a
        stored field added to the line that needs a value on creation (a default, a
        computation, required) must be filled there too."""
        inserted = {"id", "review_id", "rule_id", "result", "explanation_data"}
        inserted |= {"create_uid", "create_date", "write_uid", "write_date"}
        for name, field in self.env["comasec.compliance.review.line"]._fields.items():
            if field.store and field.column_type and name not in inserted:
                with self.subTest(field=name):
                    self.assertFalse(field.default or field.compute or field.required)

    def test_automatic_result_cannot_be_typed_in(self):
        review = self.start_review(self.coop)
        line = review.line_ids.filtered("automatic")[0]
        with self.assertRaisesRegex(UserError, "comes from the data"):
            line.result = "compliant"

    def test_one_review_per_cooperative_and_period(self):
        self.start_review(self.coop)
        wizard = self.env["comasec.compliance.review.create"].create(
            {"cooperative_ids": [(6, 0, (self.coop | self.other_coop).ids)], "period": "2026"}
        )
        with self.assertRaisesRegex(UserError, "Coopérative Tifawin"):
            wizard.action_create()
        self.assertEqual(
            self.env["comasec.compliance.review"].search_count(
                [("period", "=", "2026"), ("cooperative_id", "in", (self.coop | self.other_coop).ids)]
            ),
            1,
        )

    def test_trend_over_two_reviews(self):
        self.make_compliant(self.coop)
        first = self.start_review(self.coop, "2025")
        self.set_manual(first, "non_compliant")
        first.action_done()
        second = self.start_review(self.coop, "2026")
        self.set_manual(second)
        second.review_date = self.on_date + timedelta(days=1)
        second.action_done()
        self.assertGreater(second.score, first.score)
        self.assertEqual(self.coop.comasec_compliance_trend, "up")

    def test_review_query_count_does_not_grow_with_cooperatives(self):
        """Starting and evaluating reviews costs the same queries for 50 or 500 cooperatives.

        The ORM writes rows in batches of 100 (INSERT/UPDATE_BATCH_SIZE), which adds one
        query per 100 rows whatever the code; with that batch size lifted, any query
        left that depends on the number of cooperatives would be ours.
        """

        def run(count, period):
            coops = self.env["res.partner"].create(
                [
                    {"name": f"Bulk coop {period} {i}", "is_company": True, "comasec_is_cooperative": True}
                    for i in range(count)
                ]
            )
            wizard = self.env["comasec.compliance.review.create"].create(
                {"cooperative_ids": [(6, 0, coops.ids)], "period": period, "review_date": self.on_date}
            )
            self.env.flush_all()
            self.env.invalidate_all()
            return wizard

        self.startPatcher(patch("odoo.models.INSERT_BATCH_SIZE", 100_000))
        self.startPatcher(patch("odoo.models.UPDATE_BATCH_SIZE", 100_000))
        small = run(50, "S")
        before = self.cr.sql_log_count
        small.action_create()
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        large = run(500, "L")
        with self.assertQueryCount(queries):
            large.action_create()
            self.env.flush_all()
        self.assertEqual(self.env["comasec.compliance.review"].search_count([("period", "=", "L")]), 500)

        # Evaluated again after a change that rewrites lines of every cooperative.
        Review = self.env["comasec.compliance.review"]
        counts = []
        for period, wizard in (("S", small), ("L", large)):
            reviews = Review.search([("period", "=", period)])
            wizard.cooperative_ids.comasec_coop_share_value = 50
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            reviews.action_evaluate()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            share = reviews.line_ids.filtered(lambda line: line.rule_id.code == "LEG-04")
            self.assertEqual((len(share), set(share.mapped("result"))), (len(reviews), {"non_compliant"}))
        self.assertEqual(counts[0], counts[1])

    def test_rules_of_the_removed_label_category_become_legal(self):
        rule = self.env["comasec.compliance.rule"].create({"code": "OLD-LBL", "name": "Filed under Label"})
        self.env.cr.execute(SQL("UPDATE comasec_compliance_rule SET category = 'label' WHERE id = %s", rule.id))
        migration("comasec_coop", "18.0.4.0.0", "post")(self.env.cr, "18.0.3.0.0")
        rule.invalidate_recordset()
        self.assertEqual(rule.category, "legal")
