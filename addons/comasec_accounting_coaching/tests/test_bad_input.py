"""Bad input on comasec_accounting_coaching's wizards and forms: a clear error naming
what to fix, and no company, user, entry or bill half-created."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComasecAccountingCase

HOSTILE = '<script>alert("x")</script>'
HUGE = "x" * 100_000


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
        self.assertFalse(third.coop_company_id)

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
