from pathlib import Path

from odoo import api, models
from odoo.modules.module import get_module_path

from .comasec_params import PARAMS_DATA, adopt_params


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model
    def set_param(self, key, value):
        # Settings saves a number 0 by deleting the parameter: the next upgrade would then
        # create it again with its default. A number setting of ours keeps its row, at 0.
        if value in (False, None) and key in self._comasec_number_keys():
            value = "0"
        return super().set_param(key, value)

    @api.model
    def _comasec_number_keys(self):
        """Keys of the CoMaSec settings that Settings edits as numbers."""
        return {
            field.config_parameter
            for field in self.env["res.config.settings"]._fields.values()
            if field.type in ("integer", "float")
            and (getattr(field, "config_parameter", None) or "").startswith("comasec_")
        }

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        self._comasec_adopt(params.mapped("key"))
        return params

    @api.model
    def _comasec_adopt(self, keys):
        """A parameter deleted (in System Parameters, or a text setting emptied in Settings)
        loses its XML id: the row saved next has none, and the next upgrade would create the
        key again from the data and fail on its unique constraint. A created key of an installed CoMaSec addon gets its
        data's XML id back (noupdate, so upgrades keep its value)."""
        names = {key.split(".", 1)[0] for key in keys if key.startswith("comasec_")}
        if not names:
            return
        # sudo: reads which addons are installed, to find their settings data
        modules = self.env["ir.module.module"].sudo().search([("name", "in", list(names)), ("state", "=", "installed")])
        adopted = [
            adopt_params(self.env.cr, module.name)
            for module in modules
            if Path(get_module_path(module.name), PARAMS_DATA).exists()
        ]
        if any(adopted):
            self.env["ir.model.data"].invalidate_model()
            self.env.registry.clear_cache()
