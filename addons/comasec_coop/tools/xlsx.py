import base64
from datetime import date

# The options of every workbook the suite writes: a string stays text. Typed as
# "=HYPERLINK(...)" it never becomes a formula; typed as "https://..." or
# "external:\\host\share\x.exe" it never becomes a live link (xlsxwriter's defaults).
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_urls": False}


def write_table(sheet, top, header, rows, header_format, formats=(), date_format=None):
    """Writes ``header`` on the row ``top`` of ``sheet`` and each of ``rows`` below it, and
    returns the first row left free (for a total). A cell takes its column's format from
    ``formats`` (by position); a date in a column without one takes ``date_format``; an empty
    value (None or False) leaves its cell blank rather than writing FALSE."""
    sheet.write_row(top, 0, header, header_format)
    row = top
    for row, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values):
            fmt = formats[col] if col < len(formats) else None
            if value is None or value is False:
                value = ""
            elif fmt is None and isinstance(value, date):
                fmt = date_format
            sheet.write(row, col, value, fmt)
    return row + 1


def download_action(record, field="file_data", name_field="file_name"):
    """The action that downloads the file ``record`` keeps in ``field`` (a workbook the
    suite just wrote), under the name in ``name_field``."""
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{record._name}/{record.id}/{field}/{record[name_field]}?download=true",
        "target": "self",
    }


def store_and_download(record, content, filename):
    """Keep ``content`` (the bytes of a file the suite just wrote) on ``record`` as its
    ``file_data`` named ``filename``, and return the action that downloads it."""
    record.write({"file_data": base64.b64encode(content), "file_name": filename})
    return download_action(record)
