"""Every cell of the access matrix in docs/security.md holds in the database, for users
made the way production makes them (docs/access_matrix.py makes them: the onboarding
wizard's bookkeeper, CoMaSec staff from Settings > Users with Odoo's default rights):
each user may do the operations its cell lists (r, w, c, d) and is refused the others.
The matrix names every model of the suite and the Odoo models the suite guards."""

import importlib.util
import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

DOCS = Path(__file__).resolve().parents[2] / "docs"
_spec = importlib.util.spec_from_file_location("comasec_access_matrix", DOCS / "access_matrix.py")
access_matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(access_matrix)


def read_matrix():
    """{row: {column: letters}} from the first table of docs/security.md."""
    lines = (DOCS / "security.md").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| model |"))
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    matrix = {}
    for line in lines[start + 2 :]:
        if not line.startswith("| `"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        matrix[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return matrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.documented = read_matrix()
        cls.actual = access_matrix.matrix(cls.env)

    def test_matrix_names_every_model_of_the_suite_and_every_guarded_one(self):
        rows = {re.sub(r" \(.*\)$", "", row) for row in self.documented}
        missing = {f"`{model}`" for model in access_matrix.suite_models(self.env)} - rows
        self.assertEqual(missing, set(), "models missing from docs/security.md")
        self.assertEqual(set(access_matrix.GUARDED) - set(self.documented), set())
        self.assertEqual(list(self.documented), list(self.actual), "rows of docs/security.md: regenerate the table")

    def test_every_cell(self):
        for row, cells in self.documented.items():
            for column, letters in cells.items():
                with self.subTest(row=row, user=column):
                    self.assertEqual(self.actual[row][column], letters, f"{column} on {row}: docs say {letters!r}")
