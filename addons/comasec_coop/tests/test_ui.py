from odoo.tests import HttpCase, new_test_user, tagged

from .common import prepare_browser_server


@tagged("post_install", "-at_install")
class TestScreens(HttpCase):
    """The supervisor's main screens open in a real browser without a client error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env, login="ui_supervisor", groups="base.group_user,comasec_coop.comasec_coop_group_supervisor"
        )
        coop = cls.env["res.partner"].create({"name": "UI coop", "is_company": True, "is_cooperative": True})
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
