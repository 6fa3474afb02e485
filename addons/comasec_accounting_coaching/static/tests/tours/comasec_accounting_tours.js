/** @odoo-module **/
/* Browser tour of a cooperative bookkeeper, run by tests/test_tour.py, which creates the
   cooperative's company, the bookkeeper, the customer and the product named below. */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The bookkeeper opens CoMaSec > Accounting > Customer invoices, enters a sale of argan oil
// and posts it.
registry.category("web_tour.tours").add("comasec_accounting_bookkeeper_invoice", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CoMaSec app",
            trigger: '.o_app[data-menu-xmlid="comasec_coop.comasec_menu_root"]',
            run: "click",
        },
        {
            content: "Open the Accounting menu",
            trigger: '.o_menu_sections button[data-menu-xmlid="comasec_accounting_coaching.comasec_menu_accounting"]',
            run: "click",
        },
        {
            content: "Open the customer invoices",
            trigger: '.dropdown-item[data-menu-xmlid="comasec_accounting_coaching.comasec_customer_invoice_menu"]',
            run: "click",
        },
        {
            content: "Create an invoice",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the customer",
            trigger: ".o_form_view div[name=partner_id] input",
            run: "edit Épicerie Imintanoute",
        },
        {
            content: "Pick the customer",
            trigger: ".o-autocomplete--dropdown-item:contains(Épicerie Imintanoute)",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: "div[name=invoice_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Type the product",
            trigger: "div[name=invoice_line_ids] .o_selected_row div[name=product_id] input",
            run: "edit TIF-ARG-1L",
        },
        {
            content: "Pick the product",
            trigger: ".o-autocomplete--dropdown-item:contains(TIF-ARG-1L)",
            run: "click",
        },
        {
            content: "Three bottles",
            trigger: "div[name=invoice_line_ids] .o_selected_row div[name=quantity] input",
            run: "edit 3",
        },
        {
            content: "Leave the line",
            trigger: ".o_form_view div[name=invoice_date] input",
            run: "click",
        },
        {
            content: "The total includes the 20% VAT",
            trigger: ".o_form_view [name=amount_total]:contains(364.50)",
        },
        {
            content: "Post the invoice",
            trigger: ".o_form_view button[name=action_post]:enabled",
            run: "click",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Posted)",
        },
        {
            content: "It has its number",
            trigger: ".o_form_view div[name=name]:contains(INV/)",
        },
    ],
});
