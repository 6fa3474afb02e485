"""Every cell of the access matrix in docs/security.md holds in the database: a user
whose only group is the column's may do the operations the cell lists (r, w, c, d)
and is refused the others. The matrix must name every model of the suite."""

import re
from pathlib import Path

from odoo import Command
from odoo.tests import TransactionCase, tagged

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
GROUPS = {
    "CoMaSec manager": "comasec_coop.comasec_coop_group_manager",
    "supervisor": "comasec_coop.comasec_coop_group_supervisor",
    "trainer": "comasec_coop.comasec_coop_group_trainer",
    "label auditor": "comasec_coop.comasec_coop_group_label_auditor",
    "committee member": "comasec_coop.comasec_coop_group_committee_member",
    "label manager": "comasec_coop.comasec_coop_group_label_manager",
    "cooperative bookkeeper": "comasec_coop.comasec_coop_group_bookkeeper",
    "cooperative portal user": "base.group_portal",
    "public": "base.group_public",
}
OPERATIONS = dict(zip("rwcd", ("read", "write", "create", "unlink"), strict=True))


def read_matrix():
    """{model: {group label: letters}} from the first table of docs/security.md."""
    rows = [line for line in DOC.read_text().splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    matrix = {}
    for line in rows[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        match = re.fullmatch(r"`(comasec\.[\w.]+)`", cells[0])
        if match:
            matrix[match.group(1)] = dict(zip(header[1:], cells[1:], strict=True))
    return matrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        for label, xmlid in GROUPS.items():
            if xmlid == "base.group_public":
                cls.users[label] = cls.env.ref("base.public_user")
                continue
            cls.users[label] = cls.env["res.users"].create(
                {
                    "name": f"Matrix {label}",
                    "login": f"matrix_{xmlid}",
                    "groups_id": [Command.set([cls.env.ref(xmlid).id])],
                }
            )

    def test_matrix_names_every_model_of_the_suite(self):
        data = self.env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "like", "comasec_%")])
        models = self.env["ir.model"].browse(data.mapped("res_id")).filtered(lambda m: not m.transient)
        ours = {m.model for m in models if m.model.startswith("comasec.")}
        self.assertEqual(ours - set(read_matrix()), set(), "models missing from docs/security.md")

    def test_every_cell(self):
        Access = self.env["ir.model.access"]
        for model, cells in read_matrix().items():
            for label, letters in cells.items():
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, group=label, operation=operation):
                        allowed = Access.with_user(self.users[label]).check(model, operation, raise_exception=False)
                        self.assertEqual(
                            bool(allowed), letter in letters, f"{label} {operation} {model}: docs say {letters!r}"
                        )
