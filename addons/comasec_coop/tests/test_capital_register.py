from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestCapitalRegister(ComasecCoopCase):
    """The capital register kept by the cooperative's bookkeeper, in comasec_coop alone
    (the journal entries are comasec_accounting_coaching's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bookkeeper = cls.bookkeeper_of(cls.coop, "tifawin_register", "Tifawin books")
        # 10 members of 3 shares of 100 MAD, 2 paid: capital 3,000 MAD, 2,000 paid
        cls.members = cls.add_members(cls.coop, 10, shares=3, paid=2, join=date(2020, 1, 1))
        cls.fatima, cls.hassan = cls.members[:2]
        cls.Movement = cls.env["comasec.coop.capital.movement"].with_user(cls.bookkeeper)

    def balances(self, member):
        member.invalidate_recordset()
        return (member.shares_subscribed, member.amount_subscribed, member.amount_paid, member.amount_to_pay)

    def test_opening_balances_come_from_the_register(self):
        self.assertEqual(self.balances(self.fatima), (3, 300.0, 200.0, 100.0))
        self.assertEqual(
            [(m.kind, m.date, m.shares, m.amount) for m in self.fatima.movement_ids],
            [("subscription", date(2020, 1, 1), 3, 300.0), ("payment", date(2020, 1, 1), 0, 200.0)],
        )
        self.assertEqual(
            (self.coop.comasec_coop_capital_subscribed, self.coop.comasec_coop_capital_paid), (3000.0, 2000.0)
        )
        with self.assertRaisesRegex(UserError, "shares change only through the capital register"):
            self.fatima.shares_subscribed = 5

    def test_subscription_and_payment_in_instalments(self):
        self.record_movement(self.fatima, "subscription", date(2024, 1, 10), shares=2)
        self.assertEqual(self.balances(self.fatima), (5, 500.0, 200.0, 300.0))
        self.record_movement(self.fatima, "payment", date(2024, 2, 1), amount=120.0)
        self.record_movement(self.fatima, "payment", date(2024, 3, 1), amount=130.0)
        self.assertEqual(self.balances(self.fatima), (5, 500.0, 450.0, 50.0))
        self.assertEqual(self.fatima.shares_paid, 4)
        with self.assertRaisesRegex(ValidationError, r"has 50.0 of subscribed capital left to pay .* 60.0 is too much"):
            self.record_movement(self.fatima, "payment", date(2024, 4, 1), amount=60.0)
        # the register at a date: what the cooperative held then
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 1, 31))["subscribed"], 3200.0)
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 2, 29))["paid"], 2120.0)
        self.assertEqual(self.coop._comasec_capital_at(date(2019, 12, 31)), {"subscribed": 0, "paid": 0, "to_pay": 0})

    def test_transfer_of_paid_shares_with_the_board_approval(self):
        transfer = self.record_movement(
            self.fatima,
            "transfer",
            date(2024, 5, 2),
            shares=2,
            to_member_id=self.hassan,
            board_approval_date=date(2024, 4, 28),
        )
        self.assertEqual(transfer.amount, 200.0)
        self.assertEqual(self.balances(self.fatima), (1, 100.0, 0.0, 100.0))
        self.assertEqual(self.balances(self.hassan), (5, 500.0, 400.0, 100.0))
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 5, 2))["subscribed"], 3000.0, "capital unchanged")
        # Fatima has no fully paid share left
        with self.assertRaisesRegex(ValidationError, r"holds 0 fully paid share\(s\) on 2024-05-03: a transfer of 1"):
            self.record_movement(
                self.fatima,
                "transfer",
                date(2024, 5, 3),
                shares=1,
                to_member_id=self.hassan,
                board_approval_date=date(2024, 5, 3),
            )
        with self.assertRaisesRegex(ValidationError, "board approved the transfer"):
            self.Movement.create(
                {
                    "member_id": self.hassan.id,
                    "kind": "transfer",
                    "date": date(2024, 6, 1),
                    "shares": 1,
                    "to_member_id": self.fatima.id,
                }
            )

    def test_refund_only_after_the_exit_and_within_the_minimum_capital(self):
        with self.assertRaisesRegex(ValidationError, "has not left the cooperative on 2024-06-30"):
            self.record_movement(self.fatima, "refund", date(2024, 6, 30), shares=3, reason="Resignation")
        self.fatima.write({"exit_date": date(2024, 6, 30), "exit_reason": "resignation"})
        self.assertEqual(self.fatima.amount_to_refund, 200.0)
        refund = self.record_movement(self.fatima, "refund", date(2024, 7, 15), shares=3, reason="Resignation")
        self.assertEqual((refund.amount, refund.unpaid_cancelled), (300.0, 100.0))
        self.assertEqual(self.balances(self.fatima), (0, 0.0, 0.0, 0.0))
        self.assertEqual(self.fatima.amount_to_refund, 0.0)
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 7, 15))["paid"], 1800.0)
        # a movement is never changed: another one corrects it
        with self.assertRaisesRegex(UserError, "not changed once recorded"):
            refund.reason = "Death"
        # 1,800 paid up: a refund of Hassan's 200 paid would leave 1,600, below a minimum of 1,700
        self.env["ir.config_parameter"].set_param("comasec_coop.min_paid_capital", "1700")
        self.hassan.write({"exit_date": date(2024, 8, 1), "exit_reason": "exclusion"})
        with self.assertRaisesRegex(ValidationError, "from 1800.0 to 1600.0, below the legal minimum of 1700"):
            self.record_movement(self.hassan, "refund", date(2024, 8, 2), shares=3, reason="Exclusion")
        # unless an assembly decided it
        assembly = self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": self.coop.id,
                "kind": "extraordinary",
                "fiscal_year": 2024,
                "convocation_date": date(2024, 7, 20),
                "held_date": date(2024, 7, 30),
                "state": "held",
            }
        )
        self.record_movement(
            self.hassan, "refund", date(2024, 8, 2), shares=3, reason="Exclusion", assembly_id=assembly
        )
        self.assertEqual(self.coop._comasec_capital_at(date(2024, 8, 2))["paid"], 1600.0)

    def test_assembly_decisions_and_date_order(self):
        with self.assertRaisesRegex(ValidationError, "needs the decision of an assembly"):
            self.Movement.create(
                {"member_id": self.fatima.id, "kind": "increase", "date": date(2024, 7, 1), "shares": 1}
            )
        assembly = self.env["comasec.coop.assembly"].create(
            {
                "cooperative_id": self.coop.id,
                "kind": "extraordinary",
                "fiscal_year": 2024,
                "convocation_date": date(2024, 6, 1),
                "held_date": date(2024, 6, 20),
                "state": "held",
            }
        )
        self.record_movement(self.fatima, "increase", date(2024, 7, 1), shares=2, assembly_id=assembly)
        reduction = self.record_movement(self.hassan, "reduction", date(2024, 7, 2), shares=2, assembly_id=assembly)
        self.assertEqual(reduction.unpaid_cancelled, 100.0)
        self.assertEqual(self.balances(self.hassan), (1, 100.0, 100.0, 0.0))
        with self.assertRaisesRegex(ValidationError, "already has capital movements after 2024-06-01"):
            self.record_movement(self.fatima, "payment", date(2024, 6, 1), amount=10.0)

    def test_the_bookkeeper_keeps_only_its_cooperative_and_supervisors_only_read(self):
        other = self.add_members(self.other_coop, 1)
        self.assertFalse(self.Movement.search([("member_id", "=", other.id)]))
        with self.assertRaises(AccessError):
            self.Movement.create({"member_id": other.id, "kind": "payment", "amount": 10.0})
        supervisor = self.users["supervisor"]
        Supervisor = self.env["comasec.coop.capital.movement"].with_user(supervisor)
        self.assertEqual(len(Supervisor.search([("cooperative_id", "in", (self.coop | self.other_coop).ids)])), 22)
        with self.assertRaises(AccessError):
            Supervisor.create({"member_id": self.fatima.id, "kind": "payment", "amount": 10.0})


@tagged("post_install", "-at_install")
class TestCapitalDocuments(ComasecCoopCase, HttpCase):
    """The register of members with its movements, the share certificate and the yearly
    capital statement, printed by the cooperative's bookkeeper (HttpCase: see test_reports)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bookkeeper = cls.bookkeeper_of(cls.coop, "tifawin_documents", "Tifawin books")
        cls.members = cls.add_members(cls.coop, 5, shares=3, paid=3, join=date(2022, 1, 3))
        cls.add_members(cls.other_coop, 1)
        cls.members[2].write({"exit_date": date(2023, 6, 30), "exit_reason": "resignation"})
        Movement = cls.env["comasec.coop.capital.movement"]
        Movement.create(
            [
                {
                    "member_id": cls.members[2].id,
                    "kind": "refund",
                    "date": date(2023, 7, 3),
                    "shares": 3,
                    "reason": "Left",
                },
                {
                    "member_id": cls.members[0].id,
                    "kind": "transfer",
                    "date": date(2024, 2, 1),
                    "shares": 1,
                    "to_member_id": cls.members[1].id,
                    "board_approval_date": date(2024, 1, 25),
                },
            ]
        )
        cls.Report = cls.env["ir.actions.report"].with_user(cls.bookkeeper)

    def html(self, report, records):
        return self.Report._render_qweb_html(f"comasec_coop.{report}", records.ids)[0].decode()

    def test_register_lists_the_movements(self):
        html = self.html("report_member_register", self.coop)
        self.assertIn("Capital movements", html)
        for text in (
            "Refund at exit",
            "Transfer to another member",
            "01/25/2024",
            "Left",
            self.members[1].partner_id.name,
        ):
            self.assertIn(text, html)

    def test_capital_statement_year_by_year(self):
        html = self.html("report_capital_statement", self.coop)
        self.assertIn("Yearly capital statement", html)
        # 2022: 1,500 subscribed and paid; 2023: the refund takes 300; 2024: the transfer changes nothing
        statement = self.coop._comasec_capital_statement()
        self.assertEqual([row["year"] for row in statement][:3], [2022, 2023, 2024])
        self.assertEqual((statement[0]["closing_subscribed"], statement[0]["closing_paid"]), (1500.0, 1500.0))
        self.assertEqual(statement[1]["changes"], {"refund": [-300.0, -300.0]})
        self.assertEqual((statement[2]["opening_paid"], statement[2]["changes"]), (1200.0, {}))
        self.assertIn("1,200.00", html)
        # another cooperative's statement is refused, not printed empty
        with self.assertRaisesRegex(AccessError, "only of your own cooperative"):
            self.html("report_capital_statement", self.other_coop | self.coop)
        pdf, kind = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "comasec_coop.report_capital_statement", self.coop.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_share_certificate(self):
        html = self.html("report_share_certificate", self.members[1])
        self.assertIn("Share certificate", html)
        self.assertIn("holds <strong>4</strong> share(s)", html)
        self.assertIn("received from " + self.members[0].partner_id.name, html)
