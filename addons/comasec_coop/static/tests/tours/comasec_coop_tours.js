/** @odoo-module **/
/* Browser tours of the supervisor and of a cooperative's portal user, run by
   tests/test_ui.py and tests/integration/test_portal_tour.py on the demo data. Selectors
   never depend on translated text: the same tours run in English, French and Arabic.
   A step that clicks or types is one click; "screen" marks each new screen. */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { screenshot } from "@comasec_coop/../tests/tours/tour_screenshot";

const RED_COOP = "Coopérative Aknari Mirleft";

// The supervisor's review: cockpit -> the red cooperative -> why it is red -> its review in
// progress -> the last manual rule -> close (follow-ups created) -> PDF.
registry.category("web_tour.tours").add("comasec_supervisor_review", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CoMaSec app: the cockpit (screen 1)",
            trigger: '.o_app[data-menu-xmlid="comasec_coop.comasec_menu_root"]',
            run: "click",
        },
        {
            content: "The red column comes first and says why",
            trigger: `.o_kanban_group:first-child .o_kanban_record:contains(${RED_COOP}) .o_comasec_level_reason:contains(HYG-01)`,
        },
        screenshot("cockpit"),
        {
            content: "Open the red cooperative (screen 2)",
            trigger: `.o_kanban_record:contains(${RED_COOP})`,
            run: "click",
        },
        {
            content: "Its form opens on the cooperative's page and says why it is red",
            trigger: '.o_notebook .nav-link.active[name="comasec_cooperative"]',
        },
        {
            content: "Open its compliance reviews (screen 3)",
            trigger: '.o_form_view button[name="action_view_compliance_reviews"]',
            run: "click",
        },
        {
            content: "Dates have the Western digits of the scores, in every language",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=review_date]:contains(20)",
        },
        {
            content: "Open the review in progress (screen 4)",
            trigger: ".o_list_view .o_data_row:has(.o_data_cell[name=period]:contains(-S2)) .o_data_cell[name=period]",
            run: "click",
        },
        {
            content: "The review says which critical rule makes it red",
            trigger: ".o_form_view .o_field_widget[name=level_reason]:contains(HYG-01)",
        },
        {
            content: "Select the last rule not evaluated (ACC-01)",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:has(.o_data_cell[name=rule_id]:contains(ACC-01)) .o_data_cell[name=result]",
            run: "click",
        },
        {
            content: "The cooperative's accounts were seen on site: compliant",
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=result] select",
            run: 'select "compliant"',
        },
        {
            content: "Close the review",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_done"]',
            run: "click",
        },
        {
            content: "The review is done",
            trigger: '.o_statusbar_status button[data-value="done"].o_arrow_button_current',
        },
        {
            content: "The follow-up of the critical rule is planned",
            trigger: ".o-mail-Activity:contains(HYG-01)",
        },
        screenshot("review"),
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print the review as PDF (its only report)",
            trigger: ".o-dropdown--menu .o_menu_item:has(.fa-print)",
            run: "click",
        },
        {
            content: "Back on the review",
            trigger: '.o_statusbar_status button[data-value="done"].o_arrow_button_current',
        },
    ],
});

// The cooperative's portal visit: its compliance review and the PDF, back by the breadcrumb,
// its label application and certificate, its members' training certificates.
registry.category("web_tour.tours").add("comasec_portal_visit", {
    url: "/my",
    steps: () => [
        {
            content: "Open the compliance reviews (screen 2; the portal home is screen 1)",
            trigger: 'a[href="/my/compliance"]',
            run: "click",
        },
        {
            content: "Open the last closed review (screen 3)",
            trigger: ".o_comasec_portal_reviews tbody tr:first-child a",
            run: "click",
        },
        {
            content: "It says why its level is what it is",
            trigger: ".o_comasec_level_reason:not(:empty)",
        },
        {
            content: "It offers the review as PDF",
            trigger: "a.o_comasec_review_pdf[href*='report_type=pdf']",
        },
        {
            content: "Back to the list by the breadcrumb",
            trigger: '.o_portal_submenu a[href="/my/compliance"]',
            run: "click",
        },
        {
            content: "Back home by the breadcrumb",
            trigger: '.o_portal_submenu a[href="/my/home"]',
            run: "click",
        },
        {
            content: "Open the label file (screen 4)",
            trigger: 'a[href="/my/label"]',
            run: "click",
        },
        {
            content: "The own certificate can be downloaded as PDF",
            trigger: "a.o_comasec_certificate_pdf[href$='/pdf']",
        },
        {
            content: "Open an application (screen 5)",
            trigger: 'a[href^="/my/label/application/"]',
            run: "click",
        },
        {
            content: "Back to the label file by the breadcrumb",
            trigger: '.o_portal_submenu a[href="/my/label"]',
            run: "click",
        },
        {
            content: "Back home by the breadcrumb",
            trigger: '.o_portal_submenu a[href="/my/home"]',
            run: "click",
        },
        {
            content: "Open the training certificates (screen 6)",
            trigger: 'a[href="/my/training"]',
            run: "click",
        },
        {
            content: "A member's certificate can be downloaded as PDF",
            trigger: "a.o_comasec_training_certificate_pdf[href$='/pdf']",
        },
    ],
});
