import base64
import io
from datetime import date, timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, write_table
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import merge_pdf

from .mis_report_instance import STATEMENT_REPORTS

# Written by the generation only: a pack says what the books and registers held that day.
GENERATED_FIELDS = ("generated_date", "pdf_file", "pdf_filename", "xlsx_file", "xlsx_filename")
# The existing documents the PDF is made of, after its own summary, in order.
REGISTER_REPORTS = (
    "comasec_coop.action_report_comasec_member_register",
    "comasec_coop.action_report_comasec_capital_statement",
)


class ComasecOdcoPack(models.Model):
    """What a cooperative holds ready for ODCO for a fiscal year: the ordinary assembly's
    minutes and attendance, the member register and capital movements, the Bilan and CPC,
    the surplus allocation, the board in office and the tax regime, as one PDF and one XLSX
    kept on the record. It composes the suite's existing documents (member register,
    capital statement, mis_builder's CGNC statements) rather than rewriting them."""

    _name = "comasec.odco.pack"
    _description = "ODCO annual pack"
    _order = "fiscal_year desc, cooperative_id"

    name = fields.Char(compute="_compute_name")
    cooperative_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("comasec_coop_company_id", "!=", False)],
        default=lambda self: self.env.company.partner_id.filtered("comasec_is_cooperative"),
    )
    fiscal_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        help="Year in which the fiscal year ends, as on its ordinary assembly.",
    )
    date_from = fields.Date(string="Fiscal year from", compute="_compute_dates")
    date_to = fields.Date(string="Fiscal year to", compute="_compute_dates")
    generated_date = fields.Date(
        readonly=True, copy=False, help="First generation: the compliance review compares it with the deadline."
    )
    pdf_file = fields.Binary(string="PDF", attachment=True, readonly=True, copy=False)
    pdf_filename = fields.Char(readonly=True, copy=False)
    xlsx_file = fields.Binary(string="XLSX", attachment=True, readonly=True, copy=False)
    xlsx_filename = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        ("year_unique", "unique(cooperative_id, fiscal_year)", "A cooperative has one ODCO pack per fiscal year.")
    ]

    @api.depends("cooperative_id", "fiscal_year")
    def _compute_name(self):
        for pack in self:
            pack.name = self.env._(
                "ODCO pack %(year)s - %(coop)s", year=pack.fiscal_year, coop=pack.cooperative_id.name or ""
            )

    @api.depends("cooperative_id.comasec_coop_company_id", "fiscal_year")
    def _compute_dates(self):
        for pack in self:
            company = pack.cooperative_id.comasec_coop_company_id
            if company and 1900 < pack.fiscal_year < 10000:
                # the fiscal year holding the first day of its last month, in the year it ends
                pack.date_from, pack.date_to = company._comasec_fiscal_year(
                    date(pack.fiscal_year, int(company.fiscalyear_last_month), 1)
                )
            else:
                pack.date_from = pack.date_to = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_generated_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_generated_fields(vals)
        return super().write(vals)

    @api.model
    def _check_generated_fields(self, vals):
        if not self.env.su and set(vals) & set(GENERATED_FIELDS):
            raise AccessError(self.env._("The ODCO pack's files and date are made by its Generate button only."))

    # ------------------------------------------------------------------ generation

    def action_generate(self):
        """Make (again) the pack's PDF and XLSX from today's books and registers."""
        self.ensure_one()
        self.check_access("write")
        coop, company = self.cooperative_id, self.cooperative_id.comasec_coop_company_id
        if not company:
            raise UserError(
                self.env._("%s has no books in the suite: onboard its accounting first.", coop.display_name)
            )
        if company not in self.env.user.company_ids:
            raise AccessError(self.env._("You may make the ODCO pack of your own cooperative only."))
        # the cooperative's books are read in its company, whichever company the user works in
        pack = self.with_context(allowed_company_ids=company.ids)
        if not pack.date_to:
            raise UserError(self.env._("Give the year in which the fiscal year ends (for example 2025)."))
        if pack.date_to >= fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The fiscal year %(year)s of %(coop)s ends on %(end)s: its ODCO pack is made after the close.",
                    year=self.fiscal_year,
                    coop=coop.name,
                    end=pack.date_to,
                )
            )
        posted = pack.env["account.move"].search_count(
            [
                ("company_id", "=", company.id),
                ("state", "=", "posted"),
                ("date", ">=", pack.date_from),
                ("date", "<=", pack.date_to),
            ],
            limit=1,
        )
        if not posted:
            raise UserError(
                self.env._(
                    "No entry is posted in the books of %(coop)s for the fiscal year %(start)s - %(end)s: post the "
                    "year's entries before making its ODCO pack.",
                    coop=coop.name,
                    start=pack.date_from,
                    end=pack.date_to,
                )
            )
        pack._check_registers_readable()
        statements = pack._statement_instances()
        pdf = pack._render_pdf(statements)
        xlsx = pack._render_xlsx(statements)
        base = self.env._("ODCO pack %(year)s - %(coop)s", year=self.fiscal_year, coop=coop.name)
        # sudo: the generated fields are refused to users' writes (_check_generated_fields);
        # the user's right to write this pack is checked above.
        self.sudo().write(
            {
                "generated_date": self.generated_date or fields.Date.context_today(self),
                "pdf_file": base64.b64encode(pdf),
                "pdf_filename": f"{base}.pdf",
                "xlsx_file": base64.b64encode(xlsx),
                "xlsx_filename": f"{base}.xlsx",
            }
        )
        return True

    def _check_registers_readable(self):
        """The member register's own check: its members are readable by the user."""
        self.env["report.comasec_coop.report_member_register"]._get_report_values(self.cooperative_id.ids)

    def _statement_instances(self):
        """The Bilan and CPC of the fiscal year and the previous one, as mis_builder computes
        them with the user's rights on the books: temporary instances (mis_builder deletes
        them the next day) of the suite's CGNC templates, pivoted on the year's last day."""
        Instance = self.env["mis.report.instance"]
        company = self.cooperative_id.comasec_coop_company_id
        instances = Instance
        for key in ("bilan", "cpc"):
            report = self.env.ref(STATEMENT_REPORTS[key])
            values = Instance._comasec_statement_values(report, company)
            # sudo: mis_builder lets users read report instances only (see
            # _comasec_statement_instances); this one holds no figures and is for a company
            # the user works in.
            instances |= Instance.browse(Instance.sudo().create({**values, "temporary": True, "date": self.date_to}).id)
        return instances

    def _allocation_lines(self):
        """The posted lines of the surplus allocation of the fiscal year (comasec.surplus.allocation)."""
        return (
            self.env["comasec.surplus.allocation"]
            ._allocation_moves(self.cooperative_id.comasec_coop_company_id, self.date_to)
            .line_ids.sorted(lambda line: (line.move_id.date, -line.debit, line.id))
        )

    def _assembly(self):
        """The ordinary assembly held for the fiscal year (the first, should there be several)."""
        return self.env["comasec.coop.assembly"].search(
            [
                ("cooperative_id", "=", self.cooperative_id.id),
                ("kind", "=", "ordinary"),
                ("state", "=", "held"),
                ("fiscal_year", "=", self.fiscal_year),
            ],
            order="held_date, id",
            limit=1,
        )

    def _board(self):
        """The mandates in force on the day the pack is made."""
        today = fields.Date.context_today(self)
        return self.env["comasec.coop.mandate"].search(
            [
                ("cooperative_id", "=", self.cooperative_id.id),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            order="role, date_start",
        )

    def _year_movements(self):
        return self.env["comasec.coop.capital.movement"].search(
            [
                ("cooperative_id", "=", self.cooperative_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date, id",
        )

    def _tax_regime(self):
        """The regime's facts printed on the pack: regime, VAT and the year's turnover against the ceiling."""
        coop = self.cooperative_id
        company = coop.comasec_coop_company_id
        turnover = company._comasec_turnover(self.date_to)[company.id][2]
        regimes = dict(coop._fields["comasec_tax_regime"]._description_selection(self.env))
        return {
            "regime": regimes.get(coop.comasec_tax_regime) or self.env._("Not recorded"),
            "vat": self.env._("Yes") if coop.comasec_vat_registered else self.env._("No"),
            "turnover": turnover,
            "ceiling": get_param(self.env, "comasec_accounting_coaching.cit_exemption_ceiling"),
        }

    def _documents(self, statements):
        """The PDF's parts in order, as (report, record ids): the pack's own pages, the
        member register, the capital statement, then the Bilan and CPC ``statements``."""
        return [
            ("comasec_accounting_coaching.action_report_odco_pack", self.ids),
            *((xmlid, self.cooperative_id.ids) for xmlid in REGISTER_REPORTS),
            *(("mis_builder.qweb_pdf_export", instance.ids) for instance in statements),
        ]

    def _render_pdf(self, statements):
        Report = self.env["ir.actions.report"]
        return merge_pdf([Report._render_qweb_pdf(report, ids)[0] for report, ids in self._documents(statements)])

    def _render_xlsx(self, statements):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, **TEXT_ONLY})
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})

        def sheet(name, header, rows, formats=()):
            ws = workbook.add_worksheet(name[:31])
            write_table(ws, 0, header, rows, bold, formats)
            ws.set_column(0, len(header) - 1, 22)
            return ws

        coop = self.cooperative_id
        regime = self._tax_regime()
        assembly = self._assembly()
        summary = [
            (self.env._("Cooperative"), coop.name),
            (self.env._("ICE"), coop.company_registry or ""),
            (self.env._("Register number"), coop.comasec_coop_register_number or ""),
            (self.env._("Fiscal year"), f"{self.date_from} - {self.date_to}"),
            (self.env._("Corporate tax regime"), regime["regime"]),
            (self.env._("Registered for VAT"), regime["vat"]),
            (self.env._("Turnover excluding VAT"), regime["turnover"]),
            (self.env._("Exemption ceiling"), regime["ceiling"]),
            (
                self.env._("Ordinary assembly held on"),
                str(assembly.held_date) if assembly else self.env._("No ordinary assembly held"),
            ),
        ]
        sheet(self.env._("Pack"), [self.env._("Item"), self.env._("Value")], summary, (None, None))
        sheet(
            self.env._("Attendance"),
            [self.env._("Member no."), self.env._("Member"), self.env._("Attendance"), self.env._("Represented by")],
            [
                (
                    line.member_id.number,
                    line.member_id.partner_id.name,
                    dict(line._fields["status"]._description_selection(self.env))[line.status],
                    line.proxy_member_id.partner_id.name,
                )
                for line in assembly.attendance_ids
            ],
        )
        sheet(
            self.env._("Board"),
            [self.env._("Role"), self.env._("Member"), self.env._("From"), self.env._("To")],
            [
                (
                    dict(mandate._fields["role"]._description_selection(self.env))[mandate.role],
                    mandate.member_id.partner_id.name,
                    mandate.date_start,
                    mandate.date_end,
                )
                for mandate in self._board()
            ],
            (None, None, day, day),
        )
        members = coop.with_context(active_test=False).comasec_coop_member_ids.sorted("number")
        sheet(
            self.env._("Members"),
            [
                self.env._("No."),
                self.env._("Name"),
                self.env._("CIN"),
                self.env._("Joined"),
                self.env._("Left"),
                self.env._("Shares subscribed"),
                self.env._("Shares paid"),
                self.env._("Amount subscribed"),
                self.env._("Amount paid"),
            ],  # fmt: skip
            [
                (
                    m.number,
                    m.partner_id.name,
                    m.cin,
                    m.join_date,
                    m.exit_date,
                    m.shares_subscribed,
                    m.shares_paid,
                    m.amount_subscribed,
                    m.amount_paid,
                )  # fmt: skip
                for m in members
            ],
            (None, None, None, day, day, None, None, money, money),
        )
        kinds = dict(self.env["comasec.coop.capital.movement"]._fields["kind"]._description_selection(self.env))
        opening = coop._comasec_capital_at(self.date_from - timedelta(days=1))
        closing = coop._comasec_capital_at(self.date_to)
        movements = [
            (self.date_from, "", self.env._("At the start of the year"), "", opening["subscribed"], opening["paid"]),
            *((mv.date, mv.partner_id.name, kinds[mv.kind], mv.shares, mv.amount, "") for mv in self._year_movements()),
            (self.date_to, "", self.env._("At the end of the year"), "", closing["subscribed"], closing["paid"]),
        ]
        sheet(
            self.env._("Capital movements"),
            [
                self.env._("Date"),
                self.env._("Member"),
                self.env._("Movement"),
                self.env._("Shares"),
                self.env._("Amount / capital subscribed"),
                self.env._("Capital paid up"),
            ],
            movements,
            (day, None, None, None, money, money),
        )
        xlsx_report = self.env["report.mis_builder.mis_report_instance_xlsx"]
        for instance in statements:
            xlsx_report._generate_xlsx_one_report(workbook, instance)
        sheet(
            self.env._("Surplus allocation"),
            [
                self.env._("Date"),
                self.env._("Account"),
                self.env._("Member"),
                self.env._("Label"),
                self.env._("Debit"),
                self.env._("Credit"),
            ],
            [
                (line.date, line.account_id.display_name, line.partner_id.name, line.name, line.debit, line.credit)
                for line in self._allocation_lines()
            ],
            (day, None, None, None, money, money),
        )
        workbook.close()
        return output.getvalue()
