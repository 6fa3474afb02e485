/** @odoo-module **/
/* Browser tours of the Maroc Solidaire label, run by tests/test_tour.py, which creates
   the records they expect (names below). */

import { registry } from "@web/core/registry";

// A visitor scans the QR code of a certificate: the public page says what a buyer checks.
registry.category("web_tour.tours").add("comasec_label_verify_certificate", {
    steps: () => [
        {
            content: "The page names the certificate",
            trigger: "h1:contains(Maroc Solidaire certificate MS-)",
        },
        {
            content: "The certificate is valid",
            trigger: ".alert-success[role=status] strong:contains(Valid)",
        },
        {
            content: "The certified cooperative",
            trigger: "tr:has(th:contains(Cooperative)) td:contains(Coopérative Tifawin)",
        },
        {
            content: "The certified products",
            trigger: "tr:has(th:contains(Products)) td:contains(argan alimentaire 1L):contains(Amlou 250 g)",
        },
        {
            content: "The expiry date",
            trigger: "tr:has(th:contains(Valid until)) td:contains(2099-12-31)",
        },
    ],
});

// The buyer's QR check, logged out (tests/test_tour.py): the phone opens the URL of the QR
// code, in the language of its prefix; one screen answers, no click.
function buyerChecks({ lang, dir, status }) {
    return [
        {
            content: "The page is in the visitor's language and direction",
            trigger: `html[lang='${lang}'][dir='${dir}'] .o_comasec_label_verify`,
        },
        {
            content: "CoMaSec's name brands the page",
            trigger: ".o_comasec_public_brand:contains(CoMaSec)",
        },
        {
            content: "The certified cooperative",
            trigger: ".o_verify_cooperative td:contains(Coopérative Tifaout)",
        },
        {
            content: "The certificate is valid, said in the page's language",
            trigger: `.alert-success[role=status] strong:contains(${status})`,
        },
        {
            content: "Until when",
            trigger: ".o_verify_valid_until td:contains(20)",
        },
        {
            content: "The footer names CoMaSec, not YourCompany",
            trigger: "footer .o_footer_copyright_name:contains(CoMaSec):not(:contains(YourCompany))",
        },
    ];
}
registry.category("web_tour.tours").add("comasec_label_buyer_check_fr", {
    steps: () => buyerChecks({ lang: "fr-FR", dir: "ltr", status: "Valide" }),
});
registry.category("web_tour.tours").add("comasec_label_buyer_check_ar", {
    steps: () => buyerChecks({ lang: "ar-001", dir: "rtl", status: "صالحة" }),
});

// A committee member opens the session they sit in, declares no conflict and votes for
// the application on its agenda.
registry.category("web_tour.tours").add("comasec_label_committee_vote", {
    steps: () => [
        {
            content: "Open the committee session",
            trigger: ".o_list_renderer .o_data_row td[name=name]:contains(Tour committee)",
            run: "click",
        },
        {
            content: "Open the application on the agenda",
            trigger: "div[name=application_ids] .o_data_row td[name=name]",
            run: "click",
        },
        {
            content: "Declare no conflict of interest",
            trigger: ".modal .o_form_view button[name=action_committee_no_conflict]:enabled",
            run: "click",
        },
        {
            content: "Confirm the declaration",
            trigger: ".modal:contains(I declare that I have no link) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Vote for",
            trigger: ".modal .o_form_view button[name=action_vote_for]:enabled",
            run: "click",
        },
        {
            content: "Confirm the vote",
            trigger: ".modal:contains(A vote is cast once) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The vote is counted",
            trigger: ".modal .o_form_view div[name=votes_for]:contains(1)",
        },
    ],
});
