from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model_create_multi
    def create(self, vals_list):
        langs = super().create(vals_list)
        self.env["res.currency"]._comasec_set_mad_labels()
        self.env["res.company"]._comasec_cooperative_companies()._comasec_label_taxes()
        return langs

    def write(self, vals):
        res = super().write(vals)
        if vals.get("active"):
            # a language activated later (Arabic) gets its dirham and centime words
            self.env["res.currency"]._comasec_set_mad_labels()
            # and the cooperatives' taxes their names in it, before Odoo's chart translations
            self.env["res.company"]._comasec_cooperative_companies()._comasec_label_taxes()
        return res
