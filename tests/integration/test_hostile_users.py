"""The attacks of issue 14, replayed over real JSON-RPC as the users production makes
(the onboarding wizard's bookkeepers, a supervisor and a trainer created in Settings >
Users, the demo supervisor): each is refused and nothing changed. docs/security.md keeps
the table of these attacks ("attack tried | as whom | result")."""

from odoo import Command
from odoo.addons.comasec_accounting_coaching.tests.common import ComasecAccountingCase
from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.tests import tagged

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"
# What a hostile template editor would put in a template: code run with the sender's rights.
TEMPLATE_CODE = "<t t-out=\"object.env.ref('base.group_system').sudo().write({'users': [(4, object.env.uid)]})\"/>"


@tagged("post_install", "-at_install")
class TestHostileUsers(RpcCase, ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # RpcCase logs in with the login as password; the wizard gives none (invitation).
        for user in cls.bookkeeper | cls.other_bookkeeper:
            user.password = user.login
        cls.supervisor = settings_user(cls.env, "hostile_supervisor", [SUPERVISOR])
        cls.trainer = settings_user(cls.env, "hostile_trainer", ["comasec_coop.comasec_coop_group_trainer"])
        cls.manager = settings_user(cls.env, "hostile_manager", ["comasec_coop.comasec_coop_group_manager"])
        cls.demo_supervisor = cls.env.ref("comasec_coop.demo_user_supervisor")
        # Cooperative B's books and worker, made by its own bookkeeper's company.
        cls.env_b = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.other_company.ids))
        customer = cls.env_b["res.partner"].create({"name": "Client of Amalou"})
        cls.draft_b, cls.posted_b = cls.env_b["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "company_id": cls.other_company.id,
                    "partner_id": customer.id,
                    "ref": f"B-{i}",
                    "invoice_line_ids": [
                        Command.create({"name": "Argan oil", "quantity": 1, "price_unit": 100, "tax_ids": []})
                    ],
                }
                for i in range(2)
            ]
        )
        cls.posted_b.action_post()
        cls.worker_b = cls.env_b["hr.employee"].create(
            {
                "name": "Worker of Amalou",
                "company_id": cls.other_company.id,
                "private_email": "worker@amalou.example",
                "private_phone": "+212600000001",
                "comasec_wage": 3100.0,
            }
        )
        cls.member_b = cls.add_members(cls.other_coop, 1)
        cls.members_a = cls.add_members(cls.coop, 2)
        cls.produce = cls.env["product.product"].create({"name": "Argan kernels"})

    def assertRefused(self, user, model, method, *args, error="AccessError", **kwargs):
        """Refused for want of rights, not for bad input, unless said otherwise."""
        return super().assertRefused(user, model, method, *args, error=error, **kwargs)

    def b_context(self):
        return {"context": {"allowed_company_ids": self.other_company.ids}}

    # 1. templates -----------------------------------------------------------

    def test_bookkeeper_cannot_put_code_in_templates(self):
        template = self.env.ref("comasec_coop.mail_template_comasec_review_done")
        body = template.body_html
        self.assertFalse(self.bookkeeper.has_group("mail.group_mail_template_editor"))
        self.assertRefused(self.bookkeeper, "mail.template", "write", [template.id], {"body_html": TEMPLATE_CODE})
        self.assertRefused(
            self.bookkeeper,
            "mail.template",
            "create",
            {"name": "Hostile", "model_id": self.env["ir.model"]._get_id("res.partner"), "body_html": TEMPLATE_CODE},
        )
        template.invalidate_recordset()
        self.assertEqual(template.body_html, body)
        self.assertFalse(self.env["mail.template"].search_count([("name", "=", "Hostile")]))
        self.assertFalse(self.bookkeeper.has_group("base.group_system"))

    def test_only_managers_change_the_suite_templates(self):
        template = self.env.ref("comasec_label.mail_template_certificate_issued")
        body = template.body_html
        # Settings > Users makes them Events administrators, hence template editors
        for user in (self.supervisor, self.trainer):
            with self.subTest(user=user.login):
                self.assertTrue(user.has_group("mail.group_mail_template_editor"))
                self.assertRefused(user, "mail.template", "write", [template.id], {"body_html": TEMPLATE_CODE})
                self.assertRefused(user, "mail.template", "unlink", [template.id])
        template.invalidate_recordset()
        self.assertEqual(template.body_html, body)
        self.call_as(self.manager, "mail.template", "write", [template.id], {"subject": "Your label certificate"})
        template.invalidate_recordset()
        self.assertEqual(template.subject, "Your label certificate")

    # 2. another cooperative's partner ---------------------------------------

    def test_bookkeeper_cannot_rewrite_another_cooperative(self):
        coop_b = self.other_coop
        before = coop_b.read(
            ["name", "email", "comasec_is_cooperative", "comasec_compliance_score", "comasec_onssa_number"]
        )
        attacks = [
            {"name": "Coopérative Piratée"},
            {"email": "thief@outside.example"},
            {"comasec_is_cooperative": False},
            {"comasec_compliance_score": 99.0},
            {"comasec_compliance_level": "green"},
            {"comasec_onssa_number": "1.2.3"},
            {"comasec_coop_company_id": self.company.id},
        ]
        for vals in attacks:
            with self.subTest(vals=vals):
                self.assertRefused(self.bookkeeper, "res.partner", "write", [coop_b.id], vals)
        self.assertRefused(
            self.bookkeeper,
            "res.partner.bank",
            "create",
            {"acc_number": "MA640011111000000000001", "partner_id": coop_b.id},
        )
        self.assertRefused(self.bookkeeper, "res.partner", "create", {"name": "Fake contact", "parent_id": coop_b.id})
        coop_b.invalidate_recordset()
        self.assertEqual(
            coop_b.read(
                ["name", "email", "comasec_is_cooperative", "comasec_compliance_score", "comasec_onssa_number"]
            ),
            before,
        )
        self.assertEqual(self.other_company.name, before[0]["name"])
        self.assertFalse(coop_b.bank_ids)
        self.assertEqual(coop_b.comasec_coop_company_id, self.other_company)

    def test_bookkeeper_cannot_change_the_register_data_of_its_own_cooperative(self):
        for vals in (
            {"comasec_is_cooperative": False},
            {"comasec_compliance_level": "green"},
            {"comasec_onssa_number": "9.9.9"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(self.bookkeeper, "res.partner", "write", [self.coop.id], vals)
        self.assertTrue(self.coop.comasec_is_cooperative)
        self.assertFalse(self.coop.comasec_onssa_number)

    def test_bookkeeper_keeps_its_ordinary_partner_work(self):
        # a new customer, as the web client sends it: every field, register ones at their defaults
        customer = self.call_as(
            self.bookkeeper,
            "res.partner",
            "create",
            {"name": "Épicerie Atlas", "comasec_is_cooperative": False, "comasec_coop_fiscal_year_end_month": "12"},
        )
        self.call_as(self.bookkeeper, "res.partner", "write", [customer], {"email": "atlas@shop.example"})
        self.call_as(
            self.bookkeeper,
            "res.partner.bank",
            "create",
            {"acc_number": "MA640011111000000000002", "partner_id": customer},
        )
        self.call_as(self.bookkeeper, "res.partner", "write", [self.coop.id], {"phone": "+212528000000"})
        self.call_as(
            self.bookkeeper,
            "res.partner.bank",
            "create",
            {"acc_number": "MA640011111000000000003", "partner_id": self.coop.id},
        )
        partner = self.env["res.partner"].browse(customer)
        self.assertEqual(partner.email, "atlas@shop.example")
        self.assertEqual(partner.bank_ids.acc_number, "MA640011111000000000002")
        self.assertEqual(self.coop.phone, "+212528000000")
        self.assertEqual(self.coop.bank_ids.acc_number, "MA640011111000000000003")

    # 3. supervisors ---------------------------------------------------------

    def test_supervisors_read_every_book_and_change_none(self):
        draft, posted = self.draft_b, self.posted_b
        for user in (self.supervisor, self.demo_supervisor):
            with self.subTest(user=user.login):
                # the books of cooperative B, opened as the cooperative's Open books button does
                self.call_as(user, "res.partner", "action_open_books", self.other_coop.ids)
                self.assertIn(self.other_company, user.company_ids)
                moves = self.call_as(
                    user,
                    "account.move",
                    "search_read",
                    [("company_id", "=", self.other_company.id)],
                    ["ref"],
                    **self.b_context(),
                )
                self.assertEqual({m["ref"] for m in moves} >= {"B-0", "B-1"}, True)
                self.assertRefused(user, "account.move", "write", [draft.id], {"ref": "changed"}, **self.b_context())
                self.assertRefused(user, "account.move", "action_post", [draft.id], **self.b_context())
                self.assertRefused(user, "account.move", "button_draft", [posted.id], **self.b_context())
                self.assertRefused(user, "account.move", "unlink", [draft.id], **self.b_context())
                self.assertRefused(
                    user,
                    "account.move",
                    "create",
                    {"move_type": "entry", "company_id": self.other_company.id, "ref": "planted"},
                    **self.b_context(),
                )
        self.assertEqual((draft.state, draft.ref, posted.state), ("draft", "B-0", "posted"))
        self.assertFalse(self.env["account.move"].search_count([("ref", "=", "planted")]))

    def test_supervisors_read_no_worker(self):
        for user in (self.supervisor, self.demo_supervisor):
            with self.subTest(user=user.login):
                # even with the cooperative's books open
                self.call_as(user, "res.partner", "action_open_books", self.other_coop.ids)
                found = self.call_as(
                    user,
                    "hr.employee",
                    "search_read",
                    [("company_id", "=", self.other_company.id)],
                    ["private_email"],
                    **self.b_context(),
                )
                self.assertEqual(found, [])
                self.assertRefused(
                    user,
                    "hr.employee",
                    "read",
                    [self.worker_b.id],
                    ["private_email", "private_phone"],
                    **self.b_context(),
                )
                self.assertRefused(user, "hr.employee", "write", [self.worker_b.id], {"name": "x"}, **self.b_context())
        self.assertEqual(self.worker_b.name, "Worker of Amalou")

    # 5. wizard --------------------------------------------------------------

    def test_member_delivery_refuses_another_cooperatives_member(self):
        stranger = self.member_b
        error = self.assertRefused(
            self.bookkeeper,
            "comasec.member.delivery",
            "create",
            {
                "company_id": self.company.id,
                "line_ids": [Command.create({"member_id": stranger.id, "product_id": self.produce.id, "quantity": 2})],
            },
            error="ValidationError",
            context={"allowed_company_ids": self.company.ids},
        )
        self.assertIn("not an active member of", str(error))
        self.assertNotIn(stranger.partner_id.name, str(error))
        self.assertFalse(self.env["comasec.member.delivery.line"].search_count([("member_id", "=", stranger.id)]))
        # its own members still go through
        self.call_as(
            self.bookkeeper,
            "comasec.member.delivery",
            "create",
            {
                "company_id": self.company.id,
                "line_ids": [Command.create({"member_id": self.members_a[0].id, "product_id": self.produce.id})],
            },
            context={"allowed_company_ids": self.company.ids},
        )

    # what a bookkeeper sees of another cooperative ----------------------------

    def test_bookkeeper_sees_another_cooperative_as_a_business_partner(self):
        [coop_b] = self.call_as(
            self.bookkeeper,
            "res.partner",
            "read",
            [self.other_coop.id],
            [
                "name",
                "company_registry",
                "comasec_coop_register_number",
                "comasec_coop_member_count",
                "comasec_coop_capital_subscribed",
            ],
        )
        self.assertEqual(coop_b["name"], self.other_coop.name)
        for field in (
            "comasec_compliance_score",
            "comasec_compliance_level",
            "comasec_compliance_trend",
            "comasec_compliance_review_date",
        ):
            with self.subTest(field=field):
                self.assertRefused(self.bookkeeper, "res.partner", "read", [self.other_coop.id], [field])
        self.assertFalse(
            self.call_as(
                self.bookkeeper, "comasec.coop.member", "search", [("cooperative_id", "=", self.other_coop.id)]
            )
        )
        self.authenticate(self.bookkeeper.login, self.bookkeeper.login)
        self._rpc_login = self.bookkeeper.login
        other = self.url_open(f"/report/html/comasec_coop.report_member_register/{self.other_coop.id}")
        self.assertNotEqual(other.status_code, 200)
        self.assertNotIn(self.member_b.partner_id.name, other.text)
        own = self.url_open(f"/report/html/comasec_coop.report_member_register/{self.coop.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.members_a[0].partner_id.name, own.text)
