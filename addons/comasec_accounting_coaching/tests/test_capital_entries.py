from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestCapitalEntries(ComasecAccountingCase):
    """The bookkeeper keeps the capital register; each movement that changes the capital
    or the members' debts posts its entry, and the books equal the register at any date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 5 founders of 4 shares of 100 MAD, 2 paid, on 2021-01-04 (opening movements and entries)
        cls.members = cls.add_members(cls.coop, 5, shares=4, paid=2, join=date(2021, 1, 4))
        cls.fatima, cls.hassan, cls.aicha = cls.members[:3]
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.Movement = cls.env_a["comasec.coop.capital.movement"]
        cls.bank = cls.env_a["account.journal"].search([("company_id", "=", cls.company.id), ("type", "=", "bank")])

    def entry(self, movement):
        """{(account code, partner name): (debit, credit)} of the movement's posted entry."""
        move = movement.move_id.with_env(self.env_a)
        self.assertEqual(move.state, "posted")
        return {
            (line.account_id.code[:4], line.partner_id.name or ""): (line.debit, line.credit) for line in move.line_ids
        }

    def books(self, on_date, code):
        """Debit minus credit of the company's account ``code`` on ``on_date``, from the ledger."""
        lines = self.env_a["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", on_date),
                ("account_id.code", "=like", f"{code}%"),
            ]
        )
        return sum(lines.mapped("debit")) - sum(lines.mapped("credit"))

    def assertBooksEqualRegister(self, on_date):
        register = self.coop._comasec_capital_at(on_date)
        self.assertAlmostEqual(-self.books(on_date, "1111"), register["subscribed"], msg=f"capital on {on_date}")
        self.assertAlmostEqual(self.books(on_date, "3462"), register["to_pay"], msg=f"unpaid on {on_date}")

    def test_each_movement_posts_its_entry_and_the_books_equal_the_register(self):
        name = self.fatima.partner_id.name
        opening = self.fatima.movement_ids
        self.assertEqual(self.entry(opening[0]), {("3462", name): (400.0, 0.0), ("1111", ""): (0.0, 400.0)})
        self.assertEqual(opening[1].move_id.journal_id.type, "cash")
        self.assertEqual(self.entry(opening[1])[("3462", name)], (0.0, 200.0))

        subscription = self.record_movement(self.fatima, "subscription", date(2024, 3, 1), shares=3)
        self.assertEqual(self.entry(subscription), {("3462", name): (300.0, 0.0), ("1111", ""): (0.0, 300.0)})
        first = self.record_movement(self.fatima, "payment", date(2024, 4, 1), amount=150.0, journal_id=self.bank)
        self.assertEqual(first.move_id.journal_id, self.bank)
        bank_code = self.bank.default_account_id.code[:4]
        self.assertEqual(self.entry(first), {(bank_code, name): (150.0, 0.0), ("3462", name): (0.0, 150.0)})
        self.record_movement(self.fatima, "payment", date(2024, 5, 1), amount=350.0)
        self.assertEqual((self.fatima.amount_paid, self.fatima.amount_to_pay), (700.0, 0.0))

        transfer = self.record_movement(
            self.fatima,
            "transfer",
            date(2024, 6, 3),
            shares=2,
            to_member_id=self.hassan,
            board_approval_date=date(2024, 5, 28),
        )
        self.assertFalse(transfer.move_id, "shares change hands, the cooperative's capital does not")

        self.aicha.with_user(self.users["supervisor"]).write({"exit_date": date(2024, 9, 30), "exit_reason": "death"})
        refund = self.record_movement(self.aicha, "refund", date(2024, 10, 15), shares=4, reason="Death of the member")
        aicha = self.aicha.partner_id.name
        cash = refund.journal_id.with_env(self.env_a).default_account_id.code[:4]
        self.assertEqual(
            self.entry(refund), {("1111", ""): (400.0, 0.0), ("3462", aicha): (0.0, 200.0), (cash, aicha): (0.0, 200.0)}
        )
        self.assertEqual(self.aicha.amount_to_refund, 0.0)

        assembly = self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": self.coop.id,
                "kind": "extraordinary",
                "fiscal_year": 2024,
                "convocation_date": date(2024, 11, 1),
                "held_date": date(2024, 11, 20),
                "state": "held",
            }
        )
        reduction = self.record_movement(self.hassan, "reduction", date(2024, 12, 2), shares=3, assembly_id=assembly)
        hassan = self.hassan.partner_id.name
        # Hassan held 6 shares (600), 400 paid: the 200 unpaid go first, 100 paid is owed to him
        self.assertEqual(
            self.entry(reduction),
            {("1111", ""): (300.0, 0.0), ("3462", hassan): (0.0, 200.0), ("4463", hassan): (0.0, 100.0)},
        )
        for on_date in (
            date(2021, 1, 3),
            date(2021, 1, 4),
            date(2024, 3, 31),
            date(2024, 4, 30),
            date(2024, 6, 3),
            date(2024, 10, 15),
            date(2024, 12, 31),
        ):
            with self.subTest(on_date=on_date):
                self.assertBooksEqualRegister(on_date)
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 12, 31))["subscribed"], 2000.0 + 300 - 400 - 300)

    def test_refusals_as_the_bookkeeper(self):
        with self.assertRaisesRegex(ValidationError, r"holds 2 fully paid share\(s\) on 2024-06-03: a transfer of 3"):
            self.record_movement(
                self.fatima,
                "transfer",
                date(2024, 6, 3),
                shares=3,
                to_member_id=self.hassan,
                board_approval_date=date(2024, 6, 1),
            )
        with self.assertRaisesRegex(ValidationError, "has not left the cooperative"):
            self.record_movement(self.fatima, "refund", date(2024, 6, 3), shares=4, reason="Resignation")
        other_journal = (
            self.env["account.journal"]
            .sudo()
            .search([("company_id", "=", self.other_company.id), ("type", "=", "cash")])
        )
        with self.assertRaisesRegex(ValidationError, "cash or bank journal of"):
            self.Movement.create(
                {
                    "member_id": self.fatima.id,
                    "kind": "payment",
                    "date": date(2024, 6, 3),
                    "amount": 50.0,
                    "journal_id": other_journal.id,
                }
            )
        self.assertEqual(self.fatima.amount_paid, 200.0, "nothing half-saved")
        # the other cooperative's register is out of reach
        other = self.add_members(self.other_coop, 1)
        self.assertFalse(self.Movement.search([("member_id", "=", other.id)]))
        with self.assertRaises(AccessError):
            self.Movement.create({"member_id": other.id, "kind": "payment", "amount": 10.0})

    def test_onboarding_opens_the_books_with_the_register_kept_before(self):
        coop = self.create_coop(
            "Coopérative Tazoult", register="T-103", comasec_coop_if="11223344", comasec_coop_tp="47108888"
        )
        members = self.add_members(coop, 5, shares=3, paid=3, join=date(2019, 3, 1))
        members[0].write({"exit_date": date(2022, 6, 30), "exit_reason": "resignation"})
        self.env["comasec.coop.capital.movement"].create(
            {"member_id": members[0].id, "kind": "refund", "date": date(2022, 7, 5), "shares": 3, "reason": "Left"}
        )
        company = self.onboard(coop, "tazoult")
        env = self.company_env(self.env["res.users"].search([("login", "=", "bk_tazoult")]), company)
        movements = env["comasec.coop.capital.movement"].search([("cooperative_id", "=", coop.id)])
        self.assertEqual(len(movements), 11)
        self.assertTrue(all(m.move_id.state == "posted" for m in movements))
        for on_date, capital in ((date(2019, 3, 1), 1500.0), (date(2022, 7, 4), 1500.0), (date(2022, 7, 5), 1200.0)):
            lines = env["account.move.line"].search(
                [("company_id", "=", company.id), ("date", "<=", on_date), ("account_id.code", "=like", "1111%")]
            )
            self.assertAlmostEqual(sum(lines.mapped("credit")) - sum(lines.mapped("debit")), capital)
            self.assertEqual(coop._comasec_capital_at(on_date)["subscribed"], capital)
