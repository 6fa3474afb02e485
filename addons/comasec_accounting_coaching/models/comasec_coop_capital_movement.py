from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

# the movements that bring or pay out money, through a cash or bank journal
CASH_KINDS = ("payment", "refund")
# the company's accounts of the capital register's entries
ACCOUNT_FIELDS = {
    "capital": "comasec_capital_account_id",
    "unpaid": "comasec_capital_unpaid_account_id",
    "current": "comasec_member_current_account_id",
}


class ComasecCoopCapitalMovement(models.Model):
    """Each movement of the capital register that changes the cooperative's capital or
    its members' debts posts its entry in the cooperative's books, so that the capital in
    the books (1111, 3462) equals the register's at any date. A transfer between members
    moves fully paid shares only: the cooperative's capital and debtors are unchanged, no
    entry."""

    _inherit = "comasec.coop.capital.movement"

    company_id = fields.Many2one(related="cooperative_id.comasec_coop_company_id", string="Accounting company")
    journal_id = fields.Many2one(
        "account.journal",
        string="Cash or bank journal",
        domain="[('company_id', '=', company_id), ('type', 'in', ('cash', 'bank'))]",
        help="Where the money of a payment or a refund goes through (by default the cooperative's cash journal).",
    )
    move_id = fields.Many2one("account.move", string="Journal entry", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        movements = super().create(vals_list)
        movements.filtered("company_id")._comasec_post_entries()
        return movements

    def _comasec_post_entries(self):
        for movement in self:
            if movement.kind in CASH_KINDS and not movement.journal_id:
                # sudo: the journal defaults to the cooperative's cash box, fixed with the movement
                movement.sudo().journal_id = self.env["account.journal"].search(
                    [("company_id", "=", movement.company_id.id), ("type", "=", "cash")], limit=1
                )
            lines = movement._comasec_entry_lines()
            if not lines:
                continue
            company = movement.company_id
            journal = movement.journal_id
            if movement.kind not in CASH_KINDS or not movement.amount - movement.unpaid_cancelled:
                journal = self.env["account.journal"].search(
                    [("company_id", "=", company.id), ("type", "=", "general")], limit=1
                )
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "date": movement.date,
                    "ref": self.env._(
                        "Capital register: %(kind)s, %(member)s",
                        kind=kinds[movement.kind],
                        member=movement.partner_id.name,
                    ),
                    "line_ids": [Command.create(line) for line in lines],
                }
            )
            move.action_post()
            # sudo: links the entry posted for the movement; no user writes a movement
            movement.sudo().move_id = move

    def _comasec_entry_lines(self):
        """The entry's lines: (account, partner, debit, credit) of the movement."""
        self.ensure_one()
        company = self.company_id
        accounts = {key: company[fname] for key, fname in ACCOUNT_FIELDS.items()}
        partner = self.partner_id.id
        paid_out = self.amount - self.unpaid_cancelled
        if self.kind in ("subscription", "increase"):
            lines = [("unpaid", partner, self.amount, 0.0), ("capital", False, 0.0, self.amount)]
        elif self.kind == "payment":
            lines = [("cash", partner, self.amount, 0.0), ("unpaid", partner, 0.0, self.amount)]
        elif self.kind in ("refund", "reduction"):
            lines = [
                ("capital", False, self.amount, 0.0),
                ("unpaid", partner, 0.0, self.unpaid_cancelled),
                ("cash" if self.kind == "refund" else "current", partner, 0.0, paid_out),
            ]
        else:
            return []
        lines = [line for line in lines if line[2] or line[3]]
        used = {line[0] for line in lines}
        if "cash" in used:
            # sudo: reads only the chosen journal's company and type, to refuse another
            # company's journal with a message rather than an access error
            journal = self.journal_id.sudo()
            if not journal or journal.company_id != company or journal.type not in ("cash", "bank"):
                raise ValidationError(
                    self.env._(
                        "Choose the cash or bank journal of %s through which the money of this movement goes.",
                        company.name,
                    )
                )
            accounts["cash"] = self.journal_id.default_account_id
        company._comasec_check_accounts(
            [
                company._fields[ACCOUNT_FIELDS[key]]._description_string(self.env)
                for key in sorted(used & set(ACCOUNT_FIELDS))
                if not accounts[key]
            ]
        )
        name = self.display_name
        return [
            {"account_id": accounts[key].id, "partner_id": partner_id, "debit": debit, "credit": credit, "name": name}
            for key, partner_id, debit, credit in lines
        ]
