/** @odoo-module **/
/* Browser tour of a cooperative bookkeeper, run by tests/test_tour.py, which creates the
   cooperative's company, the bookkeeper, the customer and the product named below. */

import { registry } from "@web/core/registry";
import { formatFloat } from "@web/core/utils/numbers";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { screenshot } from "@comasec_coop/../tests/tours/tour_screenshot";

const MENU = "comasec_accounting_coaching.comasec_menu_accounting";

/** Opens CoMaSec > Accounting > the menu item of this xmlid. */
function openAccountingMenu(item, content) {
    return [
        {
            content: "Open the Accounting menu",
            trigger: `.o_menu_sections [data-menu-xmlid="${MENU}"]`,
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid="comasec_accounting_coaching.${item}"]`,
            run: "click",
        },
    ];
}

/** The n-th line (from 1) of the dialog's lines, once it is the one being edited. */
function editedLine(n) {
    return `.modal div[name=line_ids] .o_data_row:nth-child(${n}).o_selected_row`;
}

/** Adds the n-th line to the dialog's lines and picks a record in its many2one. */
function addLine(n, many2one, search, label) {
    return [
        {
            content: `Add line ${n}`,
            trigger: ".modal div[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: `Type ${search}`,
            trigger: `${editedLine(n)} div[name=${many2one}] input`,
            run: `edit ${search}`,
        },
        {
            content: `Pick ${label}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${label})`,
            run: "click",
        },
    ];
}

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

// The bookkeeper's day, run by tests/test_tour.py as the demo bookkeeper of the Tifaout
// cooperative in English, French and Arabic: no selector depends on translated text, and
// amounts are formatted in the user's language.
registry.category("web_tour.tours").add("comasec_accounting_bookkeeper_day", {
    steps: () => {
        // 2 L of food argan oil at 320.00 and 2 jars of amlou at 45.00, the products' prices
        const total = formatFloat(730);
        return [
            stepUtils.showAppsMenuItem(),
            {
                content: "Open the CoMaSec app",
                trigger: '.o_app[data-menu-xmlid="comasec_coop.comasec_menu_root"]',
                run: "click",
            },
            // 1. the day's cash sales, priced from the products (picked by their codes, which
            // no language translates)
            ...openAccountingMenu("comasec_cash_sale_menu", "Open the daily cash sales"),
            ...addLine(1, "product_id", "ARG-ALI", "ARG-ALI-1L"),
            { content: "Two litres", trigger: `${editedLine(1)} div[name=quantity] input`, run: "edit 2" },
            ...addLine(2, "product_id", "AMLOU", "AMLOU-250"),
            { content: "Two jars", trigger: `${editedLine(2)} div[name=quantity] input`, run: "edit 2" },
            { content: "Leave the line", trigger: ".modal .o_form_view p.text-muted", run: "click" },
            {
                content: "The total comes from the products' prices",
                trigger: `.modal div[name=line_ids] tfoot:contains(${total})`,
            },
            {
                content: "Record the day's sales",
                trigger: ".modal button[name=action_create]",
                run: "click",
            },
            {
                content: "The receipt is paid",
                trigger: ".o_form_view .o_widget_web_ribbon",
                // posting the receipt and its payment can take a while on a busy machine
                timeout: 30000,
            },
            {
                content: "and nothing is due on it",
                trigger: `.o_form_view div[name=amount_residual]:contains(${formatFloat(0)}):not(:contains(${total}))`,
            },
            screenshot("receipt"),
            // 2. a member's delivery
            ...openAccountingMenu("comasec_member_delivery_menu", "Open the member deliveries"),
            ...addLine(1, "member_id", "Fatima", "Fatima Aït Lahcen"),
            {
                content: "Type the produce",
                trigger: `${editedLine(1)} div[name=product_id] input`,
                run: "edit AMLOU",
            },
            {
                content: "Pick the produce",
                trigger: ".o-autocomplete--dropdown-item:contains(AMLOU-250)",
                run: "click",
            },
            { content: "Ten jars", trigger: `${editedLine(1)} div[name=quantity] input`, run: "edit 10" },
            { content: "At 30.00 each", trigger: `${editedLine(1)} div[name=price_unit] input`, run: "edit 30" },
            {
                content: "Create the member's bill",
                trigger: ".modal button[name=action_create_bills]",
                run: "click",
            },
            {
                content: "The member's bill is listed",
                trigger: ".o_list_view .o_data_row:contains(Fatima Aït Lahcen)",
                timeout: 30000,
            },
            // 3. the day's receipt and its entry in the cash journal
            ...openAccountingMenu("comasec_sales_receipt_menu", "Open the sales receipts"),
            {
                content: "The day's receipt is listed",
                trigger: `.o_list_view .o_data_row:contains(${total})`,
            },
            ...openAccountingMenu("comasec_journal_item_menu", "Open the journal items"),
            {
                content: "The cash journal (CSH1) received the day's sales",
                trigger: `.o_list_view .o_data_row:contains(PCSH1/):contains(${total})`,
            },
        ];
    },
});

/* A supervisor opens a cooperative's books from its form (tests/test_open_books.py makes
   the supervisor and the cooperative's posted invoice to "Client de la tournée"). */
registry.category("web_tour.tours").add("comasec_supervisor_open_books", {
    steps: () => [
        {
            content: "Open the cooperative's books",
            trigger: ".o_form_view button[name=action_open_books]",
            run: "click",
        },
        {
            content: "The page reloads in the cooperative's company, on its customer invoices",
            trigger: ".o_list_view .o_data_row:contains(Client de la tournée)",
            timeout: 30000,
        },
    ],
});
