import io

import xlsxwriter

from odoo import fields, models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, store_and_download, write_table


class ComasecLabelRegisterExport(models.TransientModel):
    _name = "comasec.label.register.export"
    _description = "Register of labelled products"

    include_suspended = fields.Boolean(help="Also list the products of suspended certificates, with their status.")
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _register_columns(self):
        return [
            self.env._("Certificate"),
            self.env._("Cooperative"),
            self.env._("ICE"),
            self.env._("Product"),
            self.env._("Standard"),
            self.env._("Issued on"),
            self.env._("Valid until"),
            self.env._("Status"),
        ]

    def _register_rows(self):
        """One row per product of each valid (or suspended) certificate."""
        states = ["valid", "suspended"] if self.include_suspended else ["valid"]
        certificates = self.env["comasec.label.certificate"].search(
            [("state", "in", states)], order="cooperative_id, name"
        )
        state_labels = dict(certificates._fields["state"].selection)
        return [
            [
                certificate.name,
                certificate.cooperative_id.name,
                certificate.cooperative_id.company_registry or "",
                product.name,
                certificate.standard_id.display_name,
                certificate.issue_date,
                certificate.expiry_date,
                state_labels[certificate.state],
            ]
            for certificate in certificates
            for product in certificate.product_ids
        ]

    def action_export(self):
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, **TEXT_ONLY})
        sheet = workbook.add_worksheet(self.env._("Labelled products"))
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._register_columns()
        write_table(sheet, 0, columns, self._register_rows(), bold, date_format=day)
        sheet.set_column(0, len(columns) - 1, 22)
        workbook.close()
        return store_and_download(
            self, buffer.getvalue(), f"maroc-solidaire-register-{fields.Date.context_today(self)}.xlsx"
        )
