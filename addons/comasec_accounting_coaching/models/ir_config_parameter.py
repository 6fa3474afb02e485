from odoo import api, models

from .comasec_social import DAYS_PER_MONTH_KEY


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        self._comasec_recompute_dependents(params.mapped("key"))
        return params

    def write(self, vals):
        res = super().write(vals)
        self._comasec_recompute_dependents(self.mapped("key"))
        return res

    def unlink(self):
        keys = self.mapped("key")
        res = super().unlink()
        self._comasec_recompute_dependents(keys)
        return res

    @api.model
    def _comasec_recompute_dependents(self, keys):
        # stored wages computed from a setting follow it (a parameter may also be deleted)
        if DAYS_PER_MONTH_KEY in keys:
            self.env["hr.employee"]._comasec_recompute_daily_wages()
