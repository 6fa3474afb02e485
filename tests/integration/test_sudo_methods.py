"""Each public method of the suite that works with elevated rights (``sudo()``), called over
JSON-RPC as the least-privileged user who can reach it, made as production makes users:
it does its one job for that user, refuses the users it is not for, and grants nothing
beyond. (The public routes that read with elevated rights, /label/verify,
/training/verify and /my/label, are replayed anonymously and as portal users by
test_bad_input_routes.py.)"""

from odoo.addons.comasec_accounting_coaching.tests.common import ComasecAccountingCase
from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.addons.comasec_label.tests.common import ComasecLabelCase
from odoo.tests import tagged

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"
AUDITOR = "comasec_coop.comasec_coop_group_label_auditor"
# what the onboarding gives a bookkeeper, and nothing else (implied groups aside)
BOOKKEEPER_GROUPS = {
    "base.group_user",
    "comasec_coop.comasec_coop_group_bookkeeper",
    "account.group_account_invoice",
    "base.group_partner_manager",
    "hr.group_hr_user",
}


@tagged("post_install", "-at_install")
class TestSudoMethodsAccounting(RpcCase, ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = settings_user(
            cls.env, "sudo_supervisor", [SUPERVISOR], email="sudo_supervisor@comasec.example"
        )
        cls.bookkeeper.password = cls.bookkeeper.login
        cls.third_coop = cls.create_coop("Coopérative Tamount", register="T-103")

    def test_onboarding_by_a_supervisor_from_settings(self):
        """action_onboard creates the company, the chart and the bookkeeper as superuser."""
        wizard = self.call_as(
            self.supervisor,
            "comasec.accounting.onboarding",
            "create",
            {"cooperative_id": self.third_coop.id, "bookkeeper_name": "Aicha", "bookkeeper_login": "bk_tamount"},
        )
        self.call_as(self.supervisor, "comasec.accounting.onboarding", "action_onboard", [wizard])
        company = self.third_coop.comasec_coop_company_id
        self.assertTrue(company)
        bookkeeper = self.env["res.users"].search([("login", "=", "bk_tamount")])
        self.assertEqual(bookkeeper.company_ids, company)
        given = self.env["res.groups"].browse(self.env.ref(xmlid).id for xmlid in BOOKKEEPER_GROUPS)
        self.assertEqual(bookkeeper.groups_id, given | given.trans_implied_ids)
        for group in ("base.group_system", "base.group_erp_manager", "mail.group_mail_template_editor"):
            with self.subTest(group=group):
                self.assertFalse(bookkeeper.has_group(group))
        # the onboarding supervisor has the new books open; every other supervisor, however
        # made, opens them with the cooperative's Open books button, and nothing more
        self.assertIn(company, self.supervisor.company_ids)
        for supervisor in (self.users["supervisor"], self.env.ref("comasec_coop.demo_user_supervisor")):
            with self.subTest(supervisor=supervisor.login):
                self.assertNotIn(company, supervisor.company_ids)
                supervisor.password = supervisor.login
                before = supervisor.company_ids
                self.call_as(supervisor, "res.partner", "action_open_books", self.third_coop.ids)
                self.assertEqual(supervisor.company_ids - before, company)

    def test_open_books_refused_to_a_bookkeeper(self):
        """action_open_books adds a company to the user's allowed companies as superuser."""
        before = self.bookkeeper.company_ids
        self.assertRefused(
            self.bookkeeper, "res.partner", "action_open_books", self.other_coop.ids, error="AccessError"
        )
        self.assertEqual(self.bookkeeper.company_ids, before)

    def test_onboarding_refused_to_a_bookkeeper(self):
        wizard = {"cooperative_id": self.third_coop.id, "bookkeeper_name": "X", "bookkeeper_login": "bk_intruder"}
        self.assertRefused(self.bookkeeper, "comasec.accounting.onboarding", "create", wizard)
        self.assertFalse(self.third_coop.comasec_coop_company_id)
        self.assertFalse(self.env["res.users"].search_count([("login", "=", "bk_intruder")]))

    def test_health_measured_by_a_supervisor_not_a_bookkeeper(self):
        Health = self.env["comasec.accounting.health"]
        before = Health.search_count([])
        self.call_as(self.supervisor, "comasec.accounting.health", "action_compute_now")
        self.assertGreater(Health.search_count([("company_id", "=", self.other_company.id)]), 0)
        after = Health.search_count([])
        self.assertGreater(after, before)
        self.assertRefused(self.bookkeeper, "comasec.accounting.health", "action_compute_now", error="AccessError")
        self.assertEqual(Health.search_count([]), after)


@tagged("post_install", "-at_install")
class TestSudoMethodsLabel(RpcCase, ComasecLabelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = settings_user(cls.env, "sudo_auditor", [AUDITOR], email="sudo_auditor@comasec.example")
        cls.other_auditor = settings_user(cls.env, "sudo_auditor2", [AUDITOR], email="sudo_auditor2@comasec.example")

    def started_audit(self, failing=None):
        application = self.create_application()
        application.action_submit()
        application.action_admissible()
        audit = self.env["comasec.label.audit"].browse(application.action_plan_audit()["res_id"])
        audit.auditor_ids = self.auditor
        audit = audit.with_user(self.auditor)
        audit.action_declare_no_conflict()
        audit.action_start()
        for line in audit.line_ids:
            line.write({"result": (failing or {}).get(line.code, "conform"), "comment": f"Seen {line.code}"})
        return application, audit.with_user(self.env.user)

    def test_audit_closed_by_its_auditor_only(self):
        """action_done moves the application on as superuser: only the assigned auditor reaches it."""
        application, audit = self.started_audit(failing={"GOV-02": "major"})
        self.assertRefused(self.other_auditor, "comasec.label.audit", "action_done", [audit.id], error="AccessError")
        self.assertEqual((audit.state, application.state), ("in_progress", "audit_planned"))
        self.assertFalse(audit.nonconformity_ids)
        self.call_as(self.auditor, "comasec.label.audit", "action_done", [audit.id])
        self.assertEqual((audit.state, application.state), ("done", "audited"))
        self.assertTrue(audit.nonconformity_ids)
        # the auditor was given nothing on the application itself
        self.assertRefused(
            self.auditor,
            "comasec.label.application",
            "write",
            [application.id],
            {"state": "approved"},
            # refused as a workflow field before the access rights are even read
            error="AccessError|cannot be set by hand",
        )

    def test_nonconformity_closed_by_an_auditor(self):
        """action_close reinstates certificates as superuser; the auditor closes only an accepted action."""
        _application, audit = self.started_audit(failing={"GOV-02": "major"})
        audit.with_user(self.auditor).action_done()
        nc = audit.nonconformity_ids
        nc.corrective_action = "Hold the assembly before June"
        nc.action_propose()
        self.assertRefused(self.auditor, "comasec.label.nonconformity", "action_close", nc.ids, error="UserError")
        self.assertEqual(nc.state, "action_proposed")
        nc.with_user(self.label_manager).action_accept()
        self.call_as(self.auditor, "comasec.label.nonconformity", "action_close", nc.ids)
        self.assertEqual((nc.state, nc.verified_by_id), ("closed", self.auditor))
