from odoo import Command, fields, models
from odoo.exceptions import UserError


class ComasecMemberDelivery(models.TransientModel):
    """Member deliveries are paid as before (a vendor bill per member) and, for produce
    tracked by lot, received into the cooperative's stock: one lot per member line,
    with its member, date, commune and quantity, on one receipt per member."""

    _inherit = "comasec.member.delivery"

    def action_create_bills(self):
        self.ensure_one()
        tracked = self.line_ids.filtered(lambda line: line.product_id.tracking == "lot")
        if tracked:
            self.line_ids._check_member_id()
            tracked._comasec_create_lots()
        action = super().action_create_bills()
        if tracked:
            self._comasec_receive(tracked)
        return action

    def _comasec_receive(self, lines):
        """One receipt per member, done, into the stock of the company's warehouse."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise UserError(
                self.env._("The company %s has no warehouse to receive the deliveries.", self.company_id.name)
            )
        picking_type = warehouse.in_type_id
        source, destination = picking_type.default_location_src_id, picking_type.default_location_dest_id
        pickings = self.env["stock.picking"].create(
            [
                {
                    "picking_type_id": picking_type.id,
                    "company_id": self.company_id.id,
                    "partner_id": member.partner_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "scheduled_date": self.date,
                    "origin": self.env._("Deliveries of %s", fields.Date.to_string(self.date)),
                    "move_ids": [
                        Command.create(line._comasec_prepare_move_vals(source, destination))
                        for line in lines.filtered(lambda li, m=member: li.member_id == m)
                    ],
                }
                for member in lines.member_id
            ]
        )
        pickings.action_confirm()
        pickings._action_done()
        # the stock moves are dated by the delivery, as the bills are
        pickings.write({"date_done": fields.Datetime.to_datetime(self.date)})
        return pickings


class ComasecMemberDeliveryLine(models.TransientModel):
    _inherit = "comasec.member.delivery.line"

    comasec_commune_id = fields.Many2one(
        "comasec.commune",
        string="Commune",
        default=lambda self: self.env.company.partner_id.comasec_coop_commune_id,
        help="Where the produce was harvested; kept with its lot.",
    )
    comasec_lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True)

    def _comasec_create_lots(self):
        self.env["stock.lot"].check_access("create")
        names = self.env["ir.sequence"]._comasec_next_numbers("comasec.label.delivery.lot", len(self))
        company = self.delivery_id.company_id
        # sudo: the member, date, commune and quantity of a delivered lot are set here only
        # (stock.lot refuses them otherwise), from a delivery line checked by the wizard
        lots = (
            self.env["stock.lot"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "product_id": line.product_id.id,
                        "company_id": company.id,
                        "comasec_member_id": line.member_id.id,
                        "comasec_delivery_date": line.delivery_id.date,
                        "comasec_commune_id": line.comasec_commune_id.id,
                        "comasec_delivered_qty": line.quantity,
                    }
                    for line, name in zip(self, names, strict=True)
                ]
            )
        )
        for line, lot in zip(self, lots.sudo(False), strict=True):
            line.comasec_lot_id = lot

    def _prepare_bill_line_vals(self):
        vals = super()._prepare_bill_line_vals()
        if self.comasec_lot_id:
            vals["comasec_lot_id"] = self.comasec_lot_id.id
        return vals

    def _comasec_prepare_move_vals(self, source, destination):
        product = self.product_id
        uom = product.uom_po_id
        return {
            "name": product.display_name,
            "product_id": product.id,
            "product_uom": uom.id,
            "product_uom_qty": self.quantity,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.delivery_id.company_id.id,
            "picked": True,
            "move_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_id": uom.id,
                        "lot_id": self.comasec_lot_id.id,
                        "quantity": self.quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "company_id": self.delivery_id.company_id.id,
                    }
                )
            ],
        }
