/** @odoo-module **/
/* A tour step that saves the screen as the user sees it, for the README, when the tests
   run with COMASEC_SCREENSHOTS=1 (tests/common.py TourScreenshotCase sets the
   comasec_screenshots cookie and saves the PNG under docs/screenshots). Otherwise it does
   nothing; it is never a click. */

import { user } from "@web/core/user";

export function screenshot(name, trigger = "body") {
    return {
        content: `Screenshot ${name} (only when the README's screenshots are taken)`,
        trigger,
        async run() {
            if (!document.cookie.split("; ").includes("comasec_screenshots=1")) {
                return;
            }
            // a public page's language is its document's; the web client's, its user's
            const lang = document.documentElement.lang || user.lang || "en";
            // no tooltip left over from the last click
            const style = document.createElement("style");
            style.textContent = ".o_popover:has(.o-tooltip), .tooltip { visibility: hidden !important; }";
            document.head.append(style);
            console.log(`comasec-screenshot:${name}:${lang}`);
            // the test captures the screen meanwhile: leave it as it is
            await new Promise((resolve) => setTimeout(resolve, 1500));
            style.remove();
        },
    };
}
