"""Reading a rendered report the way a reader sees it, for the report language tests of the suite."""

import re
import subprocess
import tempfile
import unicodedata

import lxml.html

from odoo.addons.comasec_coop.models.ir_actions_report import ARABIC_INDIC_DIGITS, ARTICLE_XPATH

WESTERN = "0123456789"
ARABIC_INDIC = WESTERN.translate(ARABIC_INDIC_DIGITS)
UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def render_documents(env, report_ref, ids, **context):
    """The documents (``div.article``) of the HTML rendering of a report, as lxml elements."""
    html = env["ir.actions.report"].with_context(**context)._render_qweb_html(report_ref, ids)[0]
    return lxml.html.document_fromstring(html, parser=UTF8).xpath(ARTICLE_XPATH)


def pdf_bodies(env, report_ref, ids):
    """The page bodies handed to wkhtmltopdf, one HTML document per printed document."""
    Report = env["ir.actions.report"]
    report = Report._get_report(report_ref)
    html = Report._render_qweb_html(report_ref, ids)[0]
    bodies = Report._prepare_html(html, report_model=report.model)[0]
    return [lxml.html.document_fromstring(body, parser=UTF8) for body in bodies]


def text(element):
    """The visible text of ``element``, whitespace collapsed."""
    return " ".join(element.text_content().split())


def arabic_indic(value):
    return str(value).translate(ARABIC_INDIC_DIGITS)


def has_western_digits(value):
    return any(char in WESTERN for char in value)


def has_arabic_indic_digits(value):
    return any(char in ARABIC_INDIC for char in value)


def pdf_text(env, report_ref, ids, page=None):
    """The text of the PDF of a report (of its page ``page`` only, if given) as pdftotext reads
    it, Arabic letters back from their presentation forms and without direction marks."""
    pdf = env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(report_ref, ids)[0]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        pages = ["-f", str(page), "-l", str(page)] if page else []
        output = subprocess.run(
            ["pdftotext", *pages, file.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", unicodedata.normalize("NFKC", output))


def missing_in_order(value, phrases):
    """The first of ``phrases`` that ``value`` does not hold after the ones before it, or None."""
    position = 0
    for phrase in phrases:
        found = value.find(phrase, position)
        if found < 0:
            return phrase
        position = found + len(phrase)
    return None
