from odoo import api, fields, models
from odoo.exceptions import UserError

STICKER_STATES = [("issued", "Issued"), ("used", "Used"), ("voided", "Voided")]


class ComasecLabelSticker(models.Model):
    """A numbered Maroc Solidaire sticker of a labelled lot: its QR code opens the lot's
    public page. Stickers are counted per lot: issued, used on a jar, voided (spoilt)."""

    _name = "comasec.label.sticker"
    _description = "Label sticker"
    _order = "lot_id, number"
    _inherit = ["comasec.workflow.mixin"]
    _comasec_workflow_fields = ("state", "lot_id", "number")

    name = fields.Char(compute="_compute_name", store=True, string="Sticker")
    lot_id = fields.Many2one("stock.lot", required=True, readonly=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    certificate_id = fields.Many2one(related="lot_id.comasec_certificate_id", store=True)
    number = fields.Integer(required=True, readonly=True)
    state = fields.Selection(STICKER_STATES, default="issued", required=True, readonly=True, index=True)
    verify_url = fields.Char(related="lot_id.comasec_verify_url")

    _sql_constraints = [("number_unique", "unique(lot_id, number)", "A sticker number is unique in its lot.")]

    @api.depends("lot_id.name", "number")
    def _compute_name(self):
        for sticker in self:
            sticker.name = f"{sticker.lot_id.name}-{sticker.number:05d}"

    @api.model_create_multi
    def create(self, vals_list):
        # stickers are issued by their lot (_comasec_issue_stickers), which checks the certificate
        if not self.env.su:
            raise UserError(self.env._("Stickers are issued from their lot, with the Issue stickers button."))
        return super().create(vals_list)

    def _set_state(self, state, allowed):
        self.check_access("write")
        wrong = self.filtered(lambda s: s.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The sticker %(sticker)s is %(state)s already.",
                    sticker=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[wrong[0].state],
                )
            )
        # sudo: the state is set by these buttons only (write refuses it), after the check above
        self.sudo().write({"state": state})

    def action_use(self):
        self._set_state("used", ("issued",))

    def action_void(self):
        self._set_state("voided", ("issued", "used"))
