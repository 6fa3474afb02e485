# The options of every workbook the suite writes: a string stays text. Typed as
# "=HYPERLINK(...)" it never becomes a formula; typed as "https://..." or
# "external:\\host\share\x.exe" it never becomes a live link (xlsxwriter's defaults).
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_urls": False}
