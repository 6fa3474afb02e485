from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestBookkeeperMenus(ComasecAccountingCase):
    """What the onboarded bookkeeper finds in the CoMaSec menus."""

    def menus(self, user):
        env = self.company_env(user, user.company_id)
        menus = env["ir.ui.menu"].load_menus(False)
        xmlids = {menu["xmlid"] for menu in menus.values() if isinstance(menu, dict) and menu.get("xmlid")}
        return env, xmlids

    def test_bookkeeper_finds_receipts_and_ledger(self):
        _env, xmlids = self.menus(self.bookkeeper)
        for xmlid in ("comasec_sales_receipt_menu", "comasec_journal_entry_menu", "comasec_journal_item_menu"):
            self.assertIn(f"comasec_accounting_coaching.{xmlid}", xmlids)

    def test_bookkeeper_menu_opens_their_own_cooperative_only(self):
        env, xmlids = self.menus(self.bookkeeper)
        self.assertIn("comasec_accounting_coaching.comasec_my_cooperative_menu", xmlids)
        self.assertNotIn("comasec_coop.res_partner_comasec_coop_menu", xmlids, "no list of every cooperative")
        action = env.ref("comasec_accounting_coaching.comasec_my_cooperative_action").run()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", self.coop.id))
        # supervisors keep the list of cooperatives
        _env, xmlids = self.menus(self.users["supervisor"])
        self.assertIn("comasec_coop.res_partner_comasec_coop_menu", xmlids)
        self.assertNotIn("comasec_accounting_coaching.comasec_my_cooperative_menu", xmlids)
