from odoo import fields, models


class ComasecLabelStickerIssue(models.TransientModel):
    _name = "comasec.label.sticker.issue"
    _description = "Issue label stickers"

    lot_id = fields.Many2one("stock.lot", required=True, readonly=True)
    count = fields.Integer(string="Number of stickers", required=True, default=1)

    def action_issue(self):
        self.ensure_one()
        self.lot_id._comasec_issue_stickers(self.count)
        return {"type": "ir.actions.act_window_close"}
