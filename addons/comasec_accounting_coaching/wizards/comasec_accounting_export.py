import base64
import io
import tempfile
from datetime import timedelta

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import api, fields, models
from odoo.addons.comasec_coop.tools.xlsx import TEXT_ONLY
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# Simplified CGNC statements: rubric (first two digits of the account) -> label.
BILAN_ACTIF = {
    "21": "Immobilisations en non-valeurs",
    "22": "Immobilisations incorporelles",
    "23": "Immobilisations corporelles",
    "24": "Immobilisations financières",
    "27": "Écarts de conversion - actif",
    "31": "Stocks",
    "34": "Créances de l'actif circulant",
    "35": "Titres et valeurs de placement",
    "51": "Trésorerie - actif",
}
BILAN_PASSIF = {
    "11": "Capitaux propres",
    "13": "Capitaux propres assimilés",
    "14": "Dettes de financement",
    "15": "Provisions durables pour risques et charges",
    "44": "Dettes du passif circulant",
    "45": "Autres provisions pour risques et charges",
    "55": "Trésorerie - passif",
}
CPC_PRODUITS = {"71": "Produits d'exploitation", "73": "Produits financiers", "75": "Produits non courants"}
CPC_CHARGES = {
    "61": "Charges d'exploitation",
    "63": "Charges financières",
    "65": "Charges non courantes",
    "67": "Impôts sur les résultats",
}
LEDGER_BATCH = 2000


class ComasecAccountingExport(models.TransientModel):
    """XLSX workbooks of a cooperative's fiscal year an accountant accepts: frozen
    headers, number formats, totals as formulas (with their computed values)."""

    _name = "comasec.accounting.export"
    _description = "Accounting export (XLSX)"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    year_end = fields.Date(
        string="Fiscal year ending",
        required=True,
        default=lambda self: self.env.company._comasec_fiscal_year(fields.Date.context_today(self))[1],
    )
    year_start = fields.Date(compute="_compute_year_start")
    report = fields.Selection(
        [
            ("trial_balance", "Trial balance"),
            ("general_ledger", "General ledger"),
            ("statements", "Bilan and CPC (simplified CGNC)"),
        ],
        required=True,
        default="trial_balance",
    )

    @api.constrains("year_end")
    def _check_year_end(self):
        latest = fields.Date.context_today(self) + timedelta(days=366)
        for wizard in self:
            if wizard.year_end.year < 1900 or wizard.year_end > latest:
                raise ValidationError(
                    self.env._(
                        "The fiscal year ending %(date)s is out of range: choose a date between 1900 and one year "
                        "from today.",
                        date=wizard.year_end,
                    )
                )

    @api.constrains("company_id")
    def _check_company_id(self):
        allowed = self.env.user.company_ids
        for wizard in self:
            if wizard.company_id not in allowed:
                raise UserError(
                    self.env._(
                        "You can export only the books of the companies you work in (%(allowed)s): "
                        "choose one of them.",
                        allowed=", ".join(allowed.mapped("name")),
                    )
                )

    @api.depends("company_id", "year_end")
    def _compute_year_start(self):
        for wizard in self:
            wizard.year_start = wizard.company_id._comasec_fiscal_year(wizard.year_end)[0] if wizard.year_end else False

    def action_export(self):
        self.ensure_one()
        self._check_company_id()
        # every read below is the user's, limited to this company by Odoo's multi-company rules
        self = self.with_company(self.company_id)
        content = getattr(self, f"_xlsx_{self.report}")()
        name = f"{self.report}_{self.company_id.name}_{self.year_end}.xlsx".replace(" ", "_")
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": content, "res_model": self._name, "res_id": self.id}
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    # ------------------------------------------------------------------ helpers

    def _formats(self, book):
        return {
            "title": book.add_format({"bold": True, "font_size": 13}),
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
            "money": book.add_format({"num_format": "#,##0.00"}),
            "total": book.add_format({"bold": True, "num_format": "#,##0.00", "top": 1}),
            "bold": book.add_format({"bold": True}),
            "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        }

    def _header(self, sheet, fmt, title, columns, widths):
        sheet.write(0, 0, title, fmt["title"])
        sheet.write(1, 0, f"{self.company_id.name} - {self.year_start} / {self.year_end}")
        for col, (label, width) in enumerate(zip(columns, widths, strict=True)):
            sheet.write(3, col, label, fmt["head"])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(4, 0)

    def _sum_formula(self, sheet, fmt, row, col, first, last, value):
        """Write =SUM(first:last) of column ``col`` with its value cached for readers."""
        if last < first:
            sheet.write_number(row, col, 0.0, fmt)
            return
        formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)})"
        sheet.write_formula(row, col, formula, fmt, round(value, 2))

    def _balances(self, domain_dates, groupby="account_id"):
        return self.env["account.move.line"]._read_group(
            [("company_id", "=", self.company_id.id), ("parent_state", "=", "posted"), *domain_dates],
            [groupby],
            ["debit:sum", "credit:sum", "balance:sum"],
        )

    def _accounts_by_code(self, accounts):
        return accounts.with_company(self.company_id).sorted("code")

    # ------------------------------------------------------------------ trial balance

    def _opening_balances(self):
        """{account: balance before the fiscal year}: income and expense accounts restart at
        zero each year, their earlier balances carried forward on the undistributed profits
        account, as Odoo's own reports do."""
        unaffected = (
            self.env["account.account"]
            .with_company(self.company_id)
            .search([("company_ids", "in", self.company_id.ids), ("account_type", "=", "equity_unaffected")], limit=1)
        )
        opening = {}
        for account, _debit, _credit, balance in self._balances([("date", "<", self.year_start)]):
            key = account if account.include_initial_balance else unaffected
            opening[key] = opening.get(key, 0.0) + balance
        return opening

    def _xlsx_trial_balance(self):
        opening = self._opening_balances()
        period = {
            acc: (debit, credit)
            for acc, debit, credit, _b in self._balances(
                [("date", ">=", self.year_start), ("date", "<=", self.year_end)]
            )
        }
        accounts = self._accounts_by_code(self.env["account.account"].browse({a.id for a in [*opening, *period]}))
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True, **TEXT_ONLY})
        fmt = self._formats(book)
        sheet = book.add_worksheet("Balance")
        self._header(
            sheet,
            fmt,
            "Balance générale",
            ["Compte", "Intitulé", "Solde d'ouverture", "Débit", "Crédit", "Solde de clôture"],
            [12, 45, 18, 18, 18, 18],
        )
        row = first = 4
        totals = [0.0, 0.0, 0.0, 0.0]
        for account in accounts:
            debit, credit = period.get(account, (0.0, 0.0))
            start = opening.get(account, 0.0)
            values = [start, debit, credit]
            sheet.write_string(row, 0, account.code)
            sheet.write_string(row, 1, account.name)
            for col, value in enumerate(values, start=2):
                sheet.write_number(row, col, value, fmt["money"])
            closing = f"={xl_rowcol_to_cell(row, 2)}+{xl_rowcol_to_cell(row, 3)}-{xl_rowcol_to_cell(row, 4)}"
            sheet.write_formula(row, 5, closing, fmt["money"], round(start + debit - credit, 2))
            for i, value in enumerate([*values, start + debit - credit]):
                totals[i] += value
            row += 1
        sheet.write(row, 1, "Total", fmt["bold"])
        for col, value in enumerate(totals, start=2):
            self._sum_formula(sheet, fmt["total"], row, col, first, row - 1, value)
        book.close()
        return output.getvalue()

    # ------------------------------------------------------------------ general ledger

    def _xlsx_general_ledger(self):
        """Written in constant-memory mode, row by row from a query read in batches,
        so a ledger of any size uses a bounded amount of memory."""
        with tempfile.TemporaryDirectory() as tmpdir:
            path = f"{tmpdir}/ledger.xlsx"
            book = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": tmpdir, **TEXT_ONLY})
            fmt = self._formats(book)
            sheet = book.add_worksheet("Grand livre")
            self._header(
                sheet,
                fmt,
                "Grand livre",
                ["Compte", "Intitulé", "Date", "Journal", "Pièce", "Partenaire", "Libellé", "Débit", "Crédit", "Solde"],
                [10, 30, 11, 8, 18, 25, 35, 15, 15, 15],
            )
            self.env.flush_all()
            lang = self.env.lang or "en_US"
            # The lines are those the user may read (access rights and record rules, as
            # search() applies them); the joined names are read only for those lines.
            visible = self.env["account.move.line"]._search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("parent_state", "=", "posted"),
                    ("date", ">=", self.year_start),
                    ("date", "<=", self.year_end),
                ]
            )
            for model in ("account.account", "account.move", "account.journal", "res.partner"):
                self.env[model].check_access("read")
            self.env.cr.execute(
                SQL(
                    """
                    SELECT account.code_store->>%(company)s, COALESCE(account.name->>%(lang)s, account.name->>'en_US'),
                           aml.date, journal.code, move.name, partner.name, aml.name, aml.debit, aml.credit,
                           sum(aml.balance) OVER (PARTITION BY aml.account_id ORDER BY aml.date, aml.move_id, aml.id)
                      FROM account_move_line aml
                      JOIN account_account account ON account.id = aml.account_id
                      JOIN account_move move ON move.id = aml.move_id
                      JOIN account_journal journal ON journal.id = aml.journal_id
                 LEFT JOIN res_partner partner ON partner.id = aml.partner_id
                     WHERE aml.id IN %(visible)s
                  ORDER BY 1, aml.date, aml.move_id, aml.id
                    """,
                    company=str(self.company_id.id),
                    lang=lang,
                    visible=visible.subselect(),
                )
            )
            row = first = 4
            total_debit = total_credit = 0.0
            while rows := self.env.cr.fetchmany(LEDGER_BATCH):
                for code, name, day, journal, move, partner, label, debit, credit, balance in rows:
                    sheet.write_string(row, 0, code or "")
                    sheet.write_string(row, 1, name or "")
                    sheet.write_datetime(row, 2, day, fmt["date"])
                    sheet.write_string(row, 3, journal or "")
                    sheet.write_string(row, 4, move or "")
                    sheet.write_string(row, 5, partner or "")
                    sheet.write_string(row, 6, label or "")
                    sheet.write_number(row, 7, debit, fmt["money"])
                    sheet.write_number(row, 8, credit, fmt["money"])
                    sheet.write_number(row, 9, balance, fmt["money"])
                    total_debit += debit
                    total_credit += credit
                    row += 1
            sheet.write(row, 6, "Total", fmt["bold"])
            self._sum_formula(sheet, fmt["total"], row, 7, first, row - 1, total_debit)
            self._sum_formula(sheet, fmt["total"], row, 8, first, row - 1, total_credit)
            book.close()
            with open(path, "rb") as handle:
                return handle.read()

    # ------------------------------------------------------------------ Bilan and CPC

    def _rubric_balances(self, domain_dates):
        """{two-digit rubric: balance} from one grouped query on the accounts."""
        res = {}
        for account, _debit, _credit, balance in self._balances(domain_dates):
            code = account.with_company(self.company_id).code or ""
            res[code[:2]] = res.get(code[:2], 0.0) + balance
        return res

    def _write_block(self, sheet, fmt, row, title, rubrics, amounts):
        """Rubric lines and their total formula; return (next row, total cell, total)."""
        sheet.write(row, 0, title, fmt["bold"])
        row += 1
        first = row
        total = 0.0
        for code, label in rubrics.items():
            amount = round(amounts.get(code, 0.0), 2)
            sheet.write_string(row, 0, code)
            sheet.write_string(row, 1, label)
            sheet.write_number(row, 2, amount, fmt["money"])
            total += amount
            row += 1
        sheet.write(row, 1, f"Total {title.lower()}", fmt["bold"])
        self._sum_formula(sheet, fmt["total"], row, 2, first, row - 1, total)
        return row + 2, xl_rowcol_to_cell(row, 2), total

    def _xlsx_statements(self):
        cumulative = self._rubric_balances([("date", "<=", self.year_end)])
        year = self._rubric_balances([("date", ">=", self.year_start), ("date", "<=", self.year_end)])
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True, **TEXT_ONLY})
        fmt = self._formats(book)

        cpc = book.add_worksheet("CPC")
        self._header(
            cpc, fmt, "Compte de produits et charges (simplifié)", ["Rubrique", "Intitulé", "Montant"], [10, 45, 18]
        )
        row, produits_cell, produits = self._write_block(
            cpc, fmt, 4, "Produits", CPC_PRODUITS, {k: -v for k, v in year.items()}
        )
        row, charges_cell, charges = self._write_block(cpc, fmt, row, "Charges", CPC_CHARGES, year)
        cpc.write(row, 1, "Résultat net de l'exercice", fmt["bold"])
        cpc.write_formula(row, 2, f"={produits_cell}-{charges_cell}", fmt["total"], round(produits - charges, 2))

        bilan = book.add_worksheet("Bilan")
        self._header(bilan, fmt, "Bilan (simplifié)", ["Rubrique", "Intitulé", "Montant"], [10, 45, 18])
        actif_rubrics, passif_rubrics = dict(BILAN_ACTIF), dict(BILAN_PASSIF)
        for code in sorted(set(cumulative) - set(BILAN_ACTIF) - set(BILAN_PASSIF)):
            if code[:1] in "235":
                actif_rubrics[code] = f"Autres comptes {code}"
            elif code[:1] in "14":
                passif_rubrics[code] = f"Autres comptes {code}"
        row, _cell, _actif = self._write_block(bilan, fmt, 4, "Actif", actif_rubrics, cumulative)
        passif_amounts = {k: -v for k, v in cumulative.items()}
        # results not yet allocated: every income and expense up to the year end, and
        # the undistributed profits Odoo keeps outside the CGNC balance-sheet classes
        passif_rubrics["RN"] = "Résultats non affectés (dont résultat de l'exercice)"
        passif_amounts["RN"] = -sum(v for k, v in cumulative.items() if k[:1] not in "12345")
        self._write_block(bilan, fmt, row, "Passif", passif_rubrics, passif_amounts)
        book.close()
        return output.getvalue()

    @api.model
    def _decode(self, action):
        """The workbook bytes of an ``action_export`` result (tests, scripts)."""
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        return base64.b64decode(attachment.datas)
