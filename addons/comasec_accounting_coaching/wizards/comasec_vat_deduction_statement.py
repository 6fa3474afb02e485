import io
from datetime import date

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_text_param
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, store_and_download, write_table
from odoo.exceptions import UserError

from ..tools.vat_deduction import DGI_REGIMES, deduction_xml

RATE_FORMAT_KEY = "comasec_accounting_coaching.vat_edi_rate_format"


class ComasecVatDeductionStatement(models.TransientModel):
    """The relevé de déductions of a VAT-registered cooperative for a month or a quarter:
    the VAT of its supplier bills paid in the period, as XLSX and as the XML of the DGI's
    SIMPL-TVA EDI mode. A bookkeeper's own cooperative; any cooperative a supervisor reads."""

    _name = "comasec.vat.deduction.statement"
    _description = "VAT deductions statement"

    company_id = fields.Many2one(
        "res.company",
        string="Cooperative",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    periodicity = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        required=True,
        default="monthly",
        help="How often the cooperative files its VAT return.",
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    period = fields.Integer(
        required=True,
        default=lambda self: (fields.Date.context_today(self) - relativedelta(months=1)).month,
        help="The month (1 to 12) or the quarter (1 to 4).",
    )
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.onchange("periodicity")
    def _onchange_periodicity(self):
        if self.periodicity == "quarterly" and self.period > 4:
            self.period = (self.period - 1) // 3 + 1

    def _dates(self):
        """(first day, last day) of the period, or a UserError saying what to fix."""
        self.ensure_one()
        last = 12 if self.periodicity == "monthly" else 4
        if not 1 <= self.period <= last:
            raise UserError(
                self.env._(
                    "The period %(period)s does not exist: give a month from 1 to 12 or a quarter from 1 to 4.",
                    period=self.period,
                )
            )
        if not 2000 <= self.year <= 2100:
            raise UserError(self.env._("The year %s is not valid: give it with four digits.", self.year))
        months = 1 if self.periodicity == "monthly" else 3
        start = date(self.year, (self.period - 1) * months + 1, 1)
        end = start + relativedelta(months=months, days=-1)
        if start > fields.Date.context_today(self):
            raise UserError(self.env._("The period starting on %s has not begun yet: nothing is paid in it.", start))
        return start, end

    def _check_statement_company(self):
        company = self.company_id
        if not self.env.su and company not in self.env.user.company_ids:
            raise UserError(
                self.env._(
                    "You can read only the books of the companies you work in (%(allowed)s): choose one of them.",
                    allowed=", ".join(self.env.user.company_ids.mapped("name")),
                )
            )
        if not company._comasec_is_vat_registered():
            raise UserError(
                self.env._(
                    "%s is not registered for VAT (its tax regime, on the cooperative's form): it deducts no VAT and "
                    "files no deductions statement.",
                    company.name,
                )
            )

    def _rows(self):
        """The statement's lines, read in the cooperative's company with the user's rights."""
        self._check_statement_company()
        start, end = self._dates()
        rows = (
            self.env["account.move"].with_company(self.company_id)._comasec_vat_deductions(self.company_id, start, end)
        )
        if not rows:
            raise UserError(
                self.env._(
                    "No supplier bill with VAT of %(company)s was paid from %(start)s to %(end)s: there is nothing "
                    "to deduct in this period.",
                    company=self.company_id.name,
                    start=start,
                    end=end,
                )
            )
        return rows

    def _columns(self):
        return [
            self.env._("No."),
            self.env._("Invoice number"),
            self.env._("Description"),
            self.env._("Amount excl. tax"),
            self.env._("VAT"),
            self.env._("Amount incl. tax"),
            self.env._("Supplier IF"),
            self.env._("Supplier"),
            self.env._("Supplier ICE"),
            self.env._("Rate (%)"),
            self.env._("Payment mode"),
            self.env._("Payment date"),
            self.env._("Invoice date"),
        ]

    def _workbook(self, rows):
        start, end = self._dates()
        modes = dict(self._payment_modes())
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, **TEXT_ONLY})
        sheet = workbook.add_worksheet(self.env._("Deductions"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(
            0,
            0,
            self.env._(
                "VAT deductions statement of %(company)s (IF %(if)s), %(start)s to %(end)s",
                company=self.company_id.name,
                start=start,
                end=end,
                **{"if": self.company_id.partner_id.comasec_coop_if or ""},
            ),
            bold,
        )
        table = [
            [
                ordinal,
                row["num"],
                row["des"],
                *(row[key] / 100 for key in ("mht", "tva", "ttc")),
                # identifiers stay text (a workbook never turns a string into a number): an ICE
                # keeps its leading zeros
                row["supplier_if"],
                row["supplier_name"],
                row["supplier_ice"],
                row["rate"],
                modes[row["mode"]],
                row["payment_date"],
                row["invoice_date"],
            ]
            for ordinal, row in enumerate(rows, start=1)
        ]
        line = write_table(sheet, 2, self._columns(), table, bold, (None, None, None, money, money, money), day)
        sheet.write(line, 0, self.env._("Total"), bold)
        for col, key in ((3, "mht"), (4, "tva"), (5, "ttc")):
            sheet.write_number(line, col, sum(r[key] for r in rows) / 100, money)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 12, 16)
        workbook.close()
        return buffer.getvalue()

    def _payment_modes(self):
        # the labels of the journals' field, in the user's language
        return self.env["account.journal"]._fields["comasec_dgi_payment_mode"]._description_selection(self.env)

    def _xml(self, rows):
        company = self.company_id
        if not company.partner_id.comasec_coop_if:
            raise UserError(
                self.env._("Record the IF (identifiant fiscal) of %s on the cooperative first.", company.name)
            )
        incomplete = sorted({row["supplier_name"] for row in rows if not (row["supplier_if"] and row["supplier_ice"])})
        if incomplete:
            raise UserError(
                self.env._(
                    "The DGI needs the IF and the ICE of every supplier: record them on %s first.",
                    ", ".join(incomplete),
                )
            )
        header = {
            "if": company.partner_id.comasec_coop_if,
            "year": self.year,
            "period": self.period,
            "regime": DGI_REGIMES[self.periodicity],
        }
        return deduction_xml(header, rows, rate_as_fraction=get_text_param(self.env, RATE_FORMAT_KEY) != "percent")

    def _download(self, content, extension):
        start, _end = self._dates()
        suffix = f"{self.year}-{self.period:02d}" if self.periodicity == "monthly" else f"{self.year}-T{self.period}"
        return store_and_download(
            self,
            content,
            f"releve-deductions-{self.company_id.partner_id.comasec_coop_if or self.company_id.id}-"
            f"{suffix}.{extension}",
        )

    def action_export_xlsx(self):
        self.ensure_one()
        return self._download(self._workbook(self._rows()), "xlsx")

    def action_export_xml(self):
        self.ensure_one()
        return self._download(self._xml(self._rows()), "xml")
