import io
from datetime import date, datetime

import openpyxl
import xlsxwriter

from odoo.tests import BaseCase, tagged

from ..tools.xlsx import TEXT_ONLY, write_table


@tagged("post_install", "-at_install")
class TestWriteTable(BaseCase):
    def table(self, rows, formats=(), top=2):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, **TEXT_ONLY})
        sheet = workbook.add_worksheet("Sheet")
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        free = write_table(sheet, top, ["Name", "Identifier", "Amount", "Date"], rows, bold, formats(money), day)
        workbook.close()
        return free, openpyxl.load_workbook(buffer).active

    def test_header_rows_and_the_free_row_below(self):
        rows = [
            ["Aicha", "0012", 1500.5, date(2026, 3, 1)],
            ["Brahim", False, 0, None],
        ]
        free, sheet = self.table(rows, lambda money: (None, None, money))
        self.assertEqual(free, 5)
        self.assertTrue(sheet.cell(3, 1).font.b)
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
        # an identifier stays text, an empty value a blank cell (not FALSE), 0 is written
        self.assertEqual(
            values,
            [
                ["Name", "Identifier", "Amount", "Date"],
                ["Aicha", "0012", 1500.5, datetime(2026, 3, 1)],
                ["Brahim", None, 0, None],
            ],
        )
        self.assertEqual(sheet.cell(4, 3).number_format, "#,##0.00")
        self.assertEqual(sheet.cell(4, 4).number_format, "yyyy-mm-dd")

    def test_no_rows_leaves_the_row_under_the_header_free(self):
        free, _sheet = self.table([], lambda money: (), top=0)
        self.assertEqual(free, 1)

    def test_a_formula_or_a_link_stays_text(self):
        _free, sheet = self.table([['=HYPERLINK("https://x.example")', "https://x.example", 1, None]], lambda m: ())
        self.assertEqual(sheet.cell(4, 1).data_type, "s")
        self.assertIsNone(sheet.cell(4, 2).hyperlink)
