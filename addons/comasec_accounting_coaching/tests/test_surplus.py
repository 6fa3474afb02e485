from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..tools.surplus import allocate_surplus, split_largest_remainder
from .common import ComasecAccountingCase

WEIGHTS = st.lists(st.integers(min_value=0, max_value=10**8), min_size=1, max_size=40).filter(lambda w: sum(w) > 0)


@tagged("post_install", "-at_install")
class TestSurplusSplit(BaseCase):
    def test_example(self):
        self.assertEqual(split_largest_remainder(100, [1, 1, 1]), [34, 33, 33])
        self.assertEqual(allocate_surplus(900000, 10, 10, [600, 300, 100]), (90000, 90000, [432000, 216000, 72000]))

    def test_refused(self):
        with self.assertRaises(ValueError):
            allocate_surplus(-100, 10, 10, [1])
        with self.assertRaises(ValueError):
            split_largest_remainder(100, [0, 0])

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=0, max_value=10**11), WEIGHTS)
    def test_split_adds_up_to_the_centime(self, total, weights):
        parts = split_largest_remainder(total, weights)
        self.assertEqual(sum(parts), total)
        for part, weight in zip(parts, weights, strict=True):
            exact = total * weight / sum(weights)
            self.assertLess(abs(part - exact), 1.0001)
            self.assertGreaterEqual(part, 0)

    @settings(max_examples=300, deadline=None)
    @given(
        st.integers(min_value=1, max_value=10**11),
        st.floats(min_value=0, max_value=50, allow_nan=False).map(lambda x: round(x, 2)),
        st.floats(min_value=0, max_value=50, allow_nan=False).map(lambda x: round(x, 2)),
        WEIGHTS,
    )
    def test_allocation_adds_up(self, total, legal_pct, statutory_pct, weights):
        legal, statutory, ristournes = allocate_surplus(total, legal_pct, statutory_pct, weights)
        self.assertEqual(legal + statutory + sum(ristournes), total)
        self.assertLessEqual(abs(legal - total * legal_pct / 100), 0.5001)


@tagged("post_install", "-at_install")
class TestSurplusAllocation(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = fields.Date.context_today(cls.env["res.partner"]).year - 1
        cls.year_end = date(cls.year, 12, 31)
        cls.members = cls.add_members(cls.coop, 3)
        cls.outsider = cls.env["res.partner"].create({"name": "Fournisseur de bocaux"})
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)

    def move(self, move_type, partner, amount):
        move = self.env_a["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date(self.year, 6, 15),
                "invoice_line_ids": [
                    Command.create({"name": "Produit", "quantity": 1, "price_unit": amount, "tax_ids": []})
                ],
            }
        )
        move.action_post()
        return move

    def books(self, sales=10000.0):
        customer = self.env_a["res.partner"].create({"name": "Client"})
        self.move("out_invoice", customer, sales)
        for member, amount in zip(self.members, (600.0, 300.0, 100.0), strict=True):
            self.move("in_invoice", member.partner_id, amount)
        self.move("in_invoice", self.outsider, 500.0)  # not a member: no ristourne

    def wizard(self):
        return self.env_a["comasec.surplus.allocation"].create({"year_end": self.year_end})

    def close_year(self):
        self.company.sudo().fiscalyear_lock_date = self.year_end

    def test_allocation_entry(self):
        self.books()
        self.close_year()
        wizard = self.wizard()
        self.assertEqual(wizard.year_start, date(self.year, 1, 1))
        self.assertEqual(wizard.result, 8500.0)
        self.assertEqual((wizard.legal_amount, wizard.statutory_amount), (850.0, 850.0))
        self.assertEqual(wizard.line_ids.mapped("ristourne"), [4080.0, 2040.0, 680.0])
        self.assertEqual(wizard.line_ids.partner_id, self.members.partner_id)
        move = self.env_a["account.move"].browse(wizard.action_create_entry()["res_id"])
        self.assertEqual(move.state, "draft")
        credits = {(line.account_id.code[:4], line.partner_id): line.credit for line in move.line_ids if line.credit}
        self.assertEqual(credits[("1140", self.env["res.partner"])], 850.0)
        self.assertEqual(credits[("1151", self.env["res.partner"])], 850.0)
        self.assertEqual(credits[("4468", self.members[0].partner_id)], 4080.0)
        self.assertEqual(sum(move.line_ids.mapped("debit")), 8500.0)
        self.assertEqual(sum(move.line_ids.mapped("credit")), 8500.0)

    def test_uneven_split_to_the_centime(self):
        self.books(sales=1000.01 + 1000.0)
        self.close_year()
        wizard = self.wizard()
        total = wizard.legal_amount + wizard.statutory_amount + sum(wizard.line_ids.mapped("ristourne"))
        self.assertAlmostEqual(total, wizard.result, places=6)
        self.assertEqual(round(wizard.result, 2), 500.01)

    def test_refused_when_year_not_closed(self):
        self.books()
        with self.assertRaisesRegex(UserError, "is not closed"):
            self.wizard().action_create_entry()

    def test_refused_for_a_loss(self):
        self.books(sales=200.0)
        self.close_year()
        with self.assertRaisesRegex(UserError, "shows a loss"):
            self.wizard().action_create_entry()
        self.assertFalse(self.env["account.move"].search_count([("ref", "like", "Surplus allocation")]))

    def test_accounts_from_the_cooperative_company(self):
        """The entry uses the accounts set on the cooperative's company, each of its own chart."""
        company = self.company.with_company(self.company)
        self.assertEqual(company.comasec_ristourne_account_id.code, "446800")
        self.assertEqual(self.company.comasec_legal_reserve_account_id.company_ids, self.company)
        self.assertEqual(self.other_company.comasec_legal_reserve_account_id.company_ids, self.other_company)
        current_accounts = self.env["account.account"].with_company(self.company)
        partners_account = current_accounts.search(
            [("company_ids", "in", self.company.ids), ("code", "=like", "4463%")], limit=1
        )
        self.company.sudo().comasec_ristourne_account_id = partners_account
        self.books()
        self.close_year()
        move = self.env_a["account.move"].browse(self.wizard().action_create_entry()["res_id"])
        member_lines = move.line_ids.filtered("partner_id")
        self.assertEqual(member_lines.account_id, partners_account)
        self.assertEqual(sum(member_lines.mapped("credit")), 6800.0)
        self.company.sudo().comasec_legal_reserve_account_id = False
        with self.assertRaisesRegex(UserError, "Set the Legal reserve account of"):
            self.wizard().action_create_entry()
