from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import VALID_ICE, ComasecCoopCase


@tagged("post_install", "-at_install")
class TestCooperative(ComasecCoopCase):
    def test_ice_is_stored_normalised(self):
        coop = self.create_coop("Coop ICE", ice="001 561 191 000066")
        self.assertEqual(coop.company_registry, VALID_ICE)

    def test_ice_typed_as_printed_is_stored_as_its_15_digits(self):
        """The supervisor types the ICE as it is printed on an invoice or a certificate."""
        for typed in ("001-561191-000066", "001.561191.000066", "001 561191-000066", " 001/561191/000066 "):
            with self.subTest(typed=typed):
                form = Form(
                    self.env["res.partner"]
                    .with_user(self.users["supervisor"])
                    .with_context(default_comasec_is_cooperative=True, default_is_company=True)
                )
                form.name = f"Coopérative {typed}"
                form.company_registry = typed
                coop = form.save()
                self.assertEqual(coop.company_registry, VALID_ICE)
                coop.with_user(self.users["supervisor"]).company_registry = "002-136093-000040"
                self.assertEqual(coop.company_registry, "002136093000040")
        with self.assertRaisesRegex(ValidationError, r"The ICE 001-561191-000067 is invalid: .*check digits"):
            self.create_coop("Coop bad ICE", ice="001-561191-000067")

    def test_invalid_ice_says_what_is_wrong(self):
        cases = {
            "001561191000067": "check digits",
            "00156119100006": "14 digits instead of 15",
            "00156119100006A": "digits only",
        }
        for value, reason in cases.items():
            with self.subTest(value=value), self.assertRaises(ValidationError) as error:
                self.create_coop("Coop bad ICE", ice=value)
            self.assertIn(value, str(error.exception))
            self.assertIn(reason, str(error.exception))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Coop bad ICE")]))

    def test_ice_of_ordinary_partner_is_not_checked(self):
        partner = self.env["res.partner"].create({"name": "Buyer", "company_registry": "12345"})
        self.assertEqual(partner.company_registry, "12345")

    @mute_logger("odoo.sql_db")
    def test_register_number_is_unique_per_court(self):
        with self.assertRaises(IntegrityError):
            self.create_coop("Duplicate", register="T-101")

    def test_register_number_may_repeat_in_another_court(self):
        coop = self.create_coop("Elsewhere", register="T-101", comasec_coop_register_court="Tribunal de Taroudant")
        self.assertTrue(coop)

    def test_capital_and_members_from_member_register(self):
        self.add_members(self.coop, 6, women=5, shares=3, paid=2)
        self.assertEqual(self.coop.comasec_coop_member_count, 6)
        self.assertEqual(self.coop.comasec_coop_women_count, 5)
        self.assertEqual(self.coop.comasec_coop_capital_subscribed, 6 * 3 * 100)
        self.assertEqual(self.coop.comasec_coop_capital_paid, 6 * 2 * 100)
        leaver = self.coop.comasec_coop_member_ids[0]
        leaver.write({"exit_date": date(2020, 1, 1), "exit_reason": "resignation"})
        self.assertEqual(self.coop.comasec_coop_member_count, 5)
        # the capital stays until the member who left is refunded (Law 112-12's variable capital)
        self.assertEqual(self.coop.comasec_coop_capital_subscribed, 6 * 3 * 100)
        self.assertEqual(leaver.amount_to_refund, 2 * 100)
        self.env["comasec.coop.capital.movement"].create(
            {"member_id": leaver.id, "kind": "refund", "date": date(2020, 2, 1), "shares": 3, "reason": "Resignation"}
        )
        self.assertEqual(self.coop.comasec_coop_capital_subscribed, 5 * 3 * 100)
        self.assertEqual(self.coop.comasec_coop_capital_paid, 5 * 2 * 100)
        self.assertEqual(leaver.amount_to_refund, 0)

    def test_member_numbers_follow_entry_order_per_cooperative(self):
        first = self.add_members(self.coop, 3)
        other = self.add_members(self.other_coop, 2)
        more = self.add_members(self.coop, 2)
        self.assertEqual(first.mapped("number"), [1, 2, 3])
        self.assertEqual(other.mapped("number"), [1, 2])
        self.assertEqual(more.mapped("number"), [4, 5])

    def test_exit_before_join_is_refused(self):
        member = self.add_members(self.coop, 1)
        with self.assertRaisesRegex(ValidationError, "exit date .* is before the join date"):
            member.write({"exit_date": date(2010, 1, 1), "exit_reason": "resignation"})
        member.invalidate_recordset()
        self.assertFalse(member.exit_date)

    def test_shares_below_minimum_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "at least 1"):
            self.add_members(self.coop, 1, shares=0, paid=0)
        with self.assertRaisesRegex(ValidationError, "shares paid"):
            self.add_members(self.coop, 1, shares=1, paid=3)

    @mute_logger("odoo.sql_db")
    def test_member_twice_in_same_cooperative_is_refused(self):
        member = self.add_members(self.coop, 1)
        with self.assertRaises(IntegrityError):
            self.env["comasec.coop.member"].create(
                {"cooperative_id": self.coop.id, "partner_id": member.partner_id.id, "gender": "female"}
            )

    def test_food_sector_requires_onssa(self):
        self.assertTrue(self.coop.comasec_coop_makes_food)
        self.coop.write({"comasec_onssa_number": "12.34.567", "comasec_onssa_expiry_date": date(2000, 1, 1)})
        self.assertFalse(self.coop.comasec_onssa_valid)
        self.assertIn(self.coop, self.env["res.partner"].search([("comasec_onssa_valid", "=", False)]))
        self.coop.comasec_onssa_expiry_date = date(self.today.year + 1, 1, 1)
        self.assertTrue(self.coop.comasec_onssa_valid)

    def test_assembly_workflow_and_quorum(self):
        self.add_members(self.coop, 4)
        assembly = self.env["comasec.coop.assembly"].create(
            {"cooperative_id": self.coop.id, "fiscal_year": 2025, "convocation_date": date(2026, 3, 1)}
        )
        assembly.action_convene()
        self.assertEqual(assembly.state, "convened")
        self.assertEqual(len(assembly.attendance_ids), 4)
        assembly.attendance_ids[:2].status = "present"
        assembly.attendance_ids[2].status = "represented"
        self.assertEqual(assembly.attendance_rate, 75.0)
        self.assertTrue(assembly.quorum_reached)
        assembly.held_date = date(2026, 3, 20)
        assembly.action_hold()
        self.assertEqual(assembly.state, "held")

    def test_assembly_held_before_convened_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it was convened"):
            self.env["comasec.coop.assembly"].create(
                {
                    "cooperative_id": self.coop.id,
                    "convocation_date": date(2026, 3, 1),
                    "held_date": date(2026, 2, 1),
                }
            )

    def test_mandates_in_force_and_expired(self):
        member = self.add_members(self.coop, 1)
        mandates = self.env["comasec.coop.mandate"].create(
            [
                {
                    "member_id": member.id,
                    "role": "president",
                    "date_start": date(2015, 1, 1),
                    "date_end": date(2018, 1, 1),
                },
                {
                    "member_id": member.id,
                    "role": "president",
                    "date_start": date(2018, 1, 2),
                    "date_end": date(self.today.year + 2, 1, 1),
                },
            ]
        )
        self.assertEqual(mandates.mapped("in_force"), [False, True])
        self.assertEqual(self.env["comasec.coop.mandate"].search([("in_force", "=", True)]) & mandates, mandates[1])

    def test_cooperative_form_for_supervisor(self):
        form = Form(
            self.env["res.partner"]
            .with_user(self.users["supervisor"])
            .with_context(default_comasec_is_cooperative=True, default_is_company=True)
        )
        form.name = "Coopérative Taliouine Safran"
        form.comasec_is_cooperative = True
        form.company_registry = VALID_ICE
        coop = form.save()
        self.assertTrue(coop.comasec_is_cooperative)
