import io

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY, store_and_download, write_table
from odoo.exceptions import UserError, ValidationError

from ..tools.payroll import cnss_contribution_lines, declaration_deadline, period_bounds
from ..tools.surplus import to_cents
from .comasec_social import DUE_DAY_KEY, SCHEME_MONTHS, days_per_month


class ComasecCnssDeclaration(models.Model):
    """A cooperative's CNSS declaration of a month (general scheme) or a quarter
    (agricultural scheme), prepared here and entered by the bookkeeper in Damancom:
    per worker the days worked, the gross wage, the wage capped for the capped branches
    and each contribution, at the CNSS rates in force on the period's last day."""

    _name = "comasec.cnss.declaration"
    _description = "CNSS declaration"
    _inherit = ["comasec.workflow.mixin"]
    _comasec_workflow_fields = ("state", "declared_date", "file_data", "file_name")
    _order = "date_from desc, company_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    scheme = fields.Selection(
        [("general", "General scheme (monthly)"), ("agricultural", "Agricultural scheme (quarterly)")],
        required=True,
        default=lambda self: self.env.company.comasec_cnss_scheme,
    )
    year = fields.Integer(required=True)
    period = fields.Integer(required=True, help="The month (1 to 12) or the quarter (1 to 4).")
    date_from = fields.Date(string="From", compute="_compute_dates", store=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True)
    deadline = fields.Date(compute="_compute_dates", store=True, help="Last day to declare the period in Damancom.")
    state = fields.Selection([("draft", "Being prepared"), ("declared", "Declared")], default="draft", readonly=True)
    declared_date = fields.Date(string="Declared on", readonly=True, help="When it was entered in Damancom.")
    # wages are the bookkeepers', as on the workers: supervisors read the totals
    line_ids = fields.One2many(
        "comasec.cnss.declaration.line",
        "declaration_id",
        string="Workers",
        groups="comasec_coop.comasec_coop_group_bookkeeper",
    )
    worker_count = fields.Integer(string="Workers declared", compute="_compute_totals", store=True)
    gross_total = fields.Monetary(string="Gross wages", compute="_compute_totals", store=True)
    employer_total = fields.Monetary(string="Employer contributions", compute="_compute_totals", store=True)
    employee_total = fields.Monetary(string="Employee contributions", compute="_compute_totals", store=True)
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "period_unique",
            "unique(company_id, scheme, year, period)",
            "A cooperative has one CNSS declaration per period: open the one already prepared.",
        )
    ]

    @api.depends("year", "period", "scheme")
    def _compute_dates(self):
        due_day = get_param(self.env, DUE_DAY_KEY)
        for declaration in self:
            bounds = declaration._bounds()
            declaration.date_from, declaration.date_to = bounds or (False, False)
            declaration.deadline = declaration_deadline(bounds[1], due_day) if bounds else False

    def _bounds(self):
        """(first day, last day) of the period, None when the year or period is not valid."""
        self.ensure_one()
        if not (self.scheme and 2000 <= self.year <= 2100):
            return None
        try:
            return period_bounds(self.year, self.period, self._months())
        except ValueError:
            return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            existing = self.search(
                [
                    ("company_id", "=", company.id),
                    ("scheme", "=", vals.get("scheme") or company.comasec_cnss_scheme),
                    ("year", "=", vals.get("year")),
                    ("period", "=", vals.get("period")),
                ],
                limit=1,
            )
            if existing:
                raise ValidationError(
                    self.env._("%s already has its CNSS declaration: open it.", existing.display_name)
                )
        return super().create(vals_list)

    @api.constrains("year", "period", "scheme")
    def _check_period(self):
        for declaration in self:
            if not declaration._bounds():
                raise ValidationError(
                    self.env._(
                        "The period %(period)s of %(year)s does not exist: give a year with four digits and a month "
                        "from 1 to 12 (general scheme) or a quarter from 1 to 4 (agricultural scheme).",
                        period=declaration.period,
                        year=declaration.year,
                    )
                )

    @api.depends("line_ids.gross", "line_ids.employer_share", "line_ids.employee_share")
    def _compute_totals(self):
        for declaration in self:
            # sudo: the totals are stored for supervisors, who may not read the workers' wages
            lines = declaration.sudo().line_ids
            declaration.worker_count = len(lines)
            declaration.gross_total = sum(lines.mapped("gross"))
            declaration.employer_total = sum(lines.mapped("employer_share"))
            declaration.employee_total = sum(lines.mapped("employee_share"))

    @api.depends("company_id.name", "year", "period", "scheme")
    def _compute_display_name(self):
        for declaration in self:
            period = (
                f"{declaration.period:02d}/{declaration.year}"
                if declaration.scheme == "general"
                else f"T{declaration.period} {declaration.year}"
            )
            declaration.display_name = f"{declaration.company_id.name} - {period}"

    def write(self, vals):
        def current(declaration, fname):
            return declaration.company_id.id if fname == "company_id" else declaration[fname]

        fixed = [fname for fname in ("company_id", "scheme", "year", "period") if fname in vals]
        if any(current(declaration, fname) != vals[fname] for declaration in self for fname in fixed):
            raise UserError(
                self.env._("The cooperative and the period of a CNSS declaration are fixed: prepare another one.")
            )
        return super().write(vals)

    def _months(self):
        return SCHEME_MONTHS.get(self.scheme, 1)

    def _rates(self):
        """The CNSS rates in force on the period's last day, caps in centimes."""
        return [
            (branch, employer, employee, to_cents(cap) if cap else None)
            for branch, employer, employee, cap in self.env["comasec.cnss.rate"]._in_force(self.date_to)
        ]

    def action_load_workers(self):
        """Add a line for each worker with a CNSS number and a wage not declared yet, with a
        full period of days and its wage for them."""
        self.ensure_one()
        self._check_draft()
        workers = self.env["hr.employee"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("comasec_cnss_number", "!=", False),
                ("comasec_wage", ">", 0),
                ("id", "not in", self.line_ids.employee_id.ids),
            ],
            order="name",
        )
        days = days_per_month(self.env) * self._months()
        self.line_ids = [Command.create({"employee_id": worker.id, "days": days}) for worker in workers]

    def action_mark_declared(self):
        """Record that the declaration was entered in Damancom today."""
        for declaration in self:
            declaration._check_draft()
            if not declaration.line_ids:
                raise UserError(self.env._("%s declares no worker: load the workers first.", declaration.display_name))
        self._comasec_workflow().write({"state": "declared", "declared_date": fields.Date.context_today(self)})

    def action_reset_to_draft(self):
        self._comasec_workflow().write({"state": "draft", "declared_date": False})

    def _check_draft(self):
        for declaration in self:
            if declaration.state != "draft":
                raise UserError(
                    self.env._("%s is declared: set it back to preparation to change it.", declaration.display_name)
                )

    def _columns(self):
        # the branches' labels in the user's language
        labels = dict(self.env["comasec.cnss.rate"]._fields["branch"]._description_selection(self.env))
        columns = [
            self.env._("Worker"),
            self.env._("CNSS number"),
            self.env._("Days worked"),
            self.env._("Gross wage"),
            self.env._("Capped wage"),
        ]
        for branch, _employer, _employee, _cap in self._rates():
            columns += [
                self.env._("%s (employer)", labels[branch]),
                self.env._("%s (employee)", labels[branch]),
            ]
        return [*columns, self.env._("Employer total"), self.env._("Employee total")]

    def _workbook(self):
        rates = self._rates()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, **TEXT_ONLY})
        sheet = workbook.add_worksheet(self.env._("CNSS declaration"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet.write(
            0,
            0,
            self.env._(
                "CNSS declaration of %(company)s (affiliation %(number)s), %(start)s to %(end)s",
                company=self.company_id.name,
                number=self.company_id.partner_id.comasec_coop_cnss or "",
                start=self.date_from,
                end=self.date_to,
            ),
            bold,
        )
        rows = []
        for line in self.line_ids:
            branches = cnss_contribution_lines(to_cents(line.gross), rates, self._months())
            rows.append(
                [
                    line.employee_id.name,
                    line.employee_id.comasec_cnss_number,
                    line.days,
                    line.gross,
                    line.capped_wage,
                    *(cents / 100 for _branch, _base, employer, employee in branches for cents in (employer, employee)),
                    line.employer_share,
                    line.employee_share,
                ]
            )
        # from the gross wage on, every column is an amount
        row = write_table(sheet, 2, self._columns(), rows, bold, (None, None, None, *[money] * (4 + 2 * len(rates))))
        sheet.write(row, 0, self.env._("Total"), bold)
        sheet.write_number(row, 3, self.gross_total, money)
        sheet.write_number(row, 5 + 2 * len(rates), self.employer_total, money)
        sheet.write_number(row, 6 + 2 * len(rates), self.employee_total, money)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 6 + 2 * len(rates), 14)
        workbook.close()
        return buffer.getvalue()

    def action_export_xlsx(self):
        """The workbook of the declaration, to enter it in Damancom."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("%s declares no worker: load the workers first.", self.display_name))
        suffix = f"{self.year}-{self.period:02d}" if self.scheme == "general" else f"{self.year}-T{self.period}"
        return store_and_download(
            self._comasec_workflow(),
            self._workbook(),
            f"cnss-{self.company_id.partner_id.comasec_coop_cnss or self.company_id.id}-{suffix}.xlsx",
        )


class ComasecCnssDeclarationLine(models.Model):
    """A worker in a CNSS declaration: days worked, gross wage and contributions."""

    _name = "comasec.cnss.declaration.line"
    _description = "Worker in a CNSS declaration"
    _order = "declaration_id, employee_id"
    _check_company_auto = True

    declaration_id = fields.Many2one("comasec.cnss.declaration", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="declaration_id.company_id", store=True)
    currency_id = fields.Many2one(related="declaration_id.currency_id")
    employee_id = fields.Many2one("hr.employee", string="Worker", required=True, check_company=True)
    days = fields.Integer(string="Days worked", required=True)
    gross = fields.Monetary(
        string="Gross wage",
        compute="_compute_gross",
        store=True,
        readonly=False,
        help="The worker's wage for the period: a daily wage times the days worked, a monthly wage times the "
        "months of the period. Change it when the worker earned something else.",
    )
    capped_wage = fields.Monetary(
        string="Capped wage",
        compute="_compute_contributions",
        store=True,
        help="The gross wage up to the cap of the capped branches (short-term benefits, pension).",
    )
    employer_share = fields.Monetary(compute="_compute_contributions", store=True)
    employee_share = fields.Monetary(compute="_compute_contributions", store=True)

    _sql_constraints = [
        ("employee_unique", "unique(declaration_id, employee_id)", "A worker is declared once per declaration.")
    ]

    @api.depends("employee_id", "days")
    def _compute_gross(self):
        for line in self:
            worker = line.employee_id
            months = line.declaration_id._months() if line.declaration_id else 1
            if worker.comasec_wage_kind == "daily":
                line.gross = worker.comasec_wage * line.days
            else:
                line.gross = worker.comasec_monthly_wage * months

    @api.depends("gross", "declaration_id.date_to", "declaration_id.scheme")
    def _compute_contributions(self):
        for line in self:
            declaration = line.declaration_id
            if not declaration.date_to:
                line.capped_wage = line.employer_share = line.employee_share = 0.0
                continue
            rates = declaration._rates()
            months = declaration._months()
            branches = cnss_contribution_lines(to_cents(line.gross), rates, months)
            capped = [base for (_branch, base, _er, _ee), rate in zip(branches, rates, strict=True) if rate[3]]
            line.capped_wage = (min(capped) if capped else to_cents(line.gross)) / 100
            line.employer_share = sum(b[2] for b in branches) / 100
            line.employee_share = sum(b[3] for b in branches) / 100

    @api.constrains("days", "gross")
    def _check_days(self):
        limit = days_per_month(self.env)
        for line in self:
            months = line.declaration_id._months()
            if not 0 <= line.days <= limit * months:
                raise ValidationError(
                    self.env._(
                        "%(worker)s: %(days)s days cannot be declared; the CNSS takes at most %(limit)s days a month "
                        "(%(max)s for this period).",
                        worker=line.employee_id.name,
                        days=line.days,
                        limit=limit,
                        max=limit * months,
                    )
                )
            if line.gross < 0:
                raise ValidationError(self.env._("%s: a gross wage cannot be negative.", line.employee_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.declaration_id._check_draft()
        return lines

    def write(self, vals):
        self.declaration_id._check_draft()
        return super().write(vals)

    def unlink(self):
        self.declaration_id._check_draft()
        return super().unlink()
