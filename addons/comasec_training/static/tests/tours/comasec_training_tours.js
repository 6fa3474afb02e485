/** @odoo-module **/
/* The trainer's day, as the demo trainer (login "trainer", the trainer group alone), run by
   tests/test_tour.py on the demo session "Hygiène et BPF - Taliouine" they teach: open
   the session, complete the attendance, enter the scores, issue the certificates. */

import { registry } from "@web/core/registry";
import { screenshot } from "@comasec_coop/../tests/tours/tour_screenshot";

const SESSION = "Hygiène et BPF - Taliouine";

function scoreSteps(participant, score) {
    return [
        {
            content: `Score of ${participant}`,
            trigger: `.o_list_view .o_data_row:has(td[name=name]:contains(${participant})) td[name=comasec_post_score]`,
            run: "click",
        },
        {
            content: `Type ${score}`,
            trigger: `.o_list_view .o_selected_row:has(td[name=name]:contains(${participant})) td[name=comasec_post_score] input`,
            run: `edit ${score}`,
        },
    ];
}

registry.category("web_tour.tours").add("comasec_training_trainer_session", {
    steps: () => [
        {
            content: "Open the session they teach",
            trigger: `.o_list_view .o_data_row td[name=name]:contains(${SESSION})`,
            run: "click",
        },
        {
            content: "The training form: course, place and trainer in the main sheet, no tickets",
            trigger:
                ".o_form_view:not(:has(div[name=event_ticket_ids])):has(div[name=comasec_place]) div[name=comasec_trainer_ids] .o_tag:contains(Youssef Amrani)",
        },
        {
            content: "Open the attendance grid",
            trigger: ".o_form_view .o_form_statusbar button[name=action_open_attendance_grid]",
            run: "click",
        },
        {
            content: "Lahcen Oubaha came on the first day: open his row",
            trigger: ".modal .o_data_row:has(td[name=registration_id]:contains(Lahcen Oubaha)) td[name=present_day_ids]",
            run: "click",
        },
        {
            content: "Look the day up by its slot",
            trigger: ".modal .o_selected_row:has(td[name=registration_id]:contains(Lahcen Oubaha)) td[name=present_day_ids] input",
            run: "fill Full",
        },
        {
            content: "Pick the first day",
            trigger: ".o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) > a:contains(Full day):first",
            run: "click",
        },
        {
            content: "The day is ticked",
            trigger: ".modal .o_data_row:has(td[name=registration_id]:contains(Lahcen Oubaha)) td[name=present_day_ids] .o_tag",
        },
        {
            content: "Save the attendance",
            trigger: ".modal .modal-footer button[name=action_save]",
            run: "click",
        },
        {
            content: "Open the scores",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_statusbar button[name=action_open_scores]",
            run: "click",
        },
        ...scoreSteps("Fadma Aït Ouaziz", "15"),
        ...scoreSteps("Khira Boulkhir", "9"),
        ...scoreSteps("Lahcen Oubaha", "14"),
        ...scoreSteps("Lalla Hnia Belaïd", "17"),
        {
            content: "Save the scores",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The results follow",
            trigger: ".o_list_view:not(:has(.o_selected_row)) .o_data_row:has(td[name=name]:contains(Lalla Hnia)) td[name=comasec_result]:contains(Passed)",
        },
        screenshot("scores"),
        {
            content: "Back to the session",
            trigger: `.o_breadcrumb .o_back_button, .o_breadcrumb a:contains(${SESSION})`,
            run: "click",
        },
        {
            content: "Issue the certificates",
            trigger: ".o_form_view .o_form_statusbar button[name=action_issue_certificates]",
            run: "click",
        },
        {
            content: "Odoo says how many",
            trigger: ".o_notification:contains(Certificates issued: 2)",
        },
        {
            content: "And shows them",
            trigger: ".o_list_view:has(.o_data_row:contains(Lalla Hnia Belaïd)):has(.o_data_row:contains(Fadma Aït Ouaziz))",
        },
    ],
});
