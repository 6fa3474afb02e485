from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.entry_date import check_entry_dates


class ComasecMemberDelivery(models.TransientModel):
    """Record what members delivered to their cooperative as vendor bills to each member,
    so the books know every member's transactions (the basis of ristournes)."""

    _name = "comasec.member.delivery"
    _description = "Member deliveries"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    cooperative_id = fields.Many2one("res.partner", string="Cooperative", related="company_id.partner_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("comasec.member.delivery.line", "delivery_id", string="Deliveries")

    @api.constrains("date")
    def _check_date(self):
        check_entry_dates(self, self.env._("deliveries"))

    def action_create_bills(self):
        self.ensure_one()
        if not self.cooperative_id.comasec_is_cooperative:
            raise UserError(self.env._("The current company %s is not a cooperative's company.", self.company_id.name))
        if not self.line_ids:
            raise UserError(self.env._("Add at least one delivery."))
        # again: the wizard's company may have changed since the lines were added
        self.line_ids._check_member_id()
        bills = self.env["account.move"].create(
            [
                self._prepare_bill_vals(member, self.line_ids.filtered(lambda li, m=member: li.member_id == m))
                for member in self.line_ids.member_id
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Member delivery bills"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", bills.ids)],
            "context": {"default_move_type": "in_invoice"},
        }

    def _prepare_bill_vals(self, member, lines):
        """The vendor bill of ``member`` for their delivery ``lines`` (other addons add to it)."""
        return {
            "move_type": "in_invoice",
            "company_id": self.company_id.id,
            "partner_id": member.partner_id.id,
            "invoice_date": self.date,
            "ref": self.env._("Deliveries of %s", fields.Date.to_string(self.date)),
            "invoice_line_ids": [Command.create(line._prepare_bill_line_vals()) for line in lines],
        }


class ComasecMemberDeliveryLine(models.TransientModel):
    _name = "comasec.member.delivery.line"
    _description = "Member delivery line"

    delivery_id = fields.Many2one("comasec.member.delivery", required=True, ondelete="cascade")
    member_id = fields.Many2one(
        "comasec.coop.member",
        required=True,
        domain="[('cooperative_id', '=', parent.cooperative_id), ('state', '=', 'active')]",
    )
    product_id = fields.Many2one("product.product", string="Produce", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit price", digits="Product Price")
    subtotal = fields.Float(compute="_compute_subtotal")

    @api.constrains("member_id")
    def _check_member_id(self):
        """The member domain is only the screen's: a line sent by hand could point at another
        cooperative's member, whose name the wizard would then show with its own rights."""
        for line in self:
            # sudo: compares the member's cooperative and state only, and names nobody, so
            # that another cooperative's member is refused without being revealed.
            member = line.member_id.sudo()
            if member.cooperative_id != line.delivery_id.cooperative_id or member.state != "active":
                raise ValidationError(
                    self.env._(
                        "A delivery line names someone who is not an active member of %s: "
                        "choose the member in the list of the cooperative's members.",
                        line.delivery_id.cooperative_id.name,
                    )
                )

    def _prepare_bill_line_vals(self):
        """The bill line paying this delivery line (other addons add to it)."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.product_id.display_name,
            "quantity": self.quantity,
            "product_uom_id": self.product_id.uom_po_id.id,
            "price_unit": self.price_unit,
            "tax_ids": [Command.clear()],
        }

    @api.depends("quantity", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.price_unit = self.product_id.standard_price

    @api.constrains("quantity", "price_unit")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(product)s delivered by %(member)s must be positive (got %(qty)s).",
                        product=line.product_id.display_name,
                        member=line.member_id.partner_id.name,
                        qty=line.quantity,
                    )
                )
            if line.price_unit < 0:
                raise ValidationError(self.env._("The price of %s cannot be negative.", line.product_id.display_name))
