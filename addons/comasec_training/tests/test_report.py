import base64
import io
import zipfile
from datetime import date

from odoo.tests import tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestReport(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_coop.comasec_coop_province_id = cls.env.ref("comasec_coop.comasec_province_taroudant")
        cls.other_coop.comasec_coop_sector_ids = cls.env.ref("comasec_coop.comasec_sector_saffron")
        cls.hygiene = cls.env["comasec.training.course"].create({"name": "Hygiene", "theme": "hygiene"})
        cls.bookkeeping = cls.create_session(
            name="Bookkeeping", days=[(date(2026, 3, 2), "full")], comasec_funding_source="indh"
        )
        cls.hygiene_session = cls.create_session(
            name="Hygiene", course=cls.hygiene, days=[(date(2026, 4, 6), "morning")], comasec_funding_source="region"
        )
        # Tiznit (argan): 3 women and 1 man in bookkeeping; Taroudant (saffron): 1 woman, 1 man in hygiene.
        tiznit = cls.add_members(cls.coop, 4, women=3)
        taroudant = cls.add_members(cls.other_coop, 2, women=1)
        cls.book_regs = cls.enrol(cls.bookkeeping, tiznit)
        cls.hyg_regs = cls.enrol(cls.hygiene_session, taroudant)
        present = cls.book_regs[:3] | cls.hyg_regs
        cls.env["comasec.training.attendance"].create(
            [{"registration_id": r.id, "day_id": r.event_id.comasec_day_ids.id} for r in present]
            + [{"registration_id": cls.book_regs[3].id, "day_id": cls.bookkeeping.comasec_day_ids.id, "present": False}]
        )
        cls.book_regs[0].comasec_post_score = 15  # passed
        cls.book_regs[1].comasec_post_score = 5  # failed; [2] pending; [3] absent
        cls.hyg_regs.comasec_post_score = 12  # both passed (pass mark 10 by default)
        cls.domain = [("cooperative_id", "in", (cls.coop | cls.other_coop).ids)]
        cls.env.flush_all()

    def figures(self, groupby):
        report = self.env["comasec.training.report"]
        return {row["group"]: row for row in report.funder_figures(self.domain, groupby)}

    def test_people_women_hours_and_pass_rate_by_province(self):
        by_province = self.figures("province_id")
        tiznit = by_province[self.province]
        self.assertEqual((tiznit["people"], tiznit["women"], tiznit["women_share"]), (4, 3, 75.0))
        self.assertEqual(tiznit["hours"], 18, "three people present a 6-hour day")
        self.assertEqual((tiznit["evaluated"], tiznit["passed"], tiznit["pass_rate"]), (3, 1, 33.3))
        taroudant = by_province[self.env.ref("comasec_coop.comasec_province_taroudant")]
        self.assertEqual((taroudant["people"], taroudant["women_share"], taroudant["hours"]), (2, 50.0, 6))
        self.assertEqual(taroudant["pass_rate"], 100.0)

    def test_figures_by_sector_gender_theme_and_period(self):
        by_sector = self.figures("sector_id")
        self.assertEqual(by_sector[self.argan]["people"], 4)
        self.assertEqual(by_sector[self.env.ref("comasec_coop.comasec_sector_saffron")]["people"], 2)
        by_gender = self.figures("gender")
        self.assertEqual((by_gender["female"]["people"], by_gender["male"]["people"]), (4, 2))
        by_theme = self.figures("theme")
        self.assertEqual((by_theme["accounting"]["people"], by_theme["hygiene"]["people"]), (4, 2))
        by_month = self.figures("date:month")
        self.assertEqual(by_month[date(2026, 3, 1)]["people"], 4)
        self.assertEqual(by_month[date(2026, 4, 1)]["people"], 2)

    def test_cancelled_enrolments_are_not_counted(self):
        self.book_regs[2].action_cancel()
        self.env.flush_all()
        self.assertEqual(self.figures("province_id")[self.province]["people"], 3)

    def test_figures_cost_one_grouped_query(self):
        report = self.env["comasec.training.report"]
        report.funder_figures(self.domain, "province_id")
        with self.assertQueryCount(1):
            report.funder_figures(self.domain, "gender")

    def test_xlsx_export_for_funders(self):
        wizard = self.env["comasec.training.report.export"].create(
            {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31), "funding_source": "indh"}
        )
        action = wizard.action_export()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))) as xlsx:
            workbook = xlsx.read("xl/workbook.xml").decode()
            strings = xlsx.read("xl/sharedStrings.xml").decode()
        for sheet in ("Province", "Sector", "Gender", "Theme", "Month", "Funding"):
            self.assertIn(f'name="{sheet}"', workbook)
        self.assertIn("Tiznit", strings)
        self.assertNotIn("Taroudant", strings, "only the INDH-funded session")
