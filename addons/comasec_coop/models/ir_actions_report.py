import re

import lxml.html

from odoo import api, fields, models

ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "".join(chr(0x0660 + n) for n in range(10)))
URL_RE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
# Elements whose text is code or a target, not prose: their digits stay Western.
KEEP_DIGITS_TAGS = {"script", "style", "code", "pre"}
KEEP_DIGITS_CLASS = "o_comasec_keep_digits"
# Elements whose line breaks are printed as such, or are not text.
KEEP_LINES_TAGS = {"script", "style", "pre", "textarea"}
LINE_BREAK_RE = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t\r\n]*")
# A document (the layout's article) or a part of one in another language (a bilingual
# certificate's second page, marked o_comasec_document).
ARTICLE_XPATH = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' o_comasec_document ')][@data-oe-lang]"
)


def arabic_digits(text):
    """``text`` with its Western digits turned into Arabic-Indic ones, except inside URLs."""
    parts, pos = [], 0
    for match in URL_RE.finditer(text):
        parts.append(text[pos : match.start()].translate(ARABIC_INDIC_DIGITS))
        parts.append(match.group())
        pos = match.end()
    parts.append(text[pos:].translate(ARABIC_INDIC_DIGITS))
    return "".join(parts)


def _arabic_digits_in(element):
    """Arabic-Indic digits in the visible text of ``element`` (text nodes only: attribute
    values such as links, image sources and QR targets are never touched)."""
    if not isinstance(element.tag, str):  # comments and processing instructions
        return
    if element.tag in KEEP_DIGITS_TAGS or KEEP_DIGITS_CLASS in (element.get("class") or "").split():
        return
    if element.text:
        element.text = arabic_digits(element.text)
    for child in element:
        if child.get("data-oe-lang") is not None:
            continue  # a part in another language: it gets the digits of its own language
        _arabic_digits_in(child)
        if child.tail:
            child.tail = arabic_digits(child.tail)


def _single_line_in(element):
    """The text of ``element`` without line breaks. A line break is a paragraph separator to
    the bidirectional algorithm of wkhtmltopdf's WebKit, even where HTML shows it as a
    space: in right-to-left text it resets the order of the runs, and the Latin words and
    numbers of the sentence are printed over the Arabic ones."""
    if not isinstance(element.tag, str) or element.tag in KEEP_LINES_TAGS:
        return
    if element.text:
        element.text = LINE_BREAK_RE.sub(" ", element.text)
    for child in element:
        _single_line_in(child)
        if child.tail:
            child.tail = LINE_BREAK_RE.sub(" ", child.tail)


def localize_report_html(html, languages):
    """Each document (``div.article`` with its ``data-oe-lang``) of a rendered report gets
    the direction of its language and, when the language prints Arabic-Indic digits, its
    visible digits converted. ``html`` is the UTF-8 rendering; ``languages`` maps a language
    code to ``(direction, digits)``. Returns ``html`` unchanged when no document has a known language."""
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    changed = False
    for article in root.xpath(ARTICLE_XPATH):
        direction, digits = languages.get(article.get("data-oe-lang"), (None, None))
        if not direction:
            continue
        article.set("dir", direction)
        if direction == "rtl":
            _single_line_in(article)
        if digits == "arabic":
            _arabic_digits_in(article)
        changed = True
    if not changed:
        return html
    return lxml.html.tostring(root.getroottree(), encoding="utf-8", method="html")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    # Set in the data of the reports that need it (the suite's, and the invoices its
    # cooperatives print in Arabic): other reports are printed as Odoo prints them, unparsed.
    comasec_localize = fields.Boolean(
        string="Direction and digits of each language",
        help="Each document of this report is printed right to left in a right-to-left language, "
        "with the digits its language is set to print (Languages: Digits on documents).",
    )

    def _render_qweb_html(self, report_ref, docids, data=None):
        html, kind = super()._render_qweb_html(report_ref, docids, data=data)
        report = self._get_report(report_ref)
        if report.comasec_localize and html:
            html = report._comasec_localize_html(html)
        return html, kind

    def _comasec_localize_html(self, html):
        codes = set(re.findall(rb'data-oe-lang="([^"]+)"', html))
        if not codes:
            return html
        langs = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search_read([("code", "in", [code.decode() for code in codes])], ["code", "direction", "comasec_digits"])
        )
        languages = {lang["code"]: (lang["direction"], lang["comasec_digits"]) for lang in langs}
        return localize_report_html(html, languages)

    @api.model
    def _comasec_document_lang(self, partner=None, prefix=None):
        """The installed language a document of the suite is printed in, else the user's.

        Addressed to ``partner``: the language chosen for this printing (context
        ``comasec_report_lang``), else the partner's. One page of a bilingual document
        (``prefix``: "fr", "ar"): the first installed language of that family, so that
        names are printed translated when it is installed."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        if prefix:
            wanted = [code for code in installed if code.startswith(prefix)]
        else:
            chosen = (self.env.context.get("comasec_report_lang"), partner.lang if partner else None)
            wanted = [code for code in chosen if code in installed]
        return wanted[0] if wanted else self.env.lang or "en_US"
