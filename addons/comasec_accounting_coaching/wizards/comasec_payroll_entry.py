from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.entry_date import check_entry_dates
from ..tools.payroll import cnss_contributions
from ..tools.surplus import to_cents


class ComasecPayrollEntry(models.TransientModel):
    """A month's wages of the cooperative's workers as one posted journal entry: gross
    wages and employer charges as expenses, CNSS contributions (both shares) and net
    wages as payables; optionally the net wages paid from a cash or bank journal."""

    _name = "comasec.payroll.entry"
    _description = "Monthly wages entry"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Pay day",
        required=True,
        default=lambda self: fields.Date.end_of(fields.Date.context_today(self) - relativedelta(months=1), "month"),
        help="Date of the entry; it records the wages of this date's month.",
    )
    payment_journal_id = fields.Many2one(
        "account.journal",
        string="Net wages paid from",
        check_company=True,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
        help="Leave empty when the wages are paid later: they stay in the net wages payable account.",
    )
    worker_count = fields.Integer(compute="_compute_amounts")
    gross = fields.Monetary(compute="_compute_amounts", currency_field="currency_id")
    employer_share = fields.Monetary(compute="_compute_amounts", currency_field="currency_id")
    employee_share = fields.Monetary(compute="_compute_amounts", currency_field="currency_id")
    net = fields.Monetary(compute="_compute_amounts", currency_field="currency_id")

    @api.constrains("date")
    def _check_date(self):
        check_entry_dates(self, self.env._("wages"))

    @api.depends("company_id", "date")
    def _compute_amounts(self):
        for wizard in self:
            gross, employer, employee, count = wizard._totals() if wizard.date else (0, 0, 0, 0)
            wizard.worker_count = count
            wizard.gross, wizard.employer_share = gross / 100, employer / 100
            wizard.employee_share, wizard.net = employee / 100, (gross - employee) / 100

    def _totals(self):
        """(gross, employer share, employee share, workers), in centimes, of the paid workers;
        only workers with a CNSS number are declared and bear contributions."""
        workers = self.env["hr.employee"].search(
            [("company_id", "=", self.company_id.id), ("comasec_wage", ">", 0)], order="id"
        )
        rates = [
            (branch, employer, employee, to_cents(cap) if cap else None)
            for branch, employer, employee, cap in self.env["comasec.cnss.rate"]._in_force(self.date)
        ]
        gross = employer = employee = 0
        for worker in workers:
            wage = to_cents(worker.comasec_monthly_wage)
            gross += wage
            if worker.comasec_cnss_number:
                shares = cnss_contributions(wage, rates)
                employer += shares[0]
                employee += shares[1]
        return gross, employer, employee, len(workers)

    def _accounts(self):
        company = self.company_id
        fnames = [
            "comasec_wage_expense_account_id",
            "comasec_social_charges_account_id",
            "comasec_cnss_payable_account_id",
            "comasec_wages_payable_account_id",
        ]
        missing = [company._fields[f]._description_string(self.env) for f in fnames if not company[f]]
        company._comasec_check_accounts(missing)
        return [company[f] for f in fnames]

    def _journal(self):
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")], limit=1
        )
        if not journal:
            raise UserError(self.env._("%s has no miscellaneous journal for the wages entry.", self.company_id.name))
        return journal

    def action_post(self):
        """Post the month's wages entry, and its payment when a journal pays it."""
        self.ensure_one()
        month = self.date.strftime("%m/%Y")
        label = self.env._("Wages of %s", month)
        if self.env["account.move"].search_count(
            [("company_id", "=", self.company_id.id), ("ref", "=", label), ("state", "!=", "cancel")]
        ):
            raise UserError(self.env._("The wages of %s are already recorded: cancel that entry first.", month))
        # the amounts the wizard shows (computed once), in centimes
        gross, employer, employee = (to_cents(v) for v in (self.gross, self.employer_share, self.employee_share))
        if not self.worker_count:
            raise UserError(self.env._("%s has no worker with a wage: record the workers first.", self.company_id.name))
        wages, charges, cnss, payable = self._accounts()
        amounts = [
            (wages, gross, 0, self.env._("Gross wages")),
            (charges, employer, 0, self.env._("Employer CNSS, AMO and vocational training contributions")),
            (cnss, 0, employer + employee, self.env._("CNSS contributions (employer and employee)")),
            (payable, 0, gross - employee, self.env._("Net wages to pay")),
        ]
        vals_list = [
            {
                "move_type": "entry",
                "company_id": self.company_id.id,
                "journal_id": self._journal().id,
                "date": self.date,
                "ref": label,
                "line_ids": [
                    Command.create(
                        {"account_id": account.id, "debit": debit / 100, "credit": credit / 100, "name": name}
                    )
                    for account, debit, credit, name in amounts
                    if debit or credit
                ],
            }
        ]
        if self.payment_journal_id and gross - employee:
            vals_list.append(
                {
                    "move_type": "entry",
                    "company_id": self.company_id.id,
                    "journal_id": self.payment_journal_id.id,
                    "date": self.date,
                    "ref": self.env._("Payment of the %s", label.lower()),
                    "line_ids": [
                        Command.create({"account_id": payable.id, "debit": (gross - employee) / 100, "name": label}),
                        Command.create(
                            {
                                "account_id": self.payment_journal_id.default_account_id.id,
                                "credit": (gross - employee) / 100,
                                "name": label,
                            }
                        ),
                    ],
                }
            )
        # both entries in one create: Odoo computes and checks them in one batch
        moves = self.env["account.move"].create(vals_list)
        moves.action_post()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
        }
