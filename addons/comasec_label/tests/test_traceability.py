import base64
import io
import re
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComasecTraceCase


@tagged("post_install", "-at_install")
class TestTraceability(ComasecTraceCase):
    """From members' deliveries to a labelled lot, its stickers and its recall, as the
    cooperative's bookkeeper does it and label staff and supervisors read it."""

    def stock_of(self, lot):
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)]).lot_stock_id
        return self.env["stock.quant"]._get_available_quantity(lot.product_id, stock, lot_id=lot, strict=True)

    def make_jar_lot(self):
        women, man = self.members[:2], self.man
        lots = self.deliver([(women[0], 40), (women[1], 25), (man, 35)])
        return lots, self.produce([(lot, qty) for lot, qty in zip(lots, (40, 25, 35), strict=True)])

    def test_deliveries_are_received_as_lots_per_member_and_paid(self):
        day = self.today - timedelta(days=30)
        lots = self.deliver([(self.members[0], 40), (self.members[1], 25), (self.members[0], 10)])
        self.assertEqual(len(lots), 3, "one lot per member line")
        self.assertEqual(lots.mapped("comasec_member_id"), self.members[:2])
        self.assertEqual(lots.mapped("comasec_delivered_qty"), [40, 25, 10])
        self.assertEqual(set(lots.mapped("comasec_delivery_date")), {day})
        self.assertEqual(lots.comasec_commune_id, self.commune)
        self.assertEqual(lots.company_id, self.company)
        self.assertEqual([self.stock_of(lot) for lot in lots], [40, 25, 10])
        # paid as before: one bill per member, each line carrying the lot it pays
        self.assertEqual(len(self.bills), 2)
        self.assertEqual(self.bills.invoice_line_ids.comasec_lot_id, lots)
        bill = self.bills.filtered(lambda b: b.partner_id == self.members[0].partner_id)
        self.assertEqual(bill.amount_total, 3000.0)
        # received on one done receipt per member, in the cooperative's warehouse
        receipts = self.bk_env["stock.picking"].search([("partner_id", "in", self.members[:2].partner_id.ids)])
        self.assertEqual(len(receipts), 2)
        self.assertEqual(set(receipts.mapped("state")), {"done"})
        self.assertEqual(receipts.picking_type_id.code, "incoming")

    def test_untracked_produce_is_only_paid(self):
        honey = self.env["product.product"].create({"name": "Miel (kg)", "supplier_taxes_id": False})
        lots = self.deliver([(self.members[0], 5)], product=honey)
        self.assertFalse(lots)
        self.assertEqual(len(self.bills), 1)

    def test_batch_makes_a_labelled_lot(self):
        deliveries, lot = self.make_jar_lot()
        self.assertEqual(lot.name, "AR-2026-014")
        self.assertEqual(lot.comasec_certificate_id, self.certificate)
        self.assertRegex(lot.comasec_verification_code, r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
        self.assertEqual(lot.comasec_production_date, self.today - timedelta(days=20))
        self.assertEqual(lot.comasec_best_before_date, self.today + timedelta(days=520))
        # women delivered 65 kg of the 100 used
        self.assertEqual(lot.comasec_women_share, 65)
        self.assertEqual(self.stock_of(lot), 120)
        self.assertEqual([self.stock_of(d) for d in deliveries], [0, 0, 0])
        self.assertIn(f"/label/verify/{self.certificate.name}/{lot.comasec_verification_code}", lot.comasec_verify_url)

    def test_batch_refuses_what_it_cannot_do(self):
        (lot,) = self.deliver([(self.members[0], 10)])
        with self.assertRaisesRegex(UserError, "has 10.0 in stock, not the 12.0"):
            self.produce([(lot, 12)])
        with self.assertRaisesRegex(ValidationError, "best-before date .* must come after"):
            self.bk_env["comasec.label.production"].create(
                {
                    "product_id": self.oil.id,
                    "quantity": 10,
                    "lot_name": "AR-X",
                    "production_date": self.today,
                    "best_before_date": self.today,
                }
            )
        with self.assertRaisesRegex(UserError, "Add the delivered lots"):
            self.bk_env["comasec.label.production"].create(
                {
                    "product_id": self.oil.id,
                    "quantity": 10,
                    "lot_name": "AR-Y",
                    "best_before_date": self.today + timedelta(days=30),
                }
            ).action_done()
        finished = self.produce([(lot, 10)], quantity=30)
        with self.assertRaisesRegex(UserError, "A done production batch is not changed"):
            finished.comasec_production_id.quantity = 300
        self.assertEqual(self.stock_of(lot), 0)

    def test_stickers_are_numbered_and_counted(self):
        _deliveries, lot = self.make_jar_lot()
        lot = lot.with_env(self.bk_env)
        stickers = lot._comasec_issue_stickers(100)
        self.assertEqual(stickers[0].name, "AR-2026-014-00001")
        self.assertEqual(stickers[-1].name, "AR-2026-014-00100")
        stickers[:3].action_use()
        stickers[3:5].action_void()
        stickers[0].action_void()
        self.assertEqual(
            (lot.comasec_stickers_issued, lot.comasec_stickers_used, lot.comasec_stickers_voided), (100, 2, 3)
        )
        with self.assertRaisesRegex(UserError, "already"):
            stickers[1].action_use()
        # 97 live stickers: 23 more would label jars that do not exist; 23 - 0 ok
        with self.assertRaisesRegex(UserError, "has 120.0 units and 97 stickers already"):
            lot._comasec_issue_stickers(24)
        more = lot._comasec_issue_stickers(23)
        self.assertEqual(more[0].name, "AR-2026-014-00101")
        # the PDF of the stickers left to stick: numbered, with the QR code of the lot's page
        action = lot.action_comasec_print_stickers()
        self.assertEqual(action["context"]["active_ids"], (stickers[5:] | more).ids)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "comasec_label.comasec_label_sticker_report", (stickers[5:] | more).ids
            )[0]
        )
        self.assertEqual(html.count("o_comasec_label_sticker"), 118)
        self.assertIn("AR-2026-014-00123", html)
        # one QR code, the lot's, drawn once and printed on each sticker
        self.assertEqual(html.count("data:image/png;base64"), 118)
        self.assertEqual(len(set(re.findall(r'src="(data:image/png;base64,[^"]+)"', html))), 1)
        # stickers come only from their lot's button, and their state only from theirs
        with self.assertRaises(UserError):
            self.bk_env["comasec.label.sticker"].create({"lot_id": lot.id, "number": 999})
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            more[0].with_env(self.bk_env).state = "used"

    def test_no_sticker_outside_the_certificate_scope(self):
        (kernels,) = self.deliver([(self.members[0], 10)])
        lot = self.produce([(kernels, 10)], quantity=40, lot_name="AM-2026-003", product=self.amlou.product_variant_id)
        self.assertFalse(lot.comasec_certificate_id, "amlou is outside the certificate's scope")
        with self.assertRaisesRegex(UserError, "Amlou 250 g is outside the scope of the certificate MS-"):
            lot.with_env(self.bk_env)._comasec_issue_stickers(10)
        self.assertFalse(lot.comasec_sticker_ids)

    def test_no_sticker_while_the_certificate_is_suspended(self):
        _deliveries, lot = self.make_jar_lot()
        self.certificate.with_user(self.label_manager)._apply_sanction("suspension", "Surveillance audit refused")
        with self.assertRaisesRegex(UserError, f"The certificate {self.certificate.name} is suspended"):
            lot.with_env(self.bk_env)._comasec_issue_stickers(10)
        self.assertFalse(lot.comasec_sticker_ids)
        # the lot keeps its certificate: it was valid on the production date
        self.assertEqual(lot._comasec_certificate_state_on(lot.comasec_production_date), "valid")
        self.assertEqual(lot._comasec_certificate_state_on(self.today), "suspended")

    def test_no_certificate_in_force_no_sticker(self):
        (kernels,) = self.deliver([(self.members[0], 10)], day=self.today - timedelta(days=90))
        lot = self.produce([(kernels, 10)], quantity=40, lot_name="AR-2025-099", day=self.today - timedelta(days=80))
        self.assertFalse(lot.comasec_certificate_id)
        with self.assertRaisesRegex(UserError, "No Maroc Solidaire certificate .* in force on the production date"):
            lot.with_env(self.bk_env)._comasec_issue_stickers(1)

    def test_recall_both_ways(self):
        deliveries, lot = self.make_jar_lot()
        invoice = self.sell(lot, 48)
        recall = self.env["comasec.label.recall"].with_user(self.label_manager)
        screen = recall.browse(recall._open(lot)["res_id"])
        rows = [
            (line.kind, line.lot_name, line.partner or "", line.document or "", line.quantity)
            for line in screen.line_ids
        ]
        bills = {bill.partner_id: bill.name for bill in self.bills}
        self.assertEqual(
            rows,
            [
                (
                    "delivery",
                    deliveries[0].name,
                    self.members[0].partner_id.name,
                    bills[self.members[0].partner_id],
                    40,
                ),
                (
                    "delivery",
                    deliveries[1].name,
                    self.members[1].partner_id.name,
                    bills[self.members[1].partner_id],
                    25,
                ),
                ("delivery", deliveries[2].name, self.man.partner_id.name, bills[self.man.partner_id], 35),
                ("finished", "AR-2026-014", "", lot.comasec_production_id.name, 120),
                ("invoice", "AR-2026-014", "Épicerie Atlas", invoice.name, 48),
            ],
        )
        # from a delivered lot: the finished lots made from it and where they went
        back = recall.browse(recall._open(deliveries[2])["res_id"])
        self.assertEqual(
            [(line.kind, line.lot_name) for line in back.line_ids],
            [("delivery", deliveries[2].name), ("finished", "AR-2026-014"), ("invoice", "AR-2026-014")],
        )
        # the same in one XLSX
        screen.action_export()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(screen.file_data))).active
        values = [[cell for cell in row] for row in sheet.iter_rows(min_row=4, values_only=True)]
        self.assertEqual(len(values), 5)
        self.assertEqual(values[0][:2], ["Member delivery", deliveries[0].name])
        self.assertEqual(values[4][4], "Épicerie Atlas")
        self.assertEqual(values[4][6], invoice.name)

    def test_invoice_line_lot_of_another_product_refused(self):
        (kernels,) = self.deliver([(self.members[0], 10)])
        with self.assertRaisesRegex(ValidationError, "is a lot of .*Amandons.*, not of .*argan"):
            self.bk_env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.coop.id,
                    "invoice_line_ids": [Command.create({"product_id": self.oil.id, "comasec_lot_id": kernels.id})],
                }
            )

    def test_who_sees_and_changes_what(self):
        _deliveries, lot = self.make_jar_lot()
        # out of the bookkeeper's environment (its allowed companies)
        lot = self.env["stock.lot"].browse(lot.id)
        batch = lot.comasec_production_id
        other_env = self.company_env(self.other_bookkeeper, self.other_company)
        # another cooperative's bookkeeper neither finds nor opens them
        self.assertFalse(other_env["stock.lot"].search([("id", "=", lot.id)]))
        self.assertFalse(other_env["comasec.label.production"].search([("id", "=", batch.id)]))
        with self.assertRaises(AccessError):
            lot.with_env(other_env).read(["name"])
        with self.assertRaises(AccessError):
            other_env["comasec.label.recall"]._open(lot.with_env(other_env))
        draft = self.bk_env["comasec.label.production"].create(
            {
                "product_id": self.oil.id,
                "quantity": 5,
                "lot_name": "AR-D",
                "best_before_date": self.today + timedelta(days=9),
            }
        )
        # label staff read every cooperative's batches and recall their lots, and change none;
        # supervisors read the lots themselves too
        for user in (self.label_manager, self.users["committee"], self.users["supervisor"]):
            self.assertEqual(batch.with_user(user).women_share, 65)
            self.assertEqual(batch.with_user(user).certificate_id, self.certificate)
            recall = self.env["comasec.label.recall"].with_user(user)
            screen = recall.browse(batch.with_user(user).action_recall()["res_id"])
            self.assertEqual(len(screen.line_ids), 4)
            screen.action_export()
            with self.assertRaises(AccessError):
                draft.with_user(user).write({"quantity": 1})
            with self.assertRaises(AccessError):
                lot.with_user(user)._comasec_issue_stickers(1)
        self.assertEqual(lot.with_user(self.users["supervisor"]).comasec_women_share, 65)
        # label staff do not reach the cooperatives' companies (nor their books) through it
        with self.assertRaises(AccessError):
            lot.with_user(self.label_manager).read(["name"])
        self.assertNotIn(self.company, self.label_manager.company_ids)
        # nor does an auditor recall a lot
        with self.assertRaises(AccessError):
            self.env["comasec.label.recall"].with_user(self.users["auditor"])._open(
                lot.with_user(self.users["auditor"])
            )
        # the traces are set by the flows, never typed in
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            lot.with_env(self.bk_env).write({"comasec_certificate_id": False})
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self.bk_env["stock.lot"].create(
                {"name": "FAKE-1", "product_id": self.kernels.id, "comasec_member_id": self.members[0].id}
            )
