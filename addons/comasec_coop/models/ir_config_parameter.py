from pathlib import Path

from odoo import api, models
from odoo.modules.module import get_module_path

from .comasec_params import PARAMS_DATA, adopt_params


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        self._comasec_adopt(params.mapped("key"))
        return params

    @api.model
    def _comasec_adopt(self, keys):
        """Settings saves 0 by deleting a parameter, and its XML id with it: the row saved
        next has none, and the next upgrade would create the key again from the data and
        fail on its unique constraint. A created key of an installed CoMaSec addon gets its
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
