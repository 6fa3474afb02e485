import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, write_table
from odoo.exceptions import UserError


class ComasecTrainingReportExport(models.TransientModel):
    _name = "comasec.training.report.export"
    _description = "Training figures for funders (XLSX)"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(month=1, day=1))
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    funding_source = fields.Selection(
        [
            ("indh", "INDH"),
            ("region", "Region"),
            ("comasec", "CoMaSec"),
            ("cooperative", "Cooperative"),
            ("sponsor", "Other sponsor"),
        ],
        help="Leave empty for every funder.",
    )
    include_events = fields.Boolean(string="Include forums and seminars")

    def _domain(self):
        domain = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.funding_source:
            domain.append(("funding_source", "=", self.funding_source))
        if not self.include_events:
            domain.append(("training_kind", "=", "course"))
        return domain

    def _sheets(self):
        """(sheet title, group-by of comasec.training.report), titles in the user's language:
        written out here so that each reaches the translation template."""
        return [
            (self.env._("Province"), "province_id"),
            (self.env._("Sector"), "sector_id"),
            (self.env._("Gender"), "gender"),
            (self.env._("Theme"), "theme"),
            (self.env._("Month"), "date:month"),
            (self.env._("Funding"), "funding_source"),
        ]

    def _columns(self):
        return [
            self.env._("People trained"),
            self.env._("Women"),
            self.env._("Women (%)"),
            self.env._("Person-hours"),
            self.env._("Evaluated"),
            self.env._("Passed"),
            self.env._("Pass rate (%)"),
        ]

    def _label(self, report, groupby, key):
        if not key:
            return self.env._("Not set")
        if isinstance(key, models.BaseModel):
            return key.display_name
        field = report._fields.get(groupby)
        if field and field.type == "selection":
            return dict(field._description_selection(self.env)).get(key, key)
        return fields.Date.to_string(key) if hasattr(key, "year") else str(key)

    def _workbook(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period starts after it ends: swap the dates."))
        report = self.env["comasec.training.report"]
        domain = self._domain()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, **TEXT_ONLY})
        bold = workbook.add_format({"bold": True})
        title = self.env._("Training figures %(start)s to %(end)s", start=self.date_from, end=self.date_to)
        total = report.funder_figures(domain, "training_kind")
        columns = self._columns()
        for sheet_name, groupby in self._sheets():
            sheet = workbook.add_worksheet(sheet_name)
            sheet.write(0, 0, title, bold)
            rows = [
                [self._label(report, groupby, row["group"]), *self._values(row)]
                for row in report.funder_figures(domain, groupby)
            ]
            line = write_table(sheet, 2, [sheet_name, *columns], rows, bold)
            people = sum(r["people"] for r in total)
            women = sum(r["women"] for r in total)
            evaluated = sum(r["evaluated"] for r in total)
            passed = sum(r["passed"] for r in total)
            sheet.write_row(
                line,
                0,
                [
                    self.env._("Total"),
                    people,
                    women,
                    round(100.0 * women / people, 1) if people else 0.0,
                    sum(r["hours"] for r in total),
                    evaluated,
                    passed,
                    round(100.0 * passed / evaluated, 1) if evaluated else 0.0,
                ],
                bold,
            )
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, len(columns), 14)
        workbook.close()
        return output.getvalue()

    @staticmethod
    def _values(row):
        return [
            row["people"],
            row["women"],
            row["women_share"],
            row["hours"],
            row["evaluated"],
            row["passed"],
            row["pass_rate"],
        ]

    def action_export(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"training-figures-{self.date_from}-{self.date_to}.xlsx",
                "datas": base64.b64encode(self._workbook()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
