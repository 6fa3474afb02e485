from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComasecAccountingCase

MARCH = date(2025, 3, 1)
APRIL = date(2025, 4, 1)


@tagged("post_install", "-at_install")
class TestSalesReport(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.saffron = cls.env.ref("comasec_coop.comasec_sector_saffron")
        cls.honey = cls.env.ref("comasec_coop.comasec_sector_honey")
        # two sectors each: the report counts each cooperative under its first sector only
        cls.coop.comasec_coop_sector_ids = cls.crafts | cls.argan
        cls.other_coop.comasec_coop_sector_ids = cls.honey | cls.saffron
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.env_b = cls.company_env(cls.other_bookkeeper, cls.other_company)
        cls.member = cls.add_members(cls.coop, 1)
        cls.oil = cls.env["product.product"].create({"name": "Huile d'argan 1 L"})
        cls.stigmas = cls.env["product.product"].create({"name": "Safran 1 g"})
        cls.kernels = cls.env["product.product"].create({"name": "Amandons d'argan (kg)"})
        cls.customer = cls.env["res.partner"].create({"name": "Client particulier"})
        cls.supplier = cls.env["res.partner"].create({"name": "Fournisseur de flacons"})

        cls.move(cls.env_a, "out_invoice", cls.customer, MARCH, [(cls.oil, 2, 180.0)])
        cls.move(cls.env_a, "out_invoice", cls.customer, APRIL, [(cls.oil, 1, 180.0)])
        cls.move(cls.env_a, "out_refund", cls.customer, APRIL, [(cls.oil, 1, 30.0)])
        cls.move(cls.env_a, "out_invoice", cls.customer, APRIL, [(cls.oil, 5, 180.0)], post=False)
        cls.move(cls.env_b, "out_invoice", cls.customer, MARCH, [(cls.stigmas, 10, 50.0)])
        cls.bill = cls.move(cls.env_a, "in_invoice", cls.member.partner_id, MARCH, [(cls.kernels, 40, 12.0)])
        # a purchase from a supplier who is not a member is neither a sale nor a delivery
        cls.move(cls.env_a, "in_invoice", cls.supplier, MARCH, [(cls.kernels, 3, 7.0)])
        cls.env_a["account.payment.register"].with_context(active_model="account.move", active_ids=cls.bill.ids).create(
            {"amount": 200.0, "payment_date": MARCH}
        )._create_payments()
        cls.Report = cls.env["comasec.accounting.sales.report"]
        cls.ours = [("company_id", "in", (cls.company | cls.other_company).ids)]

    @classmethod
    def move(cls, env, move_type, partner, on_date, lines, post=True):
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": on_date,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty, "price_unit": price, "tax_ids": []})
                    for product, qty, price in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_totals_by_sector_and_month(self):
        groups = self.Report._read_group(
            self.ours,
            ["sector_id", "date:month", "kind"],
            ["amount_untaxed:sum", "quantity:sum", "amount_paid:sum"],
        )
        totals = {(sector, month, kind): rest for sector, month, kind, *rest in groups}
        self.assertEqual(
            totals,
            {
                (self.argan, MARCH, "sale"): [360.0, 2.0, 0.0],
                # the refund counts negative
                (self.argan, APRIL, "sale"): [150.0, 0.0, 0.0],
                (self.saffron, MARCH, "sale"): [500.0, 10.0, 0.0],
                # member deliveries separately, with what the cooperative paid so far
                (self.argan, MARCH, "member_delivery"): [480.0, 40.0, 200.0],
            },
        )

    def test_booked_payment_counted_once(self):
        """A payment with its own journal entry lowers the bill's residual; it is not counted twice."""
        bank = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        bank.outbound_payment_method_line_ids.payment_account_id = bank.default_account_id
        bill = self.move(self.env_a, "in_invoice", self.member.partner_id, APRIL, [(self.kernels, 10, 12.0)])
        self.env_a["account.payment.register"].with_context(active_model="account.move", active_ids=bill.ids).create(
            {"amount": 90.0, "payment_date": APRIL, "journal_id": bank.id}
        )._create_payments()
        self.assertEqual(bill.amount_residual, 30.0)
        row = self.Report.search([("move_id", "=", bill.id)])
        self.assertEqual((row.amount_untaxed, row.amount_paid), (120.0, 90.0))

    def test_rows_carry_cooperative_product_and_member(self):
        deliveries = self.Report.search([*self.ours, ("kind", "=", "member_delivery")])
        self.assertEqual(deliveries.move_id, self.bill)
        self.assertEqual(deliveries.partner_id, self.member.partner_id)
        self.assertEqual(deliveries.product_id, self.kernels)
        self.assertEqual(deliveries.cooperative_id, self.coop)
        self.assertEqual(deliveries.province_id, self.province)
        by_product = dict(
            self.Report._read_group([*self.ours, ("kind", "=", "sale")], ["product_id"], ["amount_untaxed:sum"])
        )
        self.assertEqual(by_product, {self.oil: 510.0, self.stigmas: 500.0})

    def test_report_follows_new_postings(self):
        """The view reads the books as they are: a sale posted now is counted at once."""
        self.move(self.env_b, "out_invoice", self.customer, APRIL, [(self.stigmas, 2, 50.0)])
        total = self.Report._read_group(
            [*self.ours, ("cooperative_id", "=", self.other_coop.id)], [], ["amount_untaxed:sum"]
        )[0][0]
        self.assertEqual(total, 600.0)

    def test_bookkeeper_sees_own_company_supervisor_all(self):
        self.assertEqual(self.env_a["comasec.accounting.sales.report"].search([]).company_id, self.company)
        self.assertEqual(self.env_b["comasec.accounting.sales.report"].search([]).company_id, self.other_company)
        totals = dict(self.env_b["comasec.accounting.sales.report"]._read_group([], ["kind"], ["amount_untaxed:sum"]))
        self.assertEqual(totals, {"sale": 500.0})
        supervisor = self.Report.with_user(self.users["supervisor"])
        self.assertEqual(supervisor.search(self.ours).cooperative_id, self.coop | self.other_coop)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.users["employee"]).search([])
