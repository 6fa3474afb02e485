from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestSalesEntry(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.members = cls.add_members(cls.coop, 2)
        cls.outsider = cls.add_members(cls.other_coop, 1)
        cls.kernels = cls.env["product.product"].create({"name": "Amandons d'argan (kg)"})
        # the price paid to members is the cost of the produce in the cooperative's company
        cls.kernels.with_company(cls.company).standard_price = 12.0
        cls.oil = cls.env["product.product"].create({"name": "Huile d'argan 1 L", "list_price": 180.0})

    def test_member_deliveries_become_vendor_bills(self):
        form = Form(self.env_a["comasec.member.delivery"])
        for member, qty in ((self.members[0], 40), (self.members[1], 25), (self.members[0], 10)):
            with form.line_ids.new() as line:
                line.member_id = member
                line.product_id = self.kernels
                line.quantity = qty
        action = form.save().action_create_bills()
        bills = self.env_a["account.move"].search(action["domain"])
        self.assertEqual(len(bills), 2, "one bill per member")
        self.assertEqual(set(bills.mapped("move_type")), {"in_invoice"})
        bill = bills.filtered(lambda b: b.partner_id == self.members[0].partner_id)
        self.assertEqual(bill.amount_total, 600.0)
        self.assertEqual(bill.company_id, self.company)
        bill.action_post()
        self.assertEqual(bill.state, "posted")

    def test_negative_quantity_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.env_a["comasec.member.delivery"].create(
                {
                    "line_ids": [
                        Command.create({"member_id": self.members[0].id, "product_id": self.kernels.id, "quantity": -3})
                    ]
                }
            )
        self.assertFalse(self.env["account.move"].search_count([("company_id", "=", self.company.id)]))

    def test_delivery_of_another_cooperative_member_refused(self):
        with self.assertRaisesRegex(Exception, "not an active member of"):
            self.env["comasec.member.delivery"].with_company(self.company).create(
                {
                    "company_id": self.company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "member_id": self.outsider.id,
                                "product_id": self.kernels.id,
                                "quantity": 1,
                                "price_unit": 1,
                            }
                        )
                    ],
                }
            )

    def test_daily_cash_sales_receipt_paid_in_cash(self):
        form = Form(self.env_a["comasec.cash.sale"])
        self.assertEqual(form.journal_id.type, "cash")
        with form.line_ids.new() as line:
            line.product_id = self.oil
            line.quantity = 3
            line.price_unit = 180.0
        wizard = form.save()
        receipt = self.env_a["account.move"].browse(wizard.action_create()["res_id"])
        self.assertEqual(receipt.move_type, "out_receipt")
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(receipt.partner_id.company_id, self.company, "the cash customer belongs to the cooperative")
        self.assertIn(receipt.payment_state, ("paid", "in_payment"))
        # a second day reuses the same cash customer
        second = self.env_a["comasec.cash.sale"].create(
            {"line_ids": [Command.create({"product_id": self.oil.id, "quantity": 1, "price_unit": 180.0})]}
        )
        again = self.env_a["account.move"].browse(second.action_create()["res_id"])
        self.assertEqual(again.partner_id, receipt.partner_id)
