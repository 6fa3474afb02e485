from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAccountingDemo(TransactionCase):
    """The demo gives three cooperatives books a supervisor can follow."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("comasec_accounting_coaching.demo_invoice_argan_tiznit_1", raise_if_not_found=False):
            self.skipTest("installed without demo data")

    def test_demo_cooperatives_have_books_and_sales(self):
        today = fields.Date.context_today(self.env["res.users"])
        supervisor = self.env.ref("comasec_coop.demo_user_supervisor")
        for key in ("argan_tiznit", "saffron", "honey"):
            with self.subTest(coop=key):
                coop = self.env.ref(f"comasec_coop.demo_coop_{key}")
                company = coop.comasec_coop_company_id
                self.assertEqual((company.partner_id, company.chart_template), (coop, "ma"))
                # the demo supervisor reads them once opened (Open books on the cooperative)
                coop.with_user(supervisor).action_open_books()
                self.assertIn(company, supervisor.company_ids)
                as_supervisor = self.env(user=supervisor, context={"allowed_company_ids": company.ids})
                invoices = as_supervisor["account.move"].search(
                    [("company_id", "=", company.id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")]
                )
                self.assertGreaterEqual(len(invoices), 2)
                self.assertTrue(invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment")))
        overdue = self.env["account.move"].search(
            [
                ("company_id.partner_id.comasec_is_cooperative", "=", True),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "=", "not_paid"),
                ("invoice_date_due", "<", today - timedelta(days=60)),
            ]
        )
        self.assertTrue(overdue, "one customer is long overdue")
        self.assertEqual(
            self.env.ref("comasec_accounting_coaching.demo_invoice_honey_draft").state, "draft", "an old draft"
        )

    def test_supervisor_sees_health_sales_and_the_visit(self):
        supervisor = self.env.ref("comasec_coop.demo_user_supervisor")
        env = self.env(user=supervisor, context={"allowed_company_ids": supervisor.company_ids.ids})
        health = env["comasec.accounting.health"].search([])
        self.assertEqual(len(health.cooperative_id), 3)
        self.assertIn("bad", health.line_ids.mapped("status"))
        sales = env["comasec.accounting.sales.report"].search([("kind", "=", "sale")])
        self.assertGreater(sum(sales.mapped("amount_untaxed")), 100000)
        visit = env.ref("comasec_accounting_coaching.demo_coaching_visit_argan_tiznit")
        self.assertEqual(visit.state, "done")
        self.assertEqual(len(visit.finding_ids), 3)
        self.assertEqual(visit.open_action_count, 1)
        html = env["ir.actions.report"]._render_qweb_html(
            "comasec_accounting_coaching.comasec_coaching_visit_report_document", visit.ids
        )[0]
        self.assertIn("Tifaout", html.decode())

    def test_deductions_and_cnss_of_last_month(self):
        """Tifaout's bookkeeper files last month's deductions statement (bottles paid in full,
        VAT 450; labels half paid, VAT 80 of 160) and has its CNSS declaration to enter."""
        declaration = self.env.ref(
            "comasec_accounting_coaching.demo_cnss_declaration_argan_tiznit", raise_if_not_found=False
        )
        if not declaration:
            self.skipTest("demo installed before the deductions statement and CNSS declarations")
        company = declaration.company_id
        bookkeeper = self.env["res.users"].search([("login", "=", "compta.tifaout@example.ma")])
        env = self.env(user=bookkeeper, context={"allowed_company_ids": company.ids})
        wizard = env["comasec.vat.deduction.statement"].create(
            {"company_id": company.id, "year": declaration.year, "period": declaration.period}
        )
        rows = wizard._rows()
        self.assertEqual(sorted((r["num"], r["tva"]) for r in rows), [("ITE-118", 8000), ("VS-2041", 45000)])
        seen = env["comasec.cnss.declaration"].browse(declaration.id)
        self.assertEqual(len(seen.line_ids), 2)
        self.assertEqual(seen.state, "draft")

    def test_demo_products_priced_and_named_apart(self):
        """The products a demo bookkeeper sells: one of each name, none at Odoo's default 1.00."""
        # a demo product.product's template has its own xmlid (<id>_product_template)
        products = self.env["product.template"].browse(
            self.env["ir.model.data"]
            .search([("model", "=", "product.template"), ("module", "=like", "comasec_%")])
            .mapped("res_id")
        )
        self.assertGreaterEqual(len(products), 7)
        names = products.mapped("name")
        self.assertEqual(sorted(names), sorted(set(names)), "two demo products share a name")
        self.assertFalse(products.filtered(lambda p: p.sale_ok and p.list_price <= 1.0).mapped("name"))


@tagged("post_install", "-at_install")
class TestRegistersDemo(TransactionCase):
    """The Tifaout cooperative's registers, as its bookkeeper reads them."""

    def setUp(self):
        super().setUp()
        self.coop = self.env.ref("comasec_coop.demo_coop_argan_tiznit", raise_if_not_found=False)
        # the demo story runs at install only (functions): an upgraded database has none
        if not self.coop or not self.env["comasec.coop.capital.movement"].search_count(
            [("cooperative_id", "=", self.coop.id), ("kind", "=", "transfer")]
        ):
            self.skipTest("installed without the registers' demo data")

    def test_a_member_came_back_a_transfer_a_refund_and_books_equal_register(self):
        company = self.coop.comasec_coop_company_id
        bookkeeper = self.env["res.users"].search([("login", "=", "compta.tifaout@example.ma")])
        env = self.env(user=bookkeeper, context=dict(self.env.context, allowed_company_ids=company.ids))
        hafsa = env.ref("comasec_coop.demo_member_argan_tiznit_7")
        self.assertEqual(len(hafsa.period_ids), 2)
        self.assertEqual(hafsa.state, "active")
        movements = env["comasec.coop.capital.movement"].search([("cooperative_id", "=", self.coop.id)])
        self.assertEqual(len(movements.filtered(lambda m: m.kind == "transfer")), 1)
        self.assertEqual(len(movements.filtered(lambda m: m.kind == "refund")), 2)
        self.assertTrue(all(m.move_id.state == "posted" for m in movements if m.kind != "transfer"))
        today = fields.Date.context_today(bookkeeper)
        for on_date in [*sorted(set(movements.mapped("date"))), today]:
            lines = env["account.move.line"].search(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("date", "<=", on_date),
                    ("account_id.code", "=like", "1111%"),
                ]
            )
            capital = sum(lines.mapped("credit")) - sum(lines.mapped("debit"))
            self.assertAlmostEqual(capital, self.coop._comasec_capital_at(on_date)["subscribed"], msg=str(on_date))
