from odoo import fields, models


class ComasecLabelSanctionWizard(models.TransientModel):
    _name = "comasec.label.sanction.wizard"
    _description = "Sanction a certificate"

    certificate_ids = fields.Many2many("comasec.label.certificate", required=True)
    kind = fields.Selection(
        [
            ("warning", "Warning"),
            ("suspension", "Suspension"),
            ("withdrawal", "Withdrawal"),
            ("reinstatement", "Reinstatement"),
        ],
        required=True,
        default="warning",
    )
    reason = fields.Text(required=True, help="Recorded on the certificate's history and sent to the cooperative.")

    def action_apply(self):
        self.certificate_ids._apply_sanction(self.kind, self.reason)
        return {"type": "ir.actions.act_window_close"}
