from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError, ValidationError

from ..tools.surplus import allocate_surplus, to_cents

RESULT_TYPES = ("income", "income_other", "expense", "expense_depreciation", "expense_direct_cost")


class ComasecSurplusAllocation(models.TransientModel):
    """Propose the allocation of a closed fiscal year's surplus: legal and statutory
    reserves, then ristournes to members pro rata to their transactions (their vendor
    bills of the year), as one draft journal entry."""

    _name = "comasec.surplus.allocation"
    _description = "Year-end surplus allocation"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    year_end = fields.Date(string="Fiscal year ending", required=True, default=lambda self: self._default_year_end())
    year_start = fields.Date(compute="_compute_year_start")
    date = fields.Date(string="Entry date", required=True, default=fields.Date.context_today)
    legal_percent = fields.Float(
        string="Legal reserve (%)",
        default=lambda self: get_param(self.env, "comasec_accounting_coaching.legal_reserve_percent"),
        help="To confirm: no verified legal text gives this percentage.",
    )
    statutory_percent = fields.Float(
        string="Statutory reserve (%)",
        default=lambda self: get_param(self.env, "comasec_accounting_coaching.statutory_reserve_percent"),
        help="To confirm: set by the cooperative's statutes.",
    )
    result_account_id = fields.Many2one(
        "account.account",
        string="Result account",
        check_company=True,
        default=lambda self: self._default_result_account(),
        help="Account debited with the allocated surplus: Odoo's undistributed profits, or 1191 "
        "(résultat net de l'exercice) when a closing entry was made.",
    )
    result = fields.Monetary(compute="_compute_allocation", currency_field="currency_id")
    legal_amount = fields.Monetary(compute="_compute_allocation", currency_field="currency_id")
    statutory_amount = fields.Monetary(compute="_compute_allocation", currency_field="currency_id")
    line_ids = fields.One2many("comasec.surplus.allocation.line", "allocation_id", compute="_compute_allocation")

    @api.constrains("legal_percent", "statutory_percent")
    def _check_percents(self):
        for wizard in self:
            legal, statutory = wizard.legal_percent, wizard.statutory_percent
            if legal < 0 or statutory < 0 or legal + statutory > 100:
                raise ValidationError(
                    self.env._(
                        "The reserve percentages (legal %(legal)s %%, statutory %(statutory)s %%) must each be "
                        "0 or more and add up to at most 100 %%.",
                        legal=legal,
                        statutory=statutory,
                    )
                )

    def _default_year_end(self):
        return self.env.company._comasec_fiscal_year(fields.Date.context_today(self))[0] - timedelta(days=1)

    def _default_result_account(self):
        company = self.env.company
        return (
            self.env["account.account"]
            .with_company(company)
            .search([("company_ids", "in", company.ids), ("account_type", "=", "equity_unaffected")], limit=1)
        )

    @api.depends("company_id", "year_end")
    def _compute_year_start(self):
        for wizard in self:
            wizard.year_start = wizard.company_id._comasec_fiscal_year(wizard.year_end)[0] if wizard.year_end else False

    @api.depends("company_id", "year_end", "legal_percent", "statutory_percent")
    def _compute_allocation(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()]
            wizard.result = wizard._year_result() if wizard.year_end else 0.0
            wizard.legal_amount = wizard.statutory_amount = 0.0
            transactions = wizard._member_transactions() if wizard.year_end else {}
            if wizard.result <= 0 or not transactions:
                continue
            try:
                legal, statutory, ristournes = allocate_surplus(
                    to_cents(wizard.result), wizard.legal_percent, wizard.statutory_percent, transactions.values()
                )
            except ValueError:
                continue
            wizard.legal_amount, wizard.statutory_amount = legal / 100, statutory / 100
            wizard.line_ids = [
                Command.create({"partner_id": partner.id, "transactions": amount, "ristourne": cents / 100})
                for (partner, amount), cents in zip(transactions.items(), ristournes, strict=True)
            ]

    def _year_result(self):
        """Profit of the fiscal year (income minus expenses), from its posted entries."""
        [[balance]] = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("date", ">=", self.year_start),
                ("date", "<=", self.year_end),
                ("account_type", "in", RESULT_TYPES),
            ],
            [],
            ["balance:sum"],
        )
        return -(balance or 0.0)

    def _member_transactions(self):
        """{member partner: net amount billed by the member in the year} (members with > 0)."""
        members = self.env["comasec.coop.member"].search([("cooperative_id", "=", self.company_id.partner_id.id)])
        groups = self.env["account.move"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("invoice_date", ">=", self.year_start),
                ("invoice_date", "<=", self.year_end),
                ("partner_id", "in", members.partner_id.ids),
            ],
            ["partner_id"],
            ["amount_untaxed_signed:sum"],
            order="partner_id",
        )
        # vendor bills are signed negative, refunds positive
        return {partner: -amount for partner, amount in groups if -amount > 0}

    def _check_allocable(self):
        company = self.company_id
        if not company.partner_id.comasec_is_cooperative:
            raise UserError(self.env._("%s is not a cooperative's company.", company.name))
        locked = max(filter(None, [company.fiscalyear_lock_date, company.hard_lock_date]), default=False)
        if not locked or locked < self.year_end:
            raise UserError(
                self.env._(
                    "The fiscal year ending %(end)s is not closed: set the lock date to %(end)s or later first "
                    "(current lock date: %(lock)s).",
                    end=self.year_end,
                    lock=locked or self.env._("none"),
                )
            )
        if self.result <= 0:
            raise UserError(
                self.env._(
                    "The fiscal year ending %(end)s shows a loss or no result (%(result).2f): there is no surplus "
                    "to allocate.",
                    end=self.year_end,
                    result=self.result,
                )
            )
        remaining = self.result - self.legal_amount - self.statutory_amount
        if not self.line_ids and round(remaining, 2) > 0:
            raise UserError(
                self.env._(
                    "No member transactions (vendor bills to members) are posted in this fiscal year: record the "
                    "member deliveries, or put the whole surplus in reserves."
                )
            )

    @api.model
    def _allocation_moves(self, company, year_end):
        """The posted allocations of the fiscal year ending ``year_end`` (the entries this
        wizard makes): in the next fiscal year, a debit of the result to equity crediting the
        company's reserves or ristournes accounts."""
        accounts = (
            company.comasec_legal_reserve_account_id
            | company.comasec_statutory_reserve_account_id
            | company.comasec_ristourne_account_id
        )
        next_end = company._comasec_fiscal_year(year_end + timedelta(days=1))[1]
        credits = self.env["account.move.line"].search(
            [
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "=", "entry"),
                ("account_id", "in", accounts.ids),
                ("credit", ">", 0),
                ("date", ">", year_end),
                ("date", "<=", next_end),
            ]
        )
        return credits.move_id.filtered(
            lambda move: any(
                line.debit and line.account_id.account_type in ("equity", "equity_unaffected") for line in move.line_ids
            )
        )

    def action_create_entry(self):
        self.ensure_one()
        self._check_allocable()
        company = self.company_id
        accounts = {
            "legal": company.comasec_legal_reserve_account_id,
            "statutory": company.comasec_statutory_reserve_account_id,
            "member": company.comasec_ristourne_account_id,
            "result": self.result_account_id,
        }
        labels = {
            "legal": company._fields["comasec_legal_reserve_account_id"]._description_string(self.env),
            "statutory": company._fields["comasec_statutory_reserve_account_id"]._description_string(self.env),
            "member": company._fields["comasec_ristourne_account_id"]._description_string(self.env),
            "result": self._fields["result_account_id"]._description_string(self.env),
        }
        missing = [labels[key] for key, account in accounts.items() if not account]
        company._comasec_check_accounts(missing)
        label = self.env._("Surplus allocation of the fiscal year ending %s", self.year_end)
        lines = [Command.create({"account_id": self.result_account_id.id, "debit": self.result, "name": label})]
        for key, amount, name in (
            ("legal", self.legal_amount, self.env._("Legal reserve")),
            ("statutory", self.statutory_amount, self.env._("Statutory reserve")),
        ):
            if amount:
                lines.append(Command.create({"account_id": accounts[key].id, "credit": amount, "name": name}))
        lines += [
            Command.create(
                {
                    "account_id": accounts["member"].id,
                    "partner_id": line.partner_id.id,
                    "credit": line.ristourne,
                    "name": self.env._("Ristourne"),
                }
            )
            for line in self.line_ids
            if line.ristourne
        ]
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")], limit=1
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "company_id": self.company_id.id,
                "journal_id": journal.id,
                "date": self.date,
                "ref": label,
                "line_ids": lines,
            }
        )
        return {"type": "ir.actions.act_window", "res_model": "account.move", "res_id": move.id, "view_mode": "form"}


class ComasecSurplusAllocationLine(models.TransientModel):
    _name = "comasec.surplus.allocation.line"
    _description = "Ristourne of a member"

    allocation_id = fields.Many2one("comasec.surplus.allocation", ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Member")
    transactions = fields.Float(string="Transactions in the year", digits="Account")
    ristourne = fields.Float(digits="Account")
