# The options of every workbook the suite writes: a string stays text. Typed as
# "=HYPERLINK(...)" it never becomes a formula; typed as "https://..." or
# "external:\\host\share\x.exe" it never becomes a live link (xlsxwriter's defaults).
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_urls": False}


def download_action(record, field="file_data", name_field="file_name"):
    """The action that downloads the file ``record`` keeps in ``field`` (a workbook the
    suite just wrote), under the name in ``name_field``."""
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{record._name}/{record.id}/{field}/{record[name_field]}?download=true",
        "target": "self",
    }
