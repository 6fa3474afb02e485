"""Every screen of the suite's menus opens in a real browser without a client error.

Odoo's browser_js fails the test on any error the web client logs (an action context
it cannot evaluate, a view with an unknown field or widget, a failing RPC)."""

from odoo.addons.comasec_coop.tests.common import prepare_browser_server
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestScreens(HttpCase):
    def setUp(self):
        super().setUp()
        prepare_browser_server(self.env)

    def test_every_menu_of_the_suite_opens(self):
        root = self.env.ref("comasec_coop.comasec_menu_root")
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id), ("action", "!=", False)])
        actions = [m.action for m in menus if m.action._name == "ir.actions.act_window"]
        self.assertGreater(len(actions), 10)
        for action in actions:
            with self.subTest(action=action.name):
                self.browser_js(
                    f"/odoo/action-{action.id}",
                    "console.log('test successful')",
                    ready="!!document.querySelector('.o_view_controller, .o_action_manager .o_form_view')",
                    login="admin",
                )
