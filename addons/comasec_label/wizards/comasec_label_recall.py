import io
from datetime import date

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, store_and_download, write_table

RECALL_KINDS = [
    ("delivery", "Member delivery"),
    ("finished", "Finished lot"),
    ("invoice", "Customer invoice"),
]


class ComasecLabelRecall(models.TransientModel):
    """The recall of a lot, both ways: the members' deliveries it was made from (or, for a
    delivered lot, the finished lots made from it) and the customer invoices the finished
    lots went out on. One screen, one XLSX."""

    _name = "comasec.label.recall"
    _description = "Lot recall"

    lot_id = fields.Many2one("stock.lot", required=True, readonly=True)
    # kept as text: label staff read a cooperative's lots through this screen only
    lot_name = fields.Char(string="Lot number", readonly=True)
    line_ids = fields.One2many("comasec.label.recall.line", "recall_id", readonly=True)
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _open(self, lot):
        """The recall screen of ``lot``, for a user who may read it or for the label staff.

        Label staff (committee members and managers) follow every labelled lot, but Odoo's
        multi-company rules on stock keep them out of the cooperatives' companies, which
        would also open those companies' books, partners and employees to them: they read
        a lot's recall here, from its batch or from a complaint about it."""
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_committee_member"):
            lot.check_access("read")
        recall = self.create(
            {
                "lot_id": lot.id,
                # sudo: see above; the name only
                "lot_name": lot.sudo().name,
                "line_ids": [Command.create(vals) for vals in self._line_vals(lot)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recall of the lot %s", recall.lot_name),
            "res_model": self._name,
            "res_id": recall.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _line_vals(self, lot):
        # sudo: the user may recall the lot (checked by _open); its recall lists the bills
        # and invoices that carry its lots, which label staff and supervisors have no
        # accounting rights to open, and the lots of the same cooperative it is linked to
        lot = lot.sudo()
        finished = lot if lot.comasec_production_id else lot.comasec_output_lot_ids
        delivered = lot if lot.comasec_member_id else lot.comasec_input_ids.lot_id
        rows = []
        for delivery in delivered.sorted(lambda d: (d.comasec_delivery_date or date.min, d.name)):
            bill_line = delivery.comasec_move_line_ids.filtered(lambda ml: ml.move_id.move_type == "in_invoice")[:1]
            rows.append(
                {
                    "kind": "delivery",
                    "lot_name": delivery.name,
                    "product": delivery.product_id.display_name,
                    "date": delivery.comasec_delivery_date,
                    "partner": delivery.comasec_member_id.partner_id.name,
                    "place": delivery.comasec_commune_id.name,
                    "document": bill_line.move_id.name,
                    "quantity": delivery.comasec_delivered_qty,
                }
            )
        for finished_lot in finished.sorted("name"):
            rows.append(
                {
                    "kind": "finished",
                    "lot_name": finished_lot.name,
                    "product": finished_lot.product_id.display_name,
                    "date": finished_lot.comasec_production_date,
                    "document": finished_lot.comasec_production_id.name,
                    "quantity": finished_lot.comasec_production_id.quantity,
                }
            )
            invoice_lines = finished_lot.comasec_move_line_ids.filtered(
                lambda ml: ml.move_id.move_type in ("out_invoice", "out_refund") and ml.parent_state == "posted"
            )
            for line in invoice_lines.sorted(lambda ml: (ml.move_id.invoice_date, ml.move_id.name)):
                sign = -1 if line.move_id.move_type == "out_refund" else 1
                rows.append(
                    {
                        "kind": "invoice",
                        "lot_name": finished_lot.name,
                        "product": line.product_id.display_name,
                        "date": line.move_id.invoice_date,
                        "partner": line.move_id.partner_id.name,
                        "place": line.move_id.partner_id.city,
                        "document": line.move_id.name,
                        "quantity": sign * line.quantity,
                    }
                )
        return rows

    def _columns(self):
        return [
            (self.env._("Kind"), "kind"),
            (self.env._("Lot"), "lot_name"),
            (self.env._("Product"), "product"),
            (self.env._("Date"), "date"),
            (self.env._("Member or customer"), "partner"),
            (self.env._("Commune or city"), "place"),
            (self.env._("Document"), "document"),
            (self.env._("Quantity"), "quantity"),
        ]

    def action_export(self):
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, **TEXT_ONLY})
        sheet = workbook.add_worksheet(self.env._("Recall"))
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._columns()
        kinds = dict(self.env["comasec.label.recall.line"]._fields["kind"]._description_selection(self.env))
        sheet.write(0, 0, self.env._("Recall of the lot %s", self.lot_name), bold)
        rows = [
            [kinds[line.kind] if name == "kind" else line[name] for _title, name in columns] for line in self.line_ids
        ]
        write_table(sheet, 2, [title for title, _name in columns], rows, bold, date_format=day)
        sheet.set_column(0, len(columns) - 1, 22)
        workbook.close()
        return store_and_download(self, buffer.getvalue(), f"recall-{self.lot_name}.xlsx")


class ComasecLabelRecallLine(models.TransientModel):
    _name = "comasec.label.recall.line"
    _description = "Lot recall line"
    _order = "id"

    recall_id = fields.Many2one("comasec.label.recall", required=True, ondelete="cascade")
    kind = fields.Selection(RECALL_KINDS, required=True)
    lot_name = fields.Char(string="Lot")
    product = fields.Char()
    date = fields.Date()
    partner = fields.Char(string="Member or customer")
    place = fields.Char(string="Commune or city")
    document = fields.Char()
    quantity = fields.Float(digits="Product Unit of Measure")
