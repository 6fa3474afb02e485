from odoo import api, models

# Words printed after the amounts of Moroccan invoices, per language.
MAD_LABELS = {
    "en_US": ("dirhams", "centimes"),
    "fr_FR": ("dirhams", "centimes"),
    "fr_BE": ("dirhams", "centimes"),
    "ar_001": ("درهم", "سنتيم"),
    "ar_SY": ("درهم", "سنتيم"),
}


class ResCurrency(models.Model):
    _inherit = "res.currency"

    @api.model
    def _comasec_set_mad_labels(self):
        """Name the dirham and centime in every installed language that has words for them."""
        mad = self.env.ref("base.MAD")
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for field_index, fname in enumerate(("currency_unit_label", "currency_subunit_label")):
            translations = {lang: words[field_index] for lang, words in MAD_LABELS.items() if lang in installed}
            translations.setdefault("en_US", MAD_LABELS["en_US"][field_index])
            mad.update_field_translations(fname, translations)
