from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """When Odoo loads account's terms for languages (a language installed after the
        cooperatives were onboarded: Arabic), it also translates the companies' taxes after
        the boxes of the VAT return ("20% 80"): the cooperatives' taxes keep the suite's
        names ("VAT 20%") in those languages too."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if "account" in modules:
            self.env["res.company"]._comasec_cooperative_companies()._comasec_label_taxes()
        return result
