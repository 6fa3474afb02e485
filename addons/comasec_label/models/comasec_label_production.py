from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from ..tools.traceability import women_share

WORKFLOW_FIELDS = ("state", "lot_id")


class ComasecLabelProduction(models.Model):
    """A production batch of a cooperative: delivered lots of raw produce go in, one
    finished lot comes out, through stock moves to and from the production location."""

    _name = "comasec.label.production"
    _description = "Production batch"
    _inherit = ["mail.thread", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
    _order = "production_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Batch", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Finished product",
        required=True,
        check_company=True,
        domain="[('tracking', '=', 'lot')]",
        tracking=True,
    )
    quantity = fields.Float(required=True, digits="Product Unit of Measure", tracking=True)
    lot_name = fields.Char(
        string="Lot number", required=True, tracking=True, help="As printed on the jars, e.g. AR-2026-014."
    )
    production_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    best_before_date = fields.Date(string="Best before", required=True, tracking=True)
    input_ids = fields.One2many("comasec.label.production.input", "production_id", string="Delivered lots used")
    women_share = fields.Integer(
        compute="_compute_women_share",
        store=True,
        string="Share delivered by women (%)",
        help="The share of the produce used that women members delivered.",
    )
    lot_id = fields.Many2one("stock.lot", string="Finished lot", readonly=True, copy=False, check_company=True)
    certificate_id = fields.Many2one(related="lot_id.comasec_certificate_id")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", required=True, readonly=True, tracking=True
    )

    def _comasec_workflow_create_values(self, vals_list):
        self.env["ir.sequence"]._comasec_number_new("comasec.label.production", vals_list)

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"}:
            self._check_draft()
        return super().write(vals)

    @api.depends("input_ids.quantity", "input_ids.lot_id.comasec_member_id.gender")
    def _compute_women_share(self):
        for production in self:
            production.women_share = (
                women_share(
                    [(line.quantity, line.lot_id.comasec_member_id.gender == "female") for line in production.input_ids]
                )
                or 0
            )

    @api.constrains("quantity", "production_date", "best_before_date")
    def _check_dates(self):
        for production in self:
            if production.quantity <= 0:
                raise ValidationError(self.env._("The quantity made by the batch must be positive."))
            if production.best_before_date <= production.production_date:
                raise ValidationError(
                    self.env._("The best-before date of %s must come after its production date.", production.name)
                )

    def _check_draft(self):
        if self.filtered(lambda p: p.state == "done"):
            raise UserError(self.env._("A done production batch is not changed: its lot is in stock."))

    def _stock_location(self):
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise UserError(self.env._("The company %s has no warehouse.", self.company_id.name))
        return warehouse.lot_stock_id

    def action_done(self):
        """Consume the delivered lots and put the finished lot in stock, with the
        certificate in force on the production date."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("The batch %s is already done.", self.name))
        if not self.input_ids:
            raise UserError(self.env._("Add the delivered lots the batch %s used.", self.name))
        stock = self._stock_location()
        production = self.product_id.with_company(self.company_id).property_stock_production
        Quant = self.env["stock.quant"]
        for line in self.input_ids:
            available = Quant._get_available_quantity(line.lot_id.product_id, stock, lot_id=line.lot_id, strict=True)
            if float_compare(line.quantity, available, precision_rounding=line.lot_id.product_id.uom_id.rounding) > 0:
                raise UserError(
                    self.env._(
                        "The lot %(lot)s has %(available)s in stock, not the %(quantity)s the batch uses.",
                        lot=line.lot_id.name,
                        available=available,
                        quantity=line.quantity,
                    )
                )
        if self.env["stock.lot"].search_count(
            [
                ("name", "=", self.lot_name),
                ("product_id", "=", self.product_id.id),
                ("company_id", "=", self.company_id.id),
            ]
        ):
            raise UserError(
                self.env._(
                    "The lot %(lot)s of %(product)s exists already.",
                    lot=self.lot_name,
                    product=self.product_id.display_name,
                )
            )
        lot = self.env["stock.lot"].create(
            {"name": self.lot_name, "product_id": self.product_id.id, "company_id": self.company_id.id}
        )
        moves = self.env["stock.move"].create(
            [self._prepare_move_vals(line.lot_id, line.quantity, stock, production) for line in self.input_ids]
            + [self._prepare_move_vals(lot, self.quantity, production, stock)]
        )
        moves._action_confirm()
        moves._action_done()
        # sudo: the batch's state and lot, and the lot's batch, are set here only, after the checks above
        self.sudo().write({"state": "done", "lot_id": lot.id})
        lot.sudo().write({"comasec_production_id": self.id})
        lot._comasec_certify()
        return True

    def action_recall(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(self.env._("The batch %s has made no lot yet.", self.name))
        return self.env["comasec.label.recall"]._open(self.lot_id)

    def _prepare_move_vals(self, lot, quantity, source, destination):
        product = lot.product_id
        return {
            "name": self.name,
            "origin": self.name,
            "reference": self.name,
            "company_id": self.company_id.id,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": quantity,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "picked": True,
            "move_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_id": product.uom_id.id,
                        "lot_id": lot.id,
                        "quantity": quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "company_id": self.company_id.id,
                    }
                )
            ],
        }


class ComasecLabelProductionInput(models.Model):
    _name = "comasec.label.production.input"
    _description = "Delivered lot used by a production batch"
    _check_company_auto = True

    production_id = fields.Many2one("comasec.label.production", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="production_id.company_id", store=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Delivered lot",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('comasec_member_id', '!=', False)]",
    )
    member_id = fields.Many2one(related="lot_id.comasec_member_id")
    delivery_date = fields.Date(related="lot_id.comasec_delivery_date")
    quantity = fields.Float(required=True, digits="Product Unit of Measure")

    @api.constrains("quantity", "lot_id")
    def _check_quantity(self):
        for line in self:
            if not line.lot_id.comasec_member_id:
                raise ValidationError(
                    self.env._("The lot %s is no member's delivery: a batch uses delivered lots.", line.lot_id.name)
                )
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._("The quantity used from the lot %s must be positive.", line.lot_id.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.production_id._check_draft()
        return lines

    def write(self, vals):
        self.production_id._check_draft()
        return super().write(vals)

    def unlink(self):
        self.production_id._check_draft()
        return super().unlink()
