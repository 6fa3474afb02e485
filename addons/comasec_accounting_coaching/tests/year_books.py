"""One cooperative's fiscal year entered through the suite as its bookkeeper enters it,
and an independent SQL reading of its ledger. Used by test_year.py and by
bench/accounting_year.py (many cooperatives at once)."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.addons.comasec_accounting_coaching.tools.surplus import to_cents

MONTHS = 12


class YearBooks:
    """The year of ``company`` starting on ``start``, entered in ``env`` (the bookkeeper's,
    restricted to the company). ``scale`` multiplies the quantities and wages, so two
    cooperatives' figures differ. ``cash_cents`` is what the scenario put into the cash
    box minus what it took out, counted here, not read from the books."""

    def __init__(self, env, company, members, products, start, scale=1):
        self.env, self.company, self.members, self.products = env, company, members, products
        self.start, self.scale = start, scale
        self.year_end = start + relativedelta(years=1, days=-1)
        self.next_start = start + relativedelta(years=1)
        Journal = env["account.journal"]
        self.cash = Journal.search([("company_id", "=", company.id), ("type", "=", "cash")], limit=1)
        self.bank = Journal.search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        self.misc = Journal.search([("company_id", "=", company.id), ("type", "=", "general")], limit=1)
        self.sale_tax = company.account_sale_tax_id
        self.purchase_tax = company.account_purchase_tax_id
        self.cash_cents = self.cash_at_year_end = 0
        self.unpaid_invoice = self.allocation = self.workers = None
        self.accounts = {}

    # ------------------------------------------------------------------ helpers

    def day(self, month, day):
        """``day`` of the ``month``-th month of the year (0 = the first), capped to its last day."""
        return self.start + relativedelta(months=month, day=day)

    def account(self, code):
        # searched once per code: the monthly entries reuse the same accounts
        if code not in self.accounts:
            self.accounts[code] = self.env["account.account"].search(
                [("company_ids", "in", self.company.ids), ("code", "=like", f"{code}%")], order="code", limit=1
            )
        return self.accounts[code]

    def entry(self, journal, date, ref, lines):
        """A posted journal entry; ``lines``: [(account, debit, credit)]."""
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date,
                "ref": ref,
                "line_ids": [
                    Command.create({"account_id": account.id, "debit": debit, "credit": credit, "name": ref})
                    for account, debit, credit in lines
                ],
            }
        )
        move.action_post()
        return move

    def invoice(self, move_type, partner, date, lines):
        """A posted invoice or bill; ``lines``: [(product, quantity, price, taxes)]."""
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.set(taxes.ids)],
                        }
                    )
                    for product, quantity, price, taxes in lines
                ],
            }
        )
        move.action_post()
        return move

    def pay(self, moves, journal, date):
        """Pay ``moves`` in full from ``journal``, as Register Payment does."""
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=moves.ids).create(
            {"journal_id": journal.id, "payment_date": date}
        )._create_payments()
        if journal == self.cash:
            sign = 1 if moves[0].move_type in ("out_invoice", "out_receipt", "in_refund") else -1
            self.cash_cents += sign * sum(to_cents(m.amount_total) for m in moves)

    # ------------------------------------------------------------------ the year

    def run(self):
        self.open_books()
        self.workers = self.hire()
        for month in range(MONTHS):
            self.cash_sale(self.day(month, 10))
        self.sales()
        self.purchases()
        for month in range(MONTHS):
            self.wages(month)
        self.cash_at_year_end = self.cash_cents
        return self

    def open_books(self):
        """Capital subscribed and paid in at the bank and in cash; equipment bought on credit."""
        k, capital = self.scale, self.account("1111")
        self.entry(
            self.bank,
            self.start,
            "Capital paid in (bank)",
            [(self.bank.default_account_id, 60000 * k, 0), (capital, 0, 60000 * k)],
        )
        self.entry(
            self.cash,
            self.start,
            "Capital paid in (cash)",
            [(self.cash.default_account_id, 5000 * k, 0), (capital, 0, 5000 * k)],
        )
        self.cash_cents += to_cents(5000 * k)
        self.entry(
            self.misc,
            self.start,
            "Opening balances",
            [(self.account("2332"), 24000 * k, 0), (self.account("1481"), 0, 24000 * k)],
        )

    def hire(self):
        k = self.scale
        Employee = self.env["hr.employee"]
        return Employee.create(
            [
                {"name": f"Aicha {self.company.name}", "comasec_wage": 3500 * k, "comasec_cnss_number": f"C1-{k}"},
                {
                    "name": f"Said {self.company.name}",
                    "comasec_wage_kind": "daily",
                    "comasec_wage": 100 * k,
                    "comasec_minimum_kind": "smag",
                    "comasec_cnss_number": f"C2-{k}",
                },
            ]
        )

    def cash_sale(self, date):
        """The day's cash sales: oil without VAT, soap with 20 % VAT."""
        k, oil, soap = self.scale, self.products["oil"], self.products["soap"]
        wizard = self.env["comasec.cash.sale"].create(
            {
                "date": date,
                "journal_id": self.cash.id,
                "line_ids": [
                    Command.create({"product_id": oil.id, "quantity": 50 * k, "price_unit": 150.0}),
                    Command.create(
                        {
                            "product_id": soap.id,
                            "quantity": 50 * k,
                            "price_unit": 30.0,
                            "tax_ids": [Command.set(self.sale_tax.ids)],
                        }
                    ),
                ],
            }
        )
        receipt = self.env["account.move"].browse(wizard.action_create()["res_id"])
        self.cash_cents += to_cents(receipt.amount_total)
        return receipt

    def sales(self):
        """Credit invoices with and without VAT, paid at the bank and in cash, one left unpaid, a refund."""
        k, oil = self.scale, self.products["oil"]
        Partner = self.env["res.partner"]
        shop = Partner.create({"name": f"Épicerie fine {self.company.name}", "company_id": self.company.id})
        hotel = Partner.create({"name": f"Hôtel {self.company.name}", "company_id": self.company.id})
        with_vat = self.invoice("out_invoice", shop, self.day(1, 20), [(oil, 100 * k, 200.0, self.sale_tax)])
        self.pay(with_vat, self.bank, self.day(2, 5))
        without_vat = self.invoice("out_invoice", hotel, self.day(4, 12), [(oil, 50 * k, 180.0, self.sale_tax[:0])])
        self.pay(without_vat, self.cash, self.day(5, 3))
        refund = self.invoice("out_refund", hotel, self.day(6, 8), [(oil, 10 * k, 180.0, self.sale_tax[:0])])
        self.pay(refund, self.cash, self.day(6, 8))
        self.unpaid_invoice = self.invoice("out_invoice", shop, self.day(8, 14), [(oil, 40 * k, 200.0, self.sale_tax)])

    def purchases(self):
        """Members' produce, paid at the bank then in cash; packaging bought with VAT, paid at the bank."""
        k = self.scale
        for month, journal in ((0, self.bank), (7, self.cash)):
            self.pay(self.member_bills(self.day(month, 15)), journal, self.day(month, 25))
        supplier = self.env["res.partner"].create(
            {"name": f"Verrerie {self.company.name}", "company_id": self.company.id}
        )
        jars = self.invoice(
            "in_invoice", supplier, self.day(1, 18), [(self.products["jars"], 1000 * k, 3.0, self.purchase_tax)]
        )
        self.pay(jars, self.bank, self.day(2, 10))

    def member_bills(self, date):
        """The three members' deliveries of kernels on ``date``, as posted bills to each member."""
        k = self.scale
        wizard = self.env["comasec.member.delivery"].create(
            {
                "date": date,
                "line_ids": [
                    Command.create(
                        {
                            "member_id": member.id,
                            "product_id": self.products["kernels"].id,
                            "quantity": quantity * k,
                            "price_unit": 12.0,
                        }
                    )
                    for member, quantity in zip(self.members, (500, 300, 200), strict=True)
                ],
            }
        )
        bills = self.env["account.move"].search(wizard.action_create_bills()["domain"])
        bills.action_post()
        return bills

    def wages(self, month):
        """The month's wages, paid in cash on its last day; the CNSS paid at the bank the next month
        (the last month's stays due at the year end)."""
        pay_day = self.day(month, 31)
        net, cnss = self.post_wages(pay_day)
        self.cash_cents -= to_cents(net)
        if month < MONTHS - 1:
            self.entry(
                self.bank,
                self.day(month + 1, 15),
                f"CNSS {pay_day.strftime('%m/%Y')}",
                [(self.account("4441"), cnss, 0), (self.bank.default_account_id, 0, cnss)],
            )

    def post_wages(self, pay_day):
        """The month's wages entry, net wages paid in cash; (net wages, CNSS due)."""
        wizard = self.env["comasec.payroll.entry"].create({"date": pay_day, "payment_journal_id": self.cash.id})
        wizard.action_post()
        return wizard.net, wizard.employer_share + wizard.employee_share

    def close_and_allocate(self, assembly_months=5):
        """The year closed (lock date), its surplus allocated after the assembly, posted in the next year."""
        # sudo: lock dates are set by CoMaSec's accountant; bookkeepers have no access to them.
        self.company.sudo().fiscalyear_lock_date = self.year_end
        wizard = self.env["comasec.surplus.allocation"].create(
            {
                "year_end": self.year_end,
                "date": fields.Date.end_of(self.year_end + relativedelta(months=assembly_months), "month"),
            }
        )
        self.allocation = self.env["account.move"].browse(wizard.action_create_entry()["res_id"])
        self.allocation.action_post()
        return wizard

    def reopen(self):
        """The next year's books go on: its first day's cash sales."""
        return self.cash_sale(self.day(MONTHS, 10))


# ---------------------------------------------------------------------- independent SQL


def sql_ledger(cr, company, date_from=None, date_to=None):
    """{account code: (debit, credit, balance)} of the company's posted lines, in centimes,
    read straight from the tables (not through the ORM or the suite)."""
    cr.execute(
        """
        SELECT account.code_store->>%(cid)s,
               round(sum(line.debit) * 100)::bigint, round(sum(line.credit) * 100)::bigint,
               round(sum(line.debit - line.credit) * 100)::bigint
          FROM account_move_line line
          JOIN account_move move ON move.id = line.move_id
          JOIN account_account account ON account.id = line.account_id
         WHERE move.company_id = %(company)s AND move.state = 'posted'
           AND (%(date_from)s::date IS NULL OR move.date >= %(date_from)s)
           AND (%(date_to)s::date IS NULL OR move.date <= %(date_to)s)
      GROUP BY 1
        """,
        {"cid": str(company.id), "company": company.id, "date_from": date_from, "date_to": date_to},
    )
    return {code: (debit, credit, balance) for code, debit, credit, balance in cr.fetchall()}


def sql_unbalanced_moves(cr, company):
    """Posted entries of the company whose debits and credits differ."""
    cr.execute(
        """
        SELECT move.name
          FROM account_move move
          JOIN account_move_line line ON line.move_id = move.id
         WHERE move.company_id = %s AND move.state = 'posted'
      GROUP BY move.id
        HAVING sum(line.debit) <> sum(line.credit) OR min(least(line.debit, line.credit)) < 0
        """,
        [company.id],
    )
    return [name for (name,) in cr.fetchall()]


def sql_lowest_daily_balance(cr, company, account_type="asset_cash"):
    """{account code: lowest end-of-day balance in centimes} of the company's cash and bank accounts."""
    cr.execute(
        """
        SELECT code, min(running)
          FROM (SELECT account.code_store->>%(cid)s AS code,
                       sum(sum(line.debit - line.credit))
                           OVER (PARTITION BY line.account_id ORDER BY move.date) AS running
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_account account ON account.id = line.account_id
                 WHERE move.company_id = %(company)s AND move.state = 'posted' AND account.account_type = %(type)s
              GROUP BY account.code_store->>%(cid)s, line.account_id, move.date) daily
      GROUP BY code
        """,
        {"cid": str(company.id), "company": company.id, "type": account_type},
    )
    return {code: round(lowest * 100) for code, lowest in cr.fetchall()}


def by_class(ledger, classes, column=2):
    """Sum of ``column`` (0 debit, 1 credit, 2 balance) of the accounts whose code starts with one of ``classes``."""
    return sum(values[column] for code, values in ledger.items() if code[:1] in classes)
