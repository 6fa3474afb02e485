from datetime import date, timedelta

from odoo import Command
from odoo.addons.comasec_accounting_coaching.tests.common import ComasecAccountingCase
from odoo.addons.comasec_coop.tests.common import ComasecCoopCase


class ComasecLabelCase(ComasecCoopCase):
    """Two cooperatives ready to apply (valid ICE and ONSSA), products, the shipped standard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env.ref("comasec_label.comasec_label_standard_v1")
        # the demo's certificates and conditional approvals, when installed, are put out of
        # the nightly jobs' reach: the tests count what the jobs do to their own records
        cls.env["comasec.label.certificate"].search([]).write({"state": "withdrawn"})
        cls.env["comasec.label.application"].search([("decision", "=", "approved_conditions")]).write(
            {"conditions_met": True}
        )
        (cls.coop | cls.other_coop).write(
            {"comasec_onssa_number": "1.84.001", "comasec_onssa_expiry_date": date(2099, 1, 1)}
        )
        cls.argan_oil = cls.env["product.template"].create({"name": "Huile d'argan alimentaire 1L"})
        cls.amlou = cls.env["product.template"].create({"name": "Amlou 250 g"})
        cls.members = cls.add_members(cls.coop, 5)
        cls.label_manager = cls.create_user("label_manager", ["comasec_coop.comasec_coop_group_label_manager"])
        cls.committee_members = cls.users["committee"] | cls.create_user(
            "committee2", ["comasec_coop.comasec_coop_group_committee_member"]
        )
        cls.committee_members |= cls.create_user("committee3", ["comasec_coop.comasec_coop_group_committee_member"])

    @classmethod
    def create_application(cls, coop=None, products=None, **vals):
        return cls.env["comasec.label.application"].create(
            {
                "cooperative_id": (coop or cls.coop).id,
                "product_ids": [Command.set((cls.argan_oil if products is None else products).ids)],
                "scope": "Production and packaging of argan oil",
                **vals,
            }
        )

    def make_red(self, coop):
        """Close a compliance review of ``coop`` with a critical non-compliance: its level turns red."""
        rule = self.env["comasec.compliance.rule"].search([("severity", "=", "critical")], limit=1)
        self.env["comasec.compliance.review"].create(
            {
                "cooperative_id": coop.id,
                "period": "2099",
                "state": "done",
                "line_ids": [Command.create({"rule_id": rule.id, "result": "non_compliant"})],
            }
        )
        self.assertEqual(coop.comasec_compliance_level, "red")

    def audit_application(self, application, failing=None, auditor=None):
        """Plan, run and close the initial audit of a submitted application; ``failing``
        maps criterion codes to a failing result, every other line is conform."""
        failing = failing or {}
        auditor = auditor or self.users["auditor"]
        if application.state == "draft":
            application.action_submit()
        if application.state == "submitted":
            application.action_admissible()
        action = application.action_plan_audit()
        audit = self.env["comasec.label.audit"].browse(action["res_id"])
        audit.auditor_ids = auditor
        audit = audit.with_user(auditor)
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.write({"result": failing.get(line.code, "conform"), "comment": f"Seen {line.code}"})
        audit.action_done()
        return audit.with_user(self.env.user)

    def committee_session(self, applications, members=None, quorum=2):
        """An open committee session with ``applications`` on its agenda."""
        members = members or self.committee_members
        for application in applications.filtered(lambda a: a.state == "audited"):
            application.action_send_to_committee()
        session = self.env["comasec.label.committee.session"].create(
            {"member_ids": [Command.set(members.ids)], "quorum": quorum}
        )
        applications.committee_session_id = session
        session.action_open()
        return session

    def vote(self, application, user, vote, declare=True):
        application = application.with_user(user)
        if declare:
            application.action_committee_no_conflict()
        getattr(application, f"action_vote_{vote}")()

    def certify(self, application=None):
        """Take an application through audit and committee and issue its certificate."""
        application = application or self.create_application()
        self.audit_application(application)
        self.committee_session(application)
        alice, bob = self.committee_members[:2]
        self.vote(application, alice, "for")
        self.vote(application, bob, "for")
        application.decision = "approved"
        application.action_decide()
        application.action_issue_certificate()
        return application.certificate_ids


class ComasecTraceCase(ComasecLabelCase, ComasecAccountingCase):
    """A certified argan cooperative with its own books: members (women and a man) deliver
    kernels to it, its bookkeeper makes 250 ml argan oil from them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bk_env = cls.company_env(cls.bookkeeper, cls.company)
        cls.man = cls.add_members(cls.coop, 1, women=0)
        cls.kernels = cls.env["product.product"].create(
            {"name": "Amandons d'argan (kg)", "is_storable": True, "tracking": "lot", "supplier_taxes_id": False}
        )
        cls.kernels.with_company(cls.company).standard_price = 60.0
        cls.oil = cls.argan_oil.product_variant_id
        cls.argan_oil.write({"is_storable": True, "tracking": "lot", "taxes_id": False})
        cls.amlou.write({"is_storable": True, "tracking": "lot", "taxes_id": False})
        application = cls.create_application(products=cls.argan_oil)
        application.state = "approved"
        cls.certificate = cls.env["comasec.label.certificate"]._issue(application)
        # issued two months ago: the deliveries and the batch happen under it
        cls.certificate.write({"issue_date": cls.today - timedelta(days=60)})
        cls.commune = cls.env["comasec.commune"].search([("province_id", "=", cls.province.id)], limit=1)

    def deliver(self, quantities, day=None, product=None, env=None):
        """The bookkeeper records members' deliveries (member, quantity) and pays them;
        returns the lots received, in the order of the lines."""
        env = env or self.bk_env
        wizard = env["comasec.member.delivery"].create(
            {
                "date": day or self.today - timedelta(days=30),
                "line_ids": [
                    Command.create(
                        {
                            "member_id": member.id,
                            "product_id": (product or self.kernels).id,
                            "quantity": quantity,
                            "price_unit": 60.0,
                            "comasec_commune_id": self.commune.id,
                        }
                    )
                    for member, quantity in quantities
                ],
            }
        )
        action = wizard.action_create_bills()
        self.bills = env["account.move"].search(action["domain"])
        return wizard.line_ids.comasec_lot_id

    def produce(self, inputs, quantity=120, lot_name="AR-2026-014", product=None, day=None):
        """The bookkeeper's batch from delivered (lot, quantity) pairs; returns the finished lot."""
        day = day or self.today - timedelta(days=20)
        batch = self.bk_env["comasec.label.production"].create(
            {
                "product_id": (product or self.oil).id,
                "quantity": quantity,
                "lot_name": lot_name,
                "production_date": day,
                "best_before_date": day + timedelta(days=540),
                "input_ids": [Command.create({"lot_id": lot.id, "quantity": qty}) for lot, qty in inputs],
            }
        )
        batch.action_done()
        return batch.lot_id

    def sell(self, lot, quantity, customer=None):
        """The bookkeeper invoices ``quantity`` of the lot's product, the lot on the line."""
        customer = customer or self.env["res.partner"].create({"name": "Épicerie Atlas", "city": "Agadir"})
        invoice = self.bk_env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": self.today - timedelta(days=5),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": lot.product_id.id,
                            "comasec_lot_id": lot.id,
                            "quantity": quantity,
                            "price_unit": 90.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice
