/** @odoo-module **/
/* Browser tours of the Maroc Solidaire label, run by tests/test_tour.py, which creates
   the records they expect (names below). */

import { registry } from "@web/core/registry";
import { screenshot } from "@comasec_coop/../tests/tours/tour_screenshot";

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
        screenshot("certificate"),
    ];
}
registry.category("web_tour.tours").add("comasec_label_buyer_check_fr", {
    steps: () => buyerChecks({ lang: "fr-FR", dir: "ltr", status: "Valide" }),
});
registry.category("web_tour.tours").add("comasec_label_buyer_check_ar", {
    steps: () => buyerChecks({ lang: "ar-001", dir: "rtl", status: "صالحة" }),
});

// The committee member's day: open the session they sit in, read the audit's result on the
// agenda, declare no conflict of interest and vote; the form says what they did and the
// buttons they used are gone. 6 clicks, 3 screens (session list, session, application).
registry.category("web_tour.tours").add("comasec_label_committee_vote", {
    steps: () => [
        {
            content: "Open the committee session",
            trigger: ".o_list_renderer .o_data_row td[name=name]:contains(Tour committee)",
            run: "click",
            // the web client's first page, longer than a step's 10 seconds on a busy machine
            timeout: 30000,
        },
        {
            content: "The agenda shows the audit's score; open the application",
            trigger: "div[name=application_ids] .o_data_row:has(td[name=audit_score]:contains(100)) td[name=name]",
            run: "click",
        },
        {
            content: "The audit's result is on the application",
            trigger: ".modal .o_form_view:has(div[name=audit_score]:contains(100)) div[name=blocking_nonconformity_count]:contains(0)",
        },
        screenshot("application"),
        {
            content: "No vote before the declaration of interests",
            trigger: ".modal .o_form_view:not(:has(button[name=action_vote_for]))",
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
            content: "The declaration is confirmed and cannot be made twice",
            trigger: ".modal .o_form_view:not(:has(button[name=action_committee_no_conflict])) [role=status]:contains(You declared no conflict of interest on)",
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
            content: "The vote is confirmed",
            trigger: ".o_notification:contains(is recorded: For)",
        },
        {
            content: "The form says what the member voted and offers no other vote",
            trigger: ".modal .o_form_view:not(:has(button[name=action_vote_against])) [role=status]:contains(You voted: For, on)",
        },
        {
            content: "The vote is counted",
            trigger: ".modal .o_form_view div[name=votes_for]:contains(1)",
        },
    ],
});

// The label manager's day: in the session, record the committee's decision on the
// application the members voted for, issue its certificate and see it.
// 4 clicks and a choice, 4 screens (session list, session, application, certificate).
registry.category("web_tour.tours").add("comasec_label_manager_decides", {
    steps: () => [
        {
            content: "Open the committee session",
            trigger: ".o_list_renderer .o_data_row td[name=name]:contains(Tour committee)",
            run: "click",
            // the web client's first page, longer than a step's 10 seconds on a busy machine
            timeout: 30000,
        },
        {
            content: "Open the application the members voted on",
            trigger: "div[name=application_ids] .o_data_row:has(td[name=votes_for]:contains(2)) td[name=name]",
            run: "click",
        },
        {
            content: "The manager neither declares nor votes",
            trigger: ".modal .o_form_view:not(:has(button[name=action_vote_for], button[name=action_committee_no_conflict]))",
        },
        {
            content: "Choose the committee's decision",
            trigger: ".modal div[name=decision] select",
            run: 'select "approved"',
        },
        {
            content: "Record the decision",
            trigger: ".modal .o_form_view button[name=action_decide]:enabled",
            run: "click",
        },
        {
            content: "Issue the certificate",
            trigger: ".o_form_view button[name=action_issue_certificate]:enabled",
            run: "click",
        },
        {
            content: "The certificate is valid, with its number and its check URL",
            trigger: ".o_form_view:has(.o_statusbar_status button.o_arrow_button_current:contains(Valid)) div[name=verify_url]:contains(/label/verify/MS-)",
        },
        {
            content: "It can be printed",
            trigger: ".o_form_view button[name=action_print]:enabled",
        },
    ],
});
