"""Bad input on comasec_accounting_coaching's wizards and forms: a clear error naming
what to fix, and no company, user, entry or bill half-created."""

from datetime import date, timedelta

from odoo import Command
from odoo.addons.comasec_coop.tests.common import HUGE
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ComasecAccountingCase

HOSTILE = '<script>alert("x")</script>'


@tagged("post_install", "-at_install")
class TestAccountingBadInput(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.members = cls.add_members(cls.coop, 1)
        cls.product = cls.env["product.product"].create({"name": "Huile d'argan 1 L", "list_price": 180.0})
        # two days ahead: a day ahead is still today in the timezone of a user east of UTC
        cls.future = cls.today + timedelta(days=2)

    def assertNothingSaved(self, build, regex, models=("account.move", "res.company", "res.users")):
        before = {m: self.env[m].sudo().with_context(active_test=False).search_count([]) for m in models}
        with self.assertRaisesRegex(UserError, regex):
            build()
            self.env.flush_all()
        after = {m: self.env[m].sudo().with_context(active_test=False).search_count([]) for m in models}
        self.assertEqual(after, before, "half-saved")

    def test_onboarding_wizard(self):
        third = self.create_coop("Coopérative Tamount", register="T-103")
        person = self.env["res.partner"].create({"name": "Not a cooperative"})
        base = {"cooperative_id": third.id, "bookkeeper_name": "Bk", "bookkeeper_login": "bk_tamount"}
        cases = [
            ({"bookkeeper_login": HOSTILE}, r"The login .* is not valid: use at most 64 letters"),
            ({"bookkeeper_login": HUGE}, r"The login x{40} is not valid"),
            ({"bookkeeper_login": "bk tamount"}, r"The login bk tamount is not valid"),
            ({"bookkeeper_email": "not-an-email"}, r"The e-mail address not-an-email is not valid"),
            ({"bookkeeper_email": HOSTILE}, r"The e-mail address .* is not valid"),
            ({"bookkeeper_login": "bk_tifawin"}, r"A user with login bk_tifawin already exists"),
            ({"cooperative_id": person.id}, r"Not a cooperative is not a cooperative"),
            ({"cooperative_id": self.coop.id, "bookkeeper_login": "bk_new"}, r"already has its accounting company"),
        ]
        Wizard = self.env["comasec.accounting.onboarding"].with_user(self.users["supervisor"])
        for vals, regex in cases:
            with self.subTest(vals=str(vals)[:80]):
                wizard = Wizard.create({**base, **vals})
                self.assertNothingSaved(wizard.action_onboard, regex)
        self.assertFalse(third.comasec_coop_company_id)

    def test_cash_sale_wizard(self):
        Sale = self.env_a["comasec.cash.sale"]
        cases = [
            ({"date": date(9999, 12, 31)}, r"date of the cash sales \(9999-12-31\) must be today or earlier"),
            ({"date": date(1, 1, 1)}, r"date of the cash sales \(0001-01-01\)"),
            ({"date": self.future}, r"must be today or earlier"),
            ({"line_ids": [Command.create({"product_id": self.product.id, "quantity": -1, "price_unit": 10})]},
             r"the quantity must be positive and the price not negative"),
            ({"line_ids": [Command.create({"product_id": self.product.id, "quantity": 0, "price_unit": 10})]},
             r"the quantity must be positive"),
            ({"line_ids": [Command.create({"product_id": self.product.id, "quantity": 1, "price_unit": -10})]},
             r"the price not negative"),
        ]  # fmt: skip
        for vals, regex in cases:
            with self.subTest(vals=str(vals)[:80]):
                self.assertNothingSaved(lambda vals=vals: Sale.create(vals).action_create(), regex)
        self.assertNothingSaved(lambda: Sale.create({}).action_create(), r"Add at least one sale")

    def test_member_delivery_wizard(self):
        Delivery = self.env_a["comasec.member.delivery"]
        line = {"member_id": self.members.id, "product_id": self.product.id, "quantity": 3}
        cases = [
            (
                {"date": date(9999, 12, 31), "line_ids": [Command.create(line)]},
                r"date of the deliveries \(9999-12-31\)",
            ),
            ({"date": self.future, "line_ids": [Command.create(line)]}, r"must be today or earlier"),
            ({"line_ids": [Command.create({**line, "quantity": -3})]}, r"must be positive \(got -3.0\)"),
            ({"line_ids": [Command.create({**line, "price_unit": -1})]}, r"The price of .* cannot be negative"),
            ({}, r"Add at least one delivery"),
        ]
        for vals, regex in cases:
            with self.subTest(vals=str(vals)[:80]):
                self.assertNothingSaved(lambda vals=vals: Delivery.create(vals).action_create_bills(), regex)

    def test_surplus_allocation_percentages(self):
        Allocation = self.env_a["comasec.surplus.allocation"]
        for legal, statutory in [(-10, 10), (10, -1), (60, 60), (150, 0)]:
            with self.subTest(legal=legal, statutory=statutory):
                self.assertNothingSaved(
                    lambda legal=legal, statutory=statutory: Allocation.create(
                        {"legal_percent": legal, "statutory_percent": statutory}
                    ),
                    r"The reserve percentages .* must each be 0 or more and add up to at most 100",
                )

    def test_coaching_and_minimum_wage(self):
        with self.assertRaisesRegex(ValidationError, r"ends before it starts"):
            with Form(self.env["comasec.coaching.plan"]) as form:
                form.name = "Plan"
                form.cooperative_id = self.coop
                form.date_start = date(2026, 3, 1)
                form.date_end = date(2026, 1, 1)
        self.assertFalse(self.env["comasec.coaching.plan"].search_count([("cooperative_id", "=", self.coop.id)]))
        with self.assertRaisesRegex(ValidationError, r"A minimum wage must be positive"):
            self.env["comasec.minimum.wage"].create({"kind": "smig", "date": date(2030, 1, 1), "amount": -1})

    def test_coaching_plan_values(self):
        person = self.env["res.partner"].create({"name": "Not a cooperative"})
        base = {
            "name": "Plan",
            "cooperative_id": self.coop.id,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 6, 30),
        }
        cases = [
            ({"date_start": date(1, 1, 1)}, r"runs from 0001-01-01 to 2026-06-30: its dates must be between 1900"),
            ({"date_end": date(9999, 12, 31)}, r"to 9999-12-31: its dates must be between 1900 and ten years"),
            ({"date_end": date(2025, 1, 1)}, r"The coaching plan Plan ends before it starts"),
            ({"cooperative_id": person.id}, r"Not a cooperative is not a cooperative: a coaching plan is for"),
        ]  # fmt: skip
        Plan = self.env["comasec.coaching.plan"].with_user(self.users["supervisor"])
        for vals, regex in cases:
            with self.subTest(vals=str(vals)):
                self.assertNothingSaved(
                    lambda vals=vals: Plan.create({**base, **vals}), regex, models=("comasec.coaching.plan",)
                )
        plan = Plan.create({**base, "name": HOSTILE, "objectives": f"<p>ok</p>{HOSTILE}"})
        self.assertEqual(plan.name, HOSTILE, "a name is kept as typed")
        self.assertNotIn("<script>", plan.objectives, "the HTML objectives are sanitised")
        for message in plan.message_ids:
            self.assertNotIn("<script>", message.body)
        for vals, regex in cases[:2]:
            with self.subTest(write=str(vals)):
                with self.assertRaisesRegex(ValidationError, regex.replace("Plan", ".*")):
                    plan.write(vals)
                self.assertEqual(plan.date_start, date(2026, 1, 1))

    def test_coaching_visit_and_findings(self):
        plan = self.env["comasec.coaching.plan"].create(
            {"name": "Plan", "cooperative_id": self.coop.id, "date_end": self.today + timedelta(days=90)}
        )
        Visit = self.env["comasec.coaching.visit"]
        for value in (date(1, 1, 1), date(9999, 12, 31), self.today + timedelta(days=400)):
            with self.subTest(date=value):
                self.assertNothingSaved(
                    lambda value=value: Visit.create({"plan_id": plan.id, "date": value}),
                    rf"The date of the visit to .* \({value}\) must be between 1900 and one year from today",
                    models=("comasec.coaching.visit",),
                )
        with mute_logger("odoo.sql_db"), self.assertRaisesRegex(Exception, r"foreign key"):
            # the web client turns this IntegrityError into "The operation cannot be completed"
            Visit.create({"plan_id": 999_999_999})
            self.env.flush_all()
        visit = Visit.create({"plan_id": plan.id, "recommendations": f"<p>Keep a cash book</p>{HOSTILE}"})
        self.assertNotIn("<script>", visit.recommendations)
        with self.assertRaisesRegex(ValueError, r"Wrong value for comasec.coaching.finding.indicator"):
            self.env["comasec.coaching.finding"].create({"visit_id": visit.id, "indicator": "<b>x</b>"})
        self.assertFalse(visit.finding_ids)
        finding = self.env["comasec.coaching.finding"].create({"visit_id": visit.id, "note": HOSTILE + HUGE})
        self.assertTrue(finding.note.startswith(HOSTILE), "a finding is kept as typed")
