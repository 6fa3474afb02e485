import json
import re

from odoo.addons.comasec_coop.tests.common import RpcCase
from odoo.tests import tagged

from .common import ComasecTraceCase


@tagged("post_install", "-at_install")
class TestLotPage(ComasecTraceCase, RpcCase):
    """A sticker's QR code opens its lot's public page: what anyone may know of the jar."""

    def setUp(self):
        super().setUp()
        self.members[0].partner_id.name = "Aicha Secret-Member"
        self.deliveries = self.deliver([(self.members[0], 40), (self.members[1], 25), (self.man, 35)])
        self.lot = self.produce([(lot, qty) for lot, qty in zip(self.deliveries, (40, 25, 35), strict=True)])
        self.stickers = self.lot.with_env(self.bk_env)._comasec_issue_stickers(120)
        self.path = f"/label/verify/{self.certificate.name}/{self.lot.comasec_verification_code}"

    def test_sticker_qr_opens_the_lot_page(self):
        self.assertEqual(self.stickers[0].verify_url, self.lot.comasec_verify_url)
        self.assertTrue(self.lot.comasec_verify_url.endswith(self.path))
        response = self.url_open(self.path)
        self.assertEqual(response.status_code, 200)
        page = response.text
        for expected in [
            "Huile d&#39;argan alimentaire 1L",
            "AR-2026-014",
            str(self.lot.comasec_production_date),
            str(self.lot.comasec_best_before_date),
            self.coop.name,
            "Tiznit",
            "65 %",
            self.certificate.name,
        ]:
            self.assertIn(expected, page)
        self.assertRegex(page, r'o_verify_status_today">Valid<')
        self.assertRegex(page, r'o_verify_status_production">\s*<th>[^<]*</th>\s*<td>Valid</td>')
        # nothing private: no member, no quantities delivered, no bills, no delivered lots
        for private in ["Aicha Secret-Member", self.man.partner_id.name, self.deliveries[0].name, "DL-"]:
            self.assertNotIn(private, page)

    def test_json_for_machines(self):
        data = self.url_open(f"{self.path}.json").json()
        self.assertEqual(
            {key: data[key] for key in ("lot", "product", "cooperative", "province", "women_share", "status")},
            {
                "lot": "AR-2026-014",
                "product": self.argan_oil.name,
                "cooperative": self.coop.name,
                "province": "Tiznit",
                "women_share": 65,
                "status": "valid",
            },
        )
        self.assertEqual(data["production_status"], "valid")
        self.assertNotIn("Aicha", json.dumps(data))

    def test_statuses_today_and_on_the_production_date(self):
        self.certificate.with_user(self.label_manager)._apply_sanction("suspension", "Surveillance audit refused")
        page = self.url_open(self.path).text
        self.assertRegex(page, r'o_verify_status_today">Suspended<')
        self.assertRegex(page, r'o_verify_status_production">\s*<th>[^<]*</th>\s*<td>Valid</td>')
        self.assertIn("alert-danger", page)
        data = self.url_open(f"{self.path}.json").json()
        self.assertEqual((data["status"], data["production_status"], data["is_valid"]), ("suspended", "valid", False))

    def test_invented_or_stolen_lot_codes_are_a_plain_404(self):
        other = self.certify(self.create_application(coop=self.other_coop))
        code = self.lot.comasec_verification_code
        for path in [
            f"/label/verify/{self.certificate.name}/AAAA-BBBB-CCCC",
            # the lot's code under another certificate, the lot's name instead of its code
            f"/label/verify/{other.name}/{code}",
            f"/label/verify/{self.certificate.name}/AR-2026-014",
            f"/label/verify/{self.certificate.name}/{code[:-1]}X",
            f"/label/verify/{self.certificate.name}/{code}'%20OR%201=1--",
            f"/label/verify/{self.certificate.name}/%25",
            f"/label/verify/AR-2026-014/{code}",
        ]:
            response = self.url_open(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertIn("Certificate not found", response.text)
            self.assertNotIn("AR-2026-014</span>", response.text)
            self.assertEqual(self.url_open(f"{path}.json").status_code, 404, path)

    def test_complaint_from_the_lot_page_reaches_the_label_manager(self):
        page = self.url_open(self.path).text
        self.assertIn(f'action="{self.path}/report"', page)
        # the form has its description box (an empty t-out on a textarea used to drop it)
        self.assertRegex(page, r'<textarea [^>]*name="description"')
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"{self.path}/report",
            data={"csrf_token": token, "kind": "quality", "description": "Rancid oil <b>bought</b> in Agadir"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("your report reached the Maroc Solidaire label team", response.text)
        self.assertIn("AR-2026-014", response.text)
        complaint = self.env["comasec.label.complaint"].search([("lot_id", "=", self.lot.id)])
        self.assertEqual(len(complaint), 1)
        self.assertEqual((complaint.certificate_id, complaint.cooperative_id), (self.certificate, self.coop))
        self.assertEqual(complaint.description, "Rancid oil <b>bought</b> in Agadir")
        as_manager = complaint.with_user(self.label_manager)
        self.assertIn(self.label_manager.partner_id, as_manager.message_partner_ids)
        self.assertTrue(complaint.activity_ids)
        self.assertTrue(complaint.user_id.has_group("comasec_coop.comasec_coop_group_label_manager"))
        # bad input says what to fix, on the lot's page
        response = self.url_open(f"{self.path}/report", data={"csrf_token": token, "kind": "x", "description": "y"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose what the problem is", response.text)
        self.assertIn("AR-2026-014", response.text)

    def test_rpc_refusals(self):
        bookkeeper = self.bookkeeper
        for user in bookkeeper | self.other_bookkeeper:
            user.password = user.login
        self.assertRefused(
            bookkeeper,
            "stock.lot",
            "write",
            [self.lot.id],
            {"comasec_verification_code": "AAAA-BBBB-CCCC"},
            error="cannot be set by hand",
        )
        self.assertRefused(
            bookkeeper,
            "comasec.label.sticker",
            "create",
            {"lot_id": self.lot.id, "number": 500},
            error="Stickers are issued from their lot",
        )
        self.assertRefused(
            self.other_bookkeeper, "stock.lot", "action_comasec_recall", [self.lot.id], error="AccessError"
        )
