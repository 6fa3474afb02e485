"""A cooperative's tax regime, set by its supervisor, and the compliance review's warning
when the fiscal year's turnover approaches or passes the corporate tax exemption ceiling
(issue 18)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from ..tools.tax_regime import APPROACHING, BELOW, OVER, ceiling_status
from .common import ComasecAccountingCase

P = "comasec_accounting_coaching."


class TestCeilingStatus(TransactionCase):
    def test_levels_around_the_ceiling(self):
        for turnover, expected in ((0, BELOW), (7_999_999.99, BELOW), (8_000_000, APPROACHING),
                                   (9_999_999.99, APPROACHING), (10_000_000, OVER), (12_000_000, OVER)):  # fmt: skip
            with self.subTest(turnover=turnover):
                self.assertEqual(ceiling_status(turnover, 10_000_000, 80), expected)
        with self.assertRaises(ValueError):
            ceiling_status(1, 0, 80)


@tagged("post_install", "-at_install")
class TestTaxRegime(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = cls.users["supervisor"]
        # the settings an administrator gives: a small ceiling, so that a few invoices reach it
        params = cls.env["ir.config_parameter"]
        params.set_param(P + "cit_exemption_ceiling", "10000")
        params.set_param(P + "cit_exemption_warning_percent", "80")
        for coop in (cls.coop, cls.other_coop):
            coop.with_user(cls.supervisor).write(
                {"comasec_tax_regime": "exempt_processing", "comasec_vat_registered": True}
            )
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.tax = cls.env_a["account.tax"].search(
            [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1
        )
        cls.customer = cls.env_a["res.partner"].create({"name": "Client de Tifawin"})

    def sell(self, env, amount, move_type="out_invoice", tax=None):
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": env["res.partner"].create({"name": "Client"}).id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Huile d'argan",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.set(tax.ids if tax else [])],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def review_line(self, coop, period):
        review = (
            self.env["comasec.compliance.review"]
            .with_user(self.supervisor)
            .create({"cooperative_id": coop.id, "period": period, "review_date": self.today})
        )
        review.action_start()
        return review.line_ids.filtered(lambda line: line.rule_id.code == "TAX-01")

    def test_supervisor_sets_the_regime_and_a_bookkeeper_may_not(self):
        self.assertEqual(self.coop.comasec_tax_regime, "exempt_processing")
        self.assertTrue(self.coop.comasec_vat_registered)
        for vals in ({"comasec_tax_regime": "taxable"}, {"comasec_vat_registered": False}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "Only CoMaSec supervisors"):
                self.coop.with_user(self.bookkeeper).write(vals)
        self.assertEqual(self.coop.comasec_tax_regime, "exempt_processing")
        # unchanged values, as the web client sends them, pass
        self.coop.with_user(self.bookkeeper).write({"comasec_tax_regime": "exempt_processing"})

    def test_review_warns_as_the_turnover_nears_and_passes_the_ceiling(self):
        # the other cooperative sells far more: none of it counts for Tifawin
        self.sell(self.company_env(self.other_bookkeeper, self.other_company), 50_000)
        # 6,000 excluding VAT (7,200 with it): 60 % of the ceiling
        self.sell(self.env_a, 6_000, tax=self.tax)
        line = self.review_line(self.coop, "2026-A")
        self.assertEqual(line.result, "compliant", line.explanation)
        self.assertIn("6,000.00 MAD excluding VAT, 60.0% of the 10,000.00 MAD", line.explanation)
        # 8,500 - a 300 credit note = 8,200: 82 %, past the 80 % warning
        self.sell(self.env_a, 2_500, tax=self.tax)
        self.sell(self.env_a, 300, move_type="out_refund", tax=self.tax)
        line = self.review_line(self.coop, "2026-B")
        self.assertEqual(line.result, "non_compliant")
        self.assertIn("approaches the exemption ceiling: 8,200.00 MAD excluding VAT, 82.0%", line.explanation)
        # a draft does not count; 10,000 posted passes the ceiling
        self.env_a["account.move"].create({"move_type": "out_invoice", "partner_id": self.customer.id})
        self.sell(self.env_a, 1_800)
        line = self.review_line(self.coop, "2026-C")
        self.assertEqual(line.result, "non_compliant")
        self.assertIn("passes the exemption ceiling: 10,000.00 MAD", line.explanation)
        self.assertIn("exemption is lost", line.explanation)
        # the other cooperative's review reads its own books: 50,000 is over
        line = self.review_line(self.other_coop, "2026-C")
        self.assertIn("passes the exemption ceiling: 50,000.00 MAD", line.explanation)

    def test_other_regimes_have_no_ceiling(self):
        self.sell(self.env_a, 20_000)
        for regime, expected in (
            ("exempt_collect", "only collects and sells"),
            ("taxable", "Subject to corporate tax"),
            (False, "No corporate tax regime is recorded"),
        ):
            with self.subTest(regime=regime):
                self.coop.with_user(self.supervisor).comasec_tax_regime = regime
                line = self.review_line(self.coop, f"2026-{regime}")
                self.assertEqual(line.result, "not_applicable")
                self.assertIn(expected, line.explanation)

    def test_the_ceiling_is_a_setting(self):
        self.sell(self.env_a, 6_000)
        self.env["ir.config_parameter"].set_param(P + "cit_exemption_ceiling", "6000")
        line = self.review_line(self.coop, "2026-S")
        self.assertIn("passes the exemption ceiling", line.explanation)

    def test_the_cooperative_opens_its_odco_packs(self):
        action = self.coop.with_user(self.bookkeeper).action_view_odco_packs()
        self.assertEqual(action["res_model"], "comasec.odco.pack")
        self.assertEqual(action["domain"], [("cooperative_id", "=", self.coop.id)])
        self.assertEqual(action["context"], {"default_cooperative_id": self.coop.id})
