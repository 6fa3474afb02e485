from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TourScreenshotCase, prepare_browser_server, settings_user


@tagged("post_install", "-at_install")
class TestScreens(HttpCase):
    """The supervisor's main screens open in a real browser without a client error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env, login="ui_supervisor", groups="base.group_user,comasec_coop.comasec_coop_group_supervisor"
        )
        coop = cls.env["res.partner"].create({"name": "UI coop", "is_company": True, "comasec_is_cooperative": True})
        cls.review = cls.env["comasec.compliance.review"].create({"cooperative_id": coop.id})
        cls.review.action_start()
        cls.coop = coop

    def setUp(self):
        super().setUp()
        prepare_browser_server(self.env)

    def open(self, path, ready):
        self.browser_js(
            path, "console.log('test successful')", ready=f"!!document.querySelector('{ready}')", login="ui_supervisor"
        )

    def test_cockpit_kanban(self):
        self.open("/odoo/action-comasec_coop.res_partner_action_comasec_coop", ".o_kanban_renderer")

    def test_cooperative_form(self):
        self.open(f"/odoo/action-comasec_coop.res_partner_action_comasec_coop/{self.coop.id}", ".o_form_renderer")

    def test_reviews_list_and_form(self):
        self.open("/odoo/action-comasec_coop.comasec_compliance_review_action", ".o_list_renderer")
        self.open(f"/odoo/action-comasec_coop.comasec_compliance_review_action/{self.review.id}", ".o_form_renderer")

    def test_overdue_followups(self):
        self.open("/odoo/action-comasec_coop.comasec_compliance_followup_action", ".o_list_renderer")


@tagged("post_install", "-at_install")
class TestSupervisorTour(TourScreenshotCase):
    """The demo supervisor's review in the browser, in English, French and Arabic: cockpit,
    the red cooperative and why, its review in progress, the last rule, close, PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = cls.env.ref("comasec_coop.demo_user_supervisor", raise_if_not_found=False)
        if not cls.supervisor:
            return
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        # every installed addon of the suite: its menus are in the supervisor's menu bar
        suite = cls.env["ir.module.module"].search([("name", "=like", "comasec_%"), ("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(["web", "mail", *suite.mapped("name")], ["fr_FR", "ar_001"])
        cls.coop = cls.env.ref("comasec_coop.demo_coop_prickly_pear")
        # A second review this year, started by the supervisor: everything seen but the accounts.
        year = fields.Date.context_today(cls.supervisor).year
        Review = cls.env["comasec.compliance.review"].with_user(cls.supervisor)
        cls.review = Review.create({"cooperative_id": cls.coop.id, "period": f"{year}-S2"})
        cls.review.action_start()
        manual = cls.review.line_ids.filtered(lambda line: not line.automatic and line.rule_id.code != "ACC-01")
        manual.with_user(cls.supervisor).write({"result": "compliant"})

    def setUp(self):
        super().setUp()
        if not self.supervisor:
            self.skipTest("installed without demo data")
        prepare_browser_server(self.env)

    def run_tour(self, lang):
        self.supervisor.lang = lang
        self.start_tour("/odoo", "comasec_supervisor_review", login=self.supervisor.login)
        self.assertEqual(self.review.state, "done")
        self.assertEqual(self.review.write_uid, self.supervisor)
        followup = self.review.line_ids.filtered(lambda line: line.rule_id.code == "HYG-01").activity_id
        self.assertEqual(followup.user_id, self.supervisor)
        self.assertEqual(self.coop.comasec_compliance_review_id, self.review)

    def test_supervisor_tour_in_english(self):
        self.run_tour("en_US")

    def test_supervisor_tour_in_french(self):
        self.run_tour("fr_FR")

    def test_supervisor_tour_in_arabic(self):
        self.run_tour("ar_001")

    def test_demo_supervisor_has_the_rights_settings_users_gives(self):
        made_now = settings_user(self.env, "settings_supervisor", ["comasec_coop.comasec_coop_group_supervisor"])
        # the demo supervisor opened cooperatives' books: with more than one allowed company,
        # Odoo adds its multi-company group, as it would for the user made now
        multi_company = self.env.ref("base.group_multi_company")
        self.assertEqual(self.supervisor.groups_id - multi_company, made_now.groups_id - multi_company)
        self.assertEqual(self.supervisor.login, "supervisor")
