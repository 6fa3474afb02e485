import base64
import io

import openpyxl

from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestProductRegister(ComasecLabelCase):
    def test_product_shows_its_valid_certificate(self):
        certificate = self.certify(self.create_application(products=self.argan_oil))
        employee = self.users["employee"]
        # As the web client reads it: employees may not read certificates, only see which covers the product.
        shown = self.argan_oil.with_user(employee).read(["comasec_label_certificate_id"])[0][
            "comasec_label_certificate_id"
        ]
        self.assertEqual(shown, (certificate.id, certificate.display_name))
        self.assertFalse(self.amlou.comasec_label_certificate_id)
        labelled = self.env["product.template"].search([("comasec_label_certificate_id", "!=", False)])
        self.assertIn(self.argan_oil, labelled)
        self.assertNotIn(self.amlou, labelled)
        certificate._apply_sanction("suspension", "Audit overdue")
        self.argan_oil.invalidate_recordset(["comasec_label_certificate_id"])
        self.assertFalse(self.argan_oil.comasec_label_certificate_id, "a suspended certificate does not label")

    def test_register_exports_one_row_per_labelled_product(self):
        certificate = self.certify(self.create_application(products=self.argan_oil | self.amlou))
        other = self.certify(self.create_application(coop=self.other_coop, products=self.amlou))
        other._apply_sanction("suspension", "Critical finding")
        wizard = self.env["comasec.label.register.export"].with_user(self.label_manager).create({})
        action = wizard.action_export()
        self.assertIn("/file_data/", action["url"])
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0][:4], ["Certificate", "Cooperative", "ICE", "Product"])
        body = [row for row in rows[1:] if row[0] in (certificate.name, other.name)]
        self.assertEqual(sorted(row[3] for row in body), sorted([self.argan_oil.name, self.amlou.name]))
        self.assertEqual({row[1] for row in body}, {self.coop.name})
        with_suspended = self.env["comasec.label.register.export"].create({"include_suspended": True})
        self.assertIn(other.name, [row[0] for row in with_suspended._register_rows()])
