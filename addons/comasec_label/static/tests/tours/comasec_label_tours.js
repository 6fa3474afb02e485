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
