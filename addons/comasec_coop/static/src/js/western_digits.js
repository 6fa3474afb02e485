/** @odoo-module **/
/* Odoo writes numbers with Western digits in every language, but dates in Arabic with
   Arabic-Indic ones (luxon's "arab" numbering for ar-001): a review dated ٢٠٢٦ with a score
   of 78.26. The interface keeps one kind of digits, the Western ones Moroccan forms use;
   printed documents follow each language's setting (res.lang comasec_digits). */

import { registry } from "@web/core/registry";

registry.category("services").add("comasec_western_digits", {
    dependencies: ["localization"],
    start() {
        luxon.Settings.defaultNumberingSystem = "latn";
    },
});
