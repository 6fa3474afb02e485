import base64
import io
from datetime import date

import openpyxl

from odoo.addons.comasec_coop.tests.common import RpcCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..models.comasec_social import social_indicators
from ..tools.payroll import cnss_contribution_lines, cnss_contributions, declaration_deadline, due_periods
from ..tools.surplus import to_cents
from .common import ComasecAccountingCase

RATES = [
    ("family", 6.40, 0.0, None),
    ("short_term", 1.05, 0.52, 600000),
    ("pension", 7.93, 3.96, 600000),
]


@tagged("post_install", "-at_install")
class TestCnssPeriods(TransactionCase):
    def test_capped_bases_over_a_quarter(self):
        lines = cnss_contribution_lines(2100000, RATES, months=3)
        self.assertEqual([base for _b, base, _er, _ee in lines], [2100000, 1800000, 1800000])
        self.assertEqual(cnss_contributions(2100000, RATES, months=3), (134400 + 18900 + 142740, 9360 + 71280))

    def test_deadlines(self):
        self.assertEqual(declaration_deadline(date(2026, 1, 31), 10), date(2026, 2, 10))
        self.assertEqual(declaration_deadline(date(2026, 12, 31), 10), date(2027, 1, 10))
        self.assertEqual(declaration_deadline(date(2026, 1, 31), 31), date(2026, 2, 28))
        # periods from the one a worker started in, whose deadline has passed
        self.assertEqual(
            due_periods(date(2025, 1, 15), date(2025, 5, 20), 1, 10),
            [(2025, 1, date(2025, 2, 10)), (2025, 2, date(2025, 3, 10)), (2025, 3, date(2025, 4, 10)),
             (2025, 4, date(2025, 5, 10))],
        )  # fmt: skip
        self.assertEqual(due_periods(date(2025, 2, 1), date(2025, 5, 20), 3, 10), [(2025, 1, date(2025, 4, 10))])
        self.assertEqual(due_periods(date(2025, 4, 1), date(2025, 5, 10), 1, 10), [])


@tagged("post_install", "-at_install")
class TestCnssDeclaration(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("comasec_accounting_coaching.working_days_per_month", 26)
        cls.env_a = cls.company_env(cls.bookkeeper, cls.company)
        cls.env_b = cls.company_env(cls.other_bookkeeper, cls.other_company)
        cls.aicha = cls.worker(cls.env_a, "Aicha", 8000, start=date(2025, 1, 1))
        cls.said = cls.worker(cls.env_a, "Said", 100, kind="daily", start=date(2025, 1, 6))
        cls.fadma = cls.worker(cls.env_a, "Fadma", 3000, cnss=False)
        cls.other_company.comasec_cnss_scheme = "agricultural"
        cls.brahim = cls.worker(cls.env_b, "Brahim", 7000, start=date(2025, 2, 1))

    @classmethod
    def worker(cls, env, name, wage, kind="monthly", cnss=True, start=None):
        return env["hr.employee"].create(
            {
                "name": name,
                "comasec_wage_kind": kind,
                "comasec_wage": wage,
                "comasec_minimum_kind": "smag" if kind == "daily" else "smig",
                "comasec_cnss_number": f"1{len(name):08d}" if cnss else False,
                "comasec_start_date": start,
            }
        )

    def declaration(self, env, year=2026, period=3):
        declaration = env["comasec.cnss.declaration"].create({"year": year, "period": period})
        declaration.action_load_workers()
        return declaration

    def rates(self, on_date):
        return [
            (b, er, ee, to_cents(cap) if cap else None)
            for b, er, ee, cap in self.env["comasec.cnss.rate"]._in_force(on_date)
        ]

    def test_month_capped_wage_and_days(self):
        declaration = self.declaration(self.env_a)
        self.assertEqual((declaration.date_from, declaration.date_to), (date(2026, 3, 1), date(2026, 3, 31)))
        self.assertEqual(declaration.deadline, date(2026, 4, 10))
        lines = {line.employee_id: line for line in declaration.line_ids}
        self.assertEqual(set(lines), {self.aicha, self.said}, "a worker without CNSS number is not declared")
        aicha, said = lines[self.aicha], lines[self.said]
        self.assertEqual((aicha.days, aicha.gross, aicha.capped_wage), (26, 8000.0, 6000.0))
        employer, employee = cnss_contributions(800000, self.rates(date(2026, 3, 31)))
        self.assertEqual((to_cents(aicha.employer_share), to_cents(aicha.employee_share)), (employer, employee))
        # a day labourer's 20 days at 100 MAD
        said.days = 20
        self.assertEqual((said.gross, said.capped_wage), (2000.0, 2000.0))
        self.assertEqual(declaration.worker_count, 2)
        self.assertEqual(declaration.gross_total, 10000.0)
        with self.assertRaisesRegex(ValidationError, "27 days cannot be declared.*at most 26 days a month"):
            said.days = 27
        self.assertEqual(said.days, 20)

    def test_quarter_of_the_agricultural_scheme(self):
        declaration = self.declaration(self.env_b, period=1)
        self.assertEqual(declaration.scheme, "agricultural")
        self.assertEqual((declaration.date_from, declaration.date_to), (date(2026, 1, 1), date(2026, 3, 31)))
        line = declaration.line_ids
        # three months of 7,000 MAD, capped at three times 6,000
        self.assertEqual(
            (line.employee_id, line.days, line.gross, line.capped_wage), (self.brahim, 78, 21000.0, 18000.0)
        )
        line.days = 70
        with self.assertRaisesRegex(ValidationError, "79 days cannot be declared.*78 for this period"):
            line.days = 79
        with self.assertRaisesRegex(ValidationError, "period 5 of 2026 does not exist"):
            self.env_b["comasec.cnss.declaration"].create({"year": 2026, "period": 5})

    def test_xlsx_for_damancom(self):
        declaration = self.declaration(self.env_a)
        declaration.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(declaration.file_data))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows[2]
        self.assertEqual(header[:5], ["Worker", "CNSS number", "Days worked", "Gross wage", "Capped wage"])
        self.assertIn("Long-term benefits (pension) (employer)", header)
        aicha = next(row for row in rows[3:] if row[0] == "Aicha")
        self.assertEqual(aicha[1:5], [self.aicha.comasec_cnss_number, 26, 8000.0, 6000.0])
        pension = header.index("Long-term benefits (pension) (employee)")
        self.assertEqual(aicha[pension], 237.6)  # 3.96 % of the capped 6,000
        line = declaration.line_ids.filtered(lambda li: li.employee_id == self.aicha)
        self.assertEqual(aicha[-2:], [line.employer_share, line.employee_share])
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(rows[-1][3], declaration.gross_total)

    def test_declared_is_fixed_and_only_by_its_button(self):
        declaration = self.declaration(self.env_a)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            declaration.write({"state": "declared", "declared_date": "2026-04-01"})
        declaration.action_mark_declared()
        self.assertEqual((declaration.state, declaration.declared_date), ("declared", self.today))
        with self.assertRaisesRegex(UserError, "is declared"):
            declaration.line_ids[0].days = 10
        with self.assertRaisesRegex(UserError, "are fixed"):
            declaration.period = 4
        with self.assertRaisesRegex(ValidationError, "already has its CNSS declaration"):
            self.env_a["comasec.cnss.declaration"].create({"year": 2026, "period": 3})

    def test_access(self):
        mine = self.declaration(self.env_a)
        theirs = self.declaration(self.env_b, period=1)
        self.assertEqual(self.env_b["comasec.cnss.declaration"].search([]), theirs)
        with self.assertRaises(AccessError):
            self.env_b["comasec.cnss.declaration"].browse(mine.id).read(["gross_total"])
        with self.assertRaises(AccessError):
            self.env_b["comasec.cnss.declaration.line"].browse(mine.line_ids.ids).read(["gross"])
        with self.assertRaises(AccessError):
            self.env_b["comasec.cnss.declaration"].create({"company_id": self.company.id, "year": 2026, "period": 4})
        supervisor = self.company_env(self.users["supervisor"], self.company)
        seen = supervisor["comasec.cnss.declaration"].browse(mine.id)
        self.assertEqual((seen.worker_count, seen.gross_total), (2, 8000.0 + 2600.0))
        with self.assertRaises(AccessError):
            supervisor["comasec.cnss.declaration.line"].browse(mine.line_ids.ids).read(["gross"])
        with self.assertRaises(AccessError):
            seen.action_mark_declared()

    def test_missing_and_late_declarations_in_the_indicators(self):
        """Tifawin's workers started in January 2025: on 20 May 2025, January to April are due.
        January was declared in time, February late, March is still being prepared and April
        was not made. Amalou (agricultural, from February) owes the first quarter."""
        on_date = date(2025, 5, 20)
        declared = {1: date(2025, 2, 5), 2: date(2025, 3, 15)}
        for month in (1, 2, 3):
            declaration = self.declaration(self.env_a, year=2025, period=month)
            if month in declared:
                declaration.action_mark_declared()
                # sudo: the test backdates the day it was entered in Damancom
                declaration.sudo().declared_date = declared[month]
        res = social_indicators(self.env, self.company | self.other_company, on_date)
        self.assertEqual((res[self.company.id]["cnss_missing"], res[self.company.id]["cnss_late"]), (2, 1))
        self.assertEqual((res[self.other_company.id]["cnss_missing"], res[self.other_company.id]["cnss_late"]), (1, 0))
        # the supervisors' health snapshots and the compliance review read them
        snapshot = self.env["comasec.accounting.health"]._compute_snapshots(self.company, on_date)
        seen = self.company_env(self.users["supervisor"], self.company)["comasec.accounting.health"].browse(snapshot.id)
        self.assertEqual((seen.cnss_declarations_missing, seen.cnss_declarations_late), (2, 1))
        review = self.env["comasec.compliance.review"].create(
            {"cooperative_id": self.coop.id, "period": "2025", "review_date": on_date}
        )
        review.action_start()
        line = review.line_ids.filtered(lambda li: li.rule_id.code == "SOC-H3")
        self.assertEqual(line.result, "non_compliant")
        self.assertIn("2 CNSS declaration(s) missing and 1 made late", line.explanation)
        # once every due month is declared on time, the rule is met
        for month in (3, 4):
            declaration = self.env_a["comasec.cnss.declaration"].search([("year", "=", 2025), ("period", "=", month)])
            declaration = declaration or self.declaration(self.env_a, year=2025, period=month)
            declaration.action_mark_declared()
            declaration.sudo().declared_date = date(2025, month + 1, 9)
        self.env_a["comasec.cnss.declaration"].search(
            [("year", "=", 2025), ("period", "=", 2)]
        ).sudo().declared_date = date(2025, 3, 10)
        res = social_indicators(self.env, self.company, on_date)
        self.assertEqual((res[self.company.id]["cnss_missing"], res[self.company.id]["cnss_late"]), (0, 0))


@tagged("post_install", "-at_install")
class TestCnssDeclarationOverRpc(RpcCase, ComasecAccountingCase):
    """What a bookkeeper with a password tries over JSON-RPC, refused with nothing changed."""

    def test_no_backdating_and_no_other_cooperative(self):
        self.bookkeeper.password = self.bookkeeper.login
        self.other_bookkeeper.password = self.other_bookkeeper.login
        env_a = self.company_env(self.bookkeeper, self.company)
        env_a["hr.employee"].create({"name": "Aicha", "comasec_wage": 4000, "comasec_cnss_number": "100000001"})
        declaration = env_a["comasec.cnss.declaration"].create({"year": 2026, "period": 3})
        declaration.action_load_workers()
        self.assertRefused(
            self.bookkeeper,
            "comasec.cnss.declaration",
            "write",
            declaration.ids,
            {"state": "declared", "declared_date": "2026-04-01"},
            error="cannot be set by hand",
        )
        self.assertRefused(self.other_bookkeeper, "comasec.cnss.declaration", "read", declaration.ids, ["gross_total"])
        self.assertRefused(
            self.other_bookkeeper, "comasec.cnss.declaration.line", "write", declaration.line_ids.ids, {"days": 1}
        )
        declaration.invalidate_recordset()
        self.assertEqual((declaration.state, declaration.line_ids.days), ("draft", 26))
