"""The ODCO annual pack (issue 18): for a cooperative and a closed fiscal year, the ordinary
assembly and its attendance, the member register and capital movements, the Bilan and CPC,
the surplus allocation, the board and the tax regime, as one PDF and one XLSX, and the
compliance rule that says whether it is present, missing or late.

Two cooperatives run a fiscal year through the suite as their bookkeepers (TwoYearsCase):
Tifawin January-December 2025, Amalou July 2024-June 2025."""

import base64
import html
import io
import re
from datetime import date

import openpyxl

from odoo.addons.comasec_coop.tests.common import RpcCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from ..tools.surplus import to_cents
from .common import TwoYearsCase
from .test_statements import prefixed
from .year_books import sql_ledger


def money(cents):
    return f"{cents / 100:,.2f}"


@tagged("post_install", "-at_install")
class TestOdcoPack(TwoYearsCase, RpcCase):
    """An HttpCase: wkhtmltopdf fetches the reports' assets over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = cls.users["supervisor"]
        for user in (cls.bookkeeper, cls.other_bookkeeper):
            user.password = user.login
        cls.coop.with_user(cls.supervisor).comasec_tax_regime = "exempt_processing"
        cls.other_coop.with_user(cls.supervisor).comasec_tax_regime = "exempt_collect"
        # Tifawin's board and its ordinary assembly for 2025, recorded by the supervisor
        Assembly = cls.env["comasec.coop.assembly"].with_user(cls.supervisor)
        members = cls.books["tifawin"].members
        cls.env["comasec.coop.mandate"].with_user(cls.supervisor).create(
            [
                {"member_id": member.id, "role": role, "date_start": date(2025, 1, 1), "date_end": date(2028, 12, 31)}
                for member, role in zip(members, ("president", "treasurer"), strict=False)
            ]
        )
        cls.assembly = Assembly.create(
            {
                "cooperative_id": cls.coop.id,
                "kind": "ordinary",
                "fiscal_year": 2025,
                "convocation_date": date(2026, 5, 1),
                "location": "Maison des coopératives de Tiznit",
                "resolutions": "<p>Les comptes 2025 sont approuvés à l'unanimité.</p>",
            }
        )
        cls.assembly.action_convene()
        cls.assembly.attendance_ids[0].status = "present"
        cls.assembly.attendance_ids[1].write({"status": "represented", "proxy_member_id": members[0].id})
        cls.assembly.held_date = date(2026, 5, 20)
        cls.assembly.action_hold()
        cls.env.flush_all()

    def pack(self, user, coop, year):
        company = coop.comasec_coop_company_id
        env = self.env(user=user, context=dict(self.env.context, allowed_company_ids=user.company_id.ids))
        pack = env["comasec.odco.pack"].create({"cooperative_id": coop.id, "fiscal_year": year})
        self.env.invalidate_all()
        pack.with_context(force_report_rendering=True).action_generate()
        self.assertEqual(pack.date_from, company._comasec_fiscal_year(pack.date_to)[0])
        return pack

    def pdf_text(self, pack):
        """What the pack's PDF prints: the HTML each of its parts gives wkhtmltopdf (the
        report's web font draws Latin text as shapes, which pdftotext cannot read back: see
        comasec_label's test_report_language), and the PDF holds a page or more of each."""
        pdf = base64.b64decode(pack.pdf_file)
        self.assertTrue(pdf.startswith(b"%PDF"))
        pack = pack.with_context(allowed_company_ids=pack.cooperative_id.comasec_coop_company_id.ids)
        documents = pack._documents(pack._statement_instances())
        self.assertEqual(len(documents), 5)
        self.assertGreaterEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), len(documents))
        Report = pack.env["ir.actions.report"]
        parts = [Report._render_qweb_html(report, ids)[0].decode() for report, ids in documents]
        text = html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))
        # mis_builder separates thousands with a no-break space
        return re.sub(r"[\u00a0\u202f]", ",", re.sub(r"[ \t]+", " ", text))

    def workbook(self, pack):
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(pack.xlsx_file)))

    def test_bookkeeper_makes_the_pack_and_it_matches_the_books(self):
        pack = self.pack(self.bookkeeper, self.coop, 2025)
        books = self.books["tifawin"]
        self.assertEqual((pack.date_from, pack.date_to), (date(2025, 1, 1), date(2025, 12, 31)))
        self.assertEqual(pack.generated_date, self.today)
        self.assertEqual(pack.pdf_filename, "ODCO pack 2025 - Coopérative Tifawin.pdf")
        text = self.pdf_text(pack)
        year = sql_ledger(self.env.cr, self.company, books.start, books.year_end)
        ledger = sql_ledger(self.env.cr, self.company, date_to=books.year_end)
        net = -prefixed(year, ("6", "7"))
        sales = -prefixed(year, ("71",))
        cash = prefixed(ledger, ("51",))
        self.assertGreater(net, 0)
        members = books.members
        for expected in (
            "ODCO annual pack 2025",
            # the tax regime and the year's turnover from the books
            "Exempt: processes its members' produce",
            money(sales),
            # the board in office
            "President",
            "Treasurer",
            members[0].partner_id.name,
            # the assembly, its minutes and attendance
            "Maison des coopératives de Tiznit",
            "Les comptes 2025 sont approuvés",
            "Represented",
            # the surplus allocation
            "Ristourne",
            # the member register and the capital statement, then the Bilan and CPC
            "Register of members",
            "Capital movements",
            "Yearly capital statement",
            "TOTAL GÉNÉRAL ACTIF (I+II+III)",
            f"{cash // 100:,}",
            f"{net // 100:,}",
        ):
            self.assertIn(expected, text)
        self.assertLess(text.index("ODCO annual pack"), text.index("Register of members"))
        self.assertLess(text.index("Yearly capital statement"), text.index("TOTAL GÉNÉRAL ACTIF"))
        # nothing of the other cooperative
        self.assertNotIn("Amalou", text)

        book = self.workbook(pack)
        names = book.sheetnames
        for sheet in ("Pack", "Attendance", "Board", "Members", "Capital movements", "Surplus allocation"):
            self.assertIn(sheet, names)
        summary = {row[0]: row[1] for row in book["Pack"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(summary["Cooperative"], "Coopérative Tifawin")
        self.assertEqual(to_cents(summary["Turnover excluding VAT"]), sales)
        self.assertEqual(summary["Ordinary assembly held on"], "2026-05-20")
        attendance = [row[2] for row in book["Attendance"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(sorted(attendance), ["Absent", "Present", "Represented"])
        self.assertEqual(
            {row[1] for row in book["Members"].iter_rows(min_row=2, values_only=True)},
            set(members.partner_id.mapped("name")),
        )
        allocation = list(book["Surplus allocation"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(to_cents(sum(row[4] or 0 for row in allocation)), net, "the result allocated")
        self.assertEqual(to_cents(sum(row[5] or 0 for row in allocation)), net)
        # the Bilan and CPC sheets are mis_builder's, for the year and the previous one
        cpc = next(book[name] for name in names if name.startswith("CPC"))
        lines = {row[0]: row[1:3] for row in cpc.iter_rows(values_only=True) if row and row[0]}
        result = next(value for label, value in lines.items() if "RÉSULTAT NET" in str(label).upper())
        self.assertEqual(to_cents(result[0]), net)
        bilan = next(book[name] for name in names if name.startswith("Bilan"))
        lines = {row[0]: row[1:3] for row in bilan.iter_rows(values_only=True) if row and row[0]}
        total = lines["TOTAL GÉNÉRAL ACTIF (I+II+III)"]
        self.assertEqual(total, lines["TOTAL GÉNÉRAL PASSIF (I+II+III)"])
        self.assertGreater(to_cents(total[0]), 0)
        cells = [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell]
        self.assertFalse([cell for cell in cells if "Amalou" in cell], "nothing of the other cooperative")

        # made again later the same day: the same record, the first date kept
        pack.with_context(force_report_rendering=True).action_generate()
        self.assertEqual(self.env["comasec.odco.pack"].search_count([("cooperative_id", "=", self.coop.id)]), 1)

    def test_supervisor_makes_a_pack_without_assembly_and_the_review_says_missing(self):
        pack = self.pack(self.supervisor, self.other_coop, 2025)
        self.assertEqual((pack.date_from, pack.date_to), (date(2024, 7, 1), date(2025, 6, 30)))
        text = self.pdf_text(pack)
        self.assertIn("No ordinary assembly is held for the fiscal year 2025", text)
        self.assertIn("Exempt: collects and sells its members' produce only", text)
        self.assertNotIn("Tifawin", text)
        review = (
            self.env["comasec.compliance.review"]
            .with_user(self.supervisor)
            .create({"cooperative_id": self.other_coop.id, "period": "2026", "review_date": self.today})
        )
        review.action_start()
        line = review.line_ids.filtered(lambda li: li.rule_id.code == "ODCO-01")
        self.assertEqual(line.result, "non_compliant")
        self.assertIn("Missing: the ODCO annual pack of 2025 has no ordinary assembly", line.explanation)

    def test_rule_present_missing_late(self):
        rule = self.env.ref("comasec_accounting_coaching.comasec_compliance_rule_odco_01").with_user(self.supervisor)
        in_time, after = date(2026, 6, 29), date(2026, 7, 15)

        def finding(on_date):
            self.env.invalidate_all()
            return rule._evaluate(self.coop, on_date)[self.coop.id]

        result, explanation = finding(after)
        self.assertEqual(result, "non_compliant")
        self.assertIn("Missing: no ODCO annual pack for the fiscal year 2025 (deadline 2026-06-30)", str(explanation))
        pack = self.pack(self.bookkeeper, self.coop, 2025)
        # made today (after the deadline): late
        result, explanation = finding(self.today)
        self.assertEqual(result, "non_compliant")
        self.assertIn("Late: the ODCO annual pack of 2025 was made on", str(explanation))
        # made in June, the assembly held in May: present
        pack.sudo().generated_date = date(2026, 6, 15)  # sudo: the pack as it would be, made in time
        result, explanation = finding(after)
        self.assertEqual(result, "compliant", str(explanation))
        self.assertIn("Present: the ODCO annual pack of 2025 was made on 2026-06-15", str(explanation))
        # before the deadline of 2025, the rule looks at the fiscal year 2024, before the books
        result, explanation = finding(in_time)
        self.assertEqual(result, "non_compliant")
        self.assertIn("fiscal year 2024", str(explanation))
        # a cooperative without books: not applicable
        no_books = self.create_coop("Coopérative sans livres")
        self.assertEqual(rule._evaluate(no_books, after)[no_books.id][0], "not_applicable")

    def test_other_bookkeeper_gets_nothing_of_another_cooperative(self):
        pack = self.pack(self.bookkeeper, self.coop, 2025)
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        self.assertFalse(env_b["comasec.odco.pack"].search([]))
        with self.assertRaises(AccessError):
            env_b["comasec.odco.pack"].browse(pack.id).read(["pdf_file"])
        with self.assertRaises(AccessError):
            env_b["comasec.odco.pack"].create({"cooperative_id": self.coop.id, "fiscal_year": 2024})
        self.assertRefused(
            self.other_bookkeeper, "comasec.odco.pack", "action_generate", [pack.id], error="AccessError"
        )
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "comasec.odco.pack"),
                ("res_id", "=", pack.id),
                ("res_field", "in", ("pdf_file", "xlsx_file")),
            ]
        )
        self.assertEqual(len(attachments), 2)
        with self.assertRaises(AccessError):
            attachments.with_user(self.other_bookkeeper).read(["datas"])
        # the supervisor reads it
        self.assertTrue(pack.with_user(self.supervisor).pdf_file)

    def test_bad_input_says_what_to_fix_and_saves_nothing(self):
        env = self.company_env(self.bookkeeper, self.company)
        Pack = env["comasec.odco.pack"]
        for year, message in (
            (self.today.year, "is made after the close"),
            (2020, "No entry is posted in the books of Coopérative Tifawin for the fiscal year 2020-01-01"),
            (0, "Give the year in which the fiscal year ends"),
        ):
            with self.subTest(year=year):
                pack = Pack.create({"cooperative_id": self.coop.id, "fiscal_year": year})
                with self.assertRaisesRegex(UserError, message):
                    pack.action_generate()
                self.assertFalse(pack.generated_date or pack.pdf_file or pack.xlsx_file)
        with self.assertRaisesRegex(AccessError, "made by its Generate button only"):
            Pack.create({"cooperative_id": self.coop.id, "fiscal_year": 2019, "pdf_file": base64.b64encode(b"%PDF")})
        pack = Pack.search([("fiscal_year", "=", 2020)])
        with self.assertRaisesRegex(AccessError, "made by its Generate button only"):
            pack.write({"generated_date": date(2026, 1, 1)})
        no_books = self.create_coop("Coopérative sans livres")
        pack = (
            self.env["comasec.odco.pack"]
            .with_user(self.supervisor)
            .create({"cooperative_id": no_books.id, "fiscal_year": 2025})
        )
        with self.assertRaisesRegex(UserError, "has no books in the suite: onboard its accounting first"):
            pack.action_generate()
