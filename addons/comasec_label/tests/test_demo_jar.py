import re

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoJar(HttpCase):
    """Done when: the demo jar's QR code opens its lot's page, a complaint filed from it
    reaches the label manager, and the recall screen lists the lot's deliveries and invoices."""

    def setUp(self):
        super().setUp()
        tifaout = self.env.ref("comasec_coop.demo_coop_argan_tiznit", raise_if_not_found=False)
        self.lot = tifaout and self.env["stock.lot"].search(
            [("name", "=like", "AR-%-014"), ("company_id", "=", tifaout.comasec_coop_company_id.id)]
        )
        if not self.lot:
            self.skipTest("the demo story is loaded on install, with demo data")
        self.manager = self.env.ref("comasec_label.demo_user_label_manager")

    def test_jar_qr_to_complaint_and_recall(self):
        lot = self.lot
        self.assertEqual((lot.comasec_stickers_issued, lot.comasec_stickers_used), (120, 48))
        # the QR code of a sticker on a jar
        path = lot.comasec_sticker_ids.filtered(lambda s: s.state == "used")[0].verify_url.removeprefix(
            lot.get_base_url()
        )
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        for expected in [lot.name, "Coopérative Tifaout n&#39;Argan", "Tiznit", "100 %", "Valid"]:
            self.assertIn(expected, page.text)
        for member in ("Fatima Aït Lahcen", "Aïcha Oubella", "Khadija Idbelkas"):
            self.assertNotIn(member, page.text)
        # a buyer reports a problem from it
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"{path}/report",
            data={"csrf_token": token, "kind": "fake", "description": "Sticker on a jar at half price"},
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["comasec.label.complaint"].search([("lot_id", "=", lot.id)])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.user_id, self.manager)
        self.assertEqual(complaint.activity_ids.user_id, self.manager)
        mine = self.env["comasec.label.complaint"].with_user(self.manager).search([("lot_id", "=", lot.id)])
        self.assertEqual(mine, complaint)
        self.assertIn(self.manager.partner_id, mine.message_partner_ids)
        # the label manager opens the lot's recall
        lot_as_manager = lot.with_user(self.manager)
        recall = (
            self.env["comasec.label.recall"]
            .with_user(self.manager)
            .browse(lot_as_manager.action_comasec_recall()["res_id"])
        )
        deliveries = recall.line_ids.filtered(lambda line: line.kind == "delivery")
        self.assertEqual(deliveries.mapped("partner"), ["Fatima Aït Lahcen", "Aïcha Oubella", "Khadija Idbelkas"])
        self.assertEqual(deliveries.mapped("quantity"), [14, 9, 7])
        self.assertTrue(all(line.document.startswith("BILL/") for line in deliveries))
        invoices = recall.line_ids.filtered(lambda line: line.kind == "invoice")
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.quantity, 48)
        self.assertEqual(invoices.partner, "Cosmétiques Atlas SARL")
