from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.addons.comasec_coop.tools.dates import last_due_period_end
from odoo.tools import SQL

from ..tools.health import BAD, NOT_APPLICABLE, OK, WARNING, status_for

INVOICE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund", "out_receipt", "in_receipt")


def _param(env, key):
    """The setting ``key`` of this addon."""
    return get_param(env, f"comasec_accounting_coaching.{key}")


class ComasecAccountingHealthMeasure(models.AbstractModel):
    """The indicators of the bookkeeping health (comasec.accounting.health snapshots).

    Every indicator is measured for all companies at once, one grouped query per
    indicator, so the number of queries does not grow with the cooperatives or
    their entries."""

    _name = "comasec.accounting.health.measure"
    _description = "Bookkeeping health indicators"

    @api.model
    def _measure(self, companies, on_date):
        """{company_id: [{indicator, value, status, explanation}]} for all ``companies``."""
        # sudo: reads the accounting of every measured company in aggregate only.
        return self.sudo()._measure_all(companies, on_date)

    @api.model
    def _measure_all(self, companies, on_date):
        ids = companies.ids
        self.env.flush_all()
        last_entry, first_dates = self._measure_last_entry(ids, on_date)
        measures = {
            "last_entry": last_entry,
            "old_drafts": self._measure_old_drafts(ids, on_date),
            "late_sales": self._measure_late_sales(ids, on_date),
            "numbering": self._measure_numbering(ids, on_date),
            "unreconciled": self._measure_unreconciled(ids, on_date),
            "negative_cash": self._measure_negative_cash(ids, on_date),
            "overdue": self._measure_overdue(ids, on_date),
            "trial_balance": self._measure_trial_balance(ids, on_date),
        }
        measures.update(self._measure_locks(companies, on_date, first_dates))
        return {
            company.id: [
                {"indicator": code, **per_company.get(company.id, self._not_applicable())}
                for code, per_company in measures.items()
            ]
            for company in companies
        }

    def _not_applicable(self):
        return {"value": 0.0, "status": NOT_APPLICABLE, "explanation": self.env._("Nothing to measure yet.")}

    def _line(self, value, status, explanation):
        return {"value": value, "status": status, "explanation": explanation}

    def _graded_lines(self, values, warning, bad, explain):
        """The lines of ``values`` ({company_id: value}), graded ok below ``warning``, warning
        from it, bad from ``bad``; ``explain(company_id, value)`` is a line's explanation."""
        return {
            company_id: self._line(value, status_for(value, warning, bad), explain(company_id, value))
            for company_id, value in values.items()
        }

    def _measure_last_entry(self, ids, on_date):
        groups = self.env["account.move"]._read_group(
            [("company_id", "in", ids), ("state", "=", "posted"), ("date", "<=", on_date)],
            ["company_id"],
            ["date:max", "date:min"],
        )
        found = {company.id: (last, first) for company, last, first in groups}
        warning = _param(self.env, "health_last_entry_warning_days")
        bad = _param(self.env, "health_last_entry_bad_days")
        res = self._graded_lines(
            {company_id: (on_date - last).days for company_id, (last, _first) in found.items()},
            warning,
            bad,
            lambda company_id, days: self.env._(
                "The last entry was posted %(days)s days ago (%(date)s); books should be kept at least "
                "every %(warning)s days.",
                days=days,
                date=found[company_id][0],
                warning=warning,
            ),
        )
        for company_id in set(ids) - set(found):
            res[company_id] = self._line(0.0, BAD, self.env._("No entry has ever been posted: the books are not kept."))
        return res, {company_id: first for company_id, (_last, first) in found.items()}

    def _measure_old_records(self, ids, on_date, model, domain, key, explain):
        """Records of ``model`` in ``domain`` dated more than the setting ``health_<key>_age_days``
        before ``on_date``, counted per company against the settings ``health_<key>_warning_count``
        and ``health_<key>_bad_count``; ``explain(count, age)`` is the line's explanation."""
        age = _param(self.env, f"health_{key}_age_days")
        warning = _param(self.env, f"health_{key}_warning_count")
        bad = _param(self.env, f"health_{key}_bad_count")
        groups = self.env[model]._read_group(
            [("company_id", "in", ids), ("date", "<", on_date - timedelta(days=age)), *domain],
            ["company_id"],
            ["__count"],
        )
        counts = {company.id: count for company, count in groups}
        return self._graded_lines(
            {company_id: counts.get(company_id, 0) for company_id in ids},
            warning,
            bad,
            lambda _company_id, count: explain(count, age),
        )

    def _measure_old_drafts(self, ids, on_date):
        return self._measure_old_records(
            ids,
            on_date,
            "account.move",
            [("state", "=", "draft"), ("move_type", "in", INVOICE_TYPES)],
            "draft",
            lambda count, age: self.env._(
                "%(count)s draft invoices or bills are older than %(age)s days: post them or delete them.",
                count=count,
                age=age,
            ),
        )

    def _measure_late_sales(self, ids, on_date):
        late = _param(self.env, "health_late_sale_days")
        warning = _param(self.env, "health_late_sale_warning_count")
        bad = _param(self.env, "health_late_sale_bad_count")
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id,
                       count(*) FILTER (WHERE create_date::date - invoice_date > %(late)s),
                       count(*)
                  FROM account_move
                 WHERE company_id = ANY(%(ids)s) AND state = 'posted'
                   AND move_type IN ('out_invoice', 'out_receipt')
                   AND invoice_date > %(since)s AND invoice_date <= %(on_date)s
              GROUP BY company_id
                """,
                late=late,
                ids=ids,
                since=on_date - relativedelta(years=1),
                on_date=on_date,
            )
        )
        totals, late_counts = {}, {}
        for company_id, late_count, total in self.env.cr.fetchall():
            late_counts[company_id], totals[company_id] = late_count, total
        return self._graded_lines(
            late_counts,
            warning,
            bad,
            lambda company_id, late_count: self.env._(
                "%(late)s of the %(total)s sales of the last 12 months were entered more than %(days)s days "
                "after their date: enter sales as they happen.",
                late=late_count,
                total=totals[company_id],
                days=late,
            ),
        )

    def _measure_numbering(self, ids, on_date):
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, sum(used - numbers), sum(last - first + 1 - numbers), sum(used)
                  FROM (SELECT company_id, count(*) AS used, count(DISTINCT sequence_number) AS numbers,
                               min(sequence_number) AS first, max(sequence_number) AS last
                          FROM account_move
                         WHERE company_id = ANY(%(ids)s) AND state IN ('posted', 'cancel')
                           AND move_type IN ('out_invoice', 'out_refund') AND date <= %(on_date)s
                           AND sequence_number IS NOT NULL
                      GROUP BY company_id, journal_id, sequence_prefix) per_sequence
              GROUP BY company_id
                """,
                ids=ids,
                on_date=on_date,
            )
        )
        res = {}
        for company_id, duplicates, gaps, _used in self.env.cr.fetchall():
            problems = int(duplicates + gaps)
            res[company_id] = self._line(
                problems,
                BAD if problems else OK,
                self.env._(
                    "%(gaps)s missing and %(dups)s repeated invoice numbers: Moroccan law requires continuous "
                    "numbering.",
                    gaps=int(gaps),
                    dups=int(duplicates),
                ),
            )
        return res

    def _measure_unreconciled(self, ids, on_date):
        return self._measure_old_records(
            ids,
            on_date,
            "account.bank.statement.line",
            [("is_reconciled", "=", False)],
            "unreconciled",
            lambda count, age: self.env._(
                "%(count)s bank or cash statement lines older than %(age)s days are not matched with "
                "their invoices or payments.",
                count=count,
                age=age,
            ),
        )

    def _measure_negative_cash(self, ids, on_date):
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, count(*) FILTER (WHERE running < 0), min(running)
                  FROM (SELECT aml.company_id,
                               sum(sum(aml.balance)) OVER (
                                   PARTITION BY aml.company_id, aml.account_id ORDER BY aml.date
                               ) AS running
                          FROM account_move_line aml
                          JOIN account_account account ON account.id = aml.account_id
                         WHERE aml.company_id = ANY(%(ids)s) AND aml.parent_state = 'posted'
                           AND account.account_type = 'asset_cash' AND aml.date <= %(on_date)s
                      GROUP BY aml.company_id, aml.account_id, aml.date) daily
              GROUP BY company_id
                """,
                ids=ids,
                on_date=on_date,
            )
        )
        res = {}
        for company_id, negative_days, lowest in self.env.cr.fetchall():
            res[company_id] = self._line(
                negative_days,
                BAD if negative_days else OK,
                self.env._(
                    "A cash or bank account was negative on %(days)s days (lowest %(lowest).2f MAD): a cash box "
                    "cannot hold less than nothing, an entry is missing or wrong.",
                    days=negative_days,
                    lowest=min(lowest or 0.0, 0.0),
                )
                if negative_days
                else self.env._("Cash and bank accounts never went negative."),
            )
        return res

    def _measure_overdue(self, ids, on_date):
        days = _param(self.env, "health_overdue_days")
        domain = [
            ("company_id", "in", ids),
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
            ("date", "<=", on_date),
        ]
        Line = self.env["account.move.line"]
        total = {c.id: amount for c, amount in Line._read_group(domain, ["company_id"], ["amount_residual:sum"])}
        overdue = {
            c.id: amount
            for c, amount in Line._read_group(
                [*domain, ("date_maturity", "<", on_date - timedelta(days=days))],
                ["company_id"],
                ["amount_residual:sum"],
            )
        }
        warning = _param(self.env, "health_overdue_warning_percent")
        bad = _param(self.env, "health_overdue_bad_percent")
        shares = {
            company_id: round(100.0 * max(overdue.get(company_id, 0.0), 0.0) / amount, 1)
            for company_id, amount in total.items()
            if amount > 0
        }
        return self._graded_lines(
            shares,
            warning,
            bad,
            lambda company_id, share: self.env._(
                "%(share)s%% of what customers owe (%(amount).2f MAD) is more than %(days)s days overdue: "
                "follow up with them.",
                share=share,
                amount=total[company_id],
                days=days,
            ),
        )

    def _measure_trial_balance(self, ids, on_date):
        groups = self.env["account.move.line"]._read_group(
            [("company_id", "in", ids), ("parent_state", "=", "posted"), ("date", "<=", on_date)],
            ["company_id"],
            ["debit:sum", "credit:sum"],
        )
        res = {}
        for company, debit, credit in groups:
            gap = round(abs(debit - credit), 2)
            res[company.id] = self._line(
                gap,
                BAD if gap else OK,
                self.env._(
                    "Total debit %(debit).2f and total credit %(credit).2f differ by %(gap).2f MAD.",
                    debit=debit,
                    credit=credit,
                    gap=gap,
                )
                if gap
                else self.env._("The trial balance is balanced (debit = credit)."),
            )
        return res

    def _measure_locks(self, companies, on_date, first_dates):
        """Fiscal years and tax periods closed in time, from the companies' lock dates."""
        months = _param(self.env, "health_year_lock_months")
        grace = _param(self.env, "health_tax_lock_grace_days")
        year_res, tax_res = {}, {}
        for company in companies:
            first = first_dates.get(company.id)
            if not first:
                continue
            # the last fiscal year end that is at least `months` months old (counted from month ends)
            year_end = last_due_period_end(on_date, months, company.partner_id._comasec_fiscal_year_end)
            locked = max(company.fiscalyear_lock_date or date.min, company.hard_lock_date or date.min)
            if first <= year_end:
                year_res[company.id] = self._line(
                    (on_date - year_end).days if locked < year_end else 0,
                    OK if locked >= year_end else BAD,
                    self.env._(
                        "The fiscal year ended %(end)s is closed (lock date %(lock)s).", end=year_end, lock=locked
                    )
                    if locked >= year_end
                    else self.env._(
                        "The fiscal year ended %(end)s is still open %(months)s months later: close it and set "
                        "the lock date.",
                        end=year_end,
                        months=months,
                    ),
                )
            # the last quarter that ended at least `grace` days ago
            tax_limit = on_date - timedelta(days=grace)
            quarter_end = date(tax_limit.year, 3 * ((tax_limit.month - 1) // 3) + 1, 1) - timedelta(days=1)
            tax_locked = max(company.tax_lock_date or date.min, locked)
            if first <= quarter_end:
                tax_res[company.id] = self._line(
                    0 if tax_locked >= quarter_end else (quarter_end - max(tax_locked, first)).days,
                    OK if tax_locked >= quarter_end else WARNING,
                    self.env._("VAT returns are closed up to %s.", quarter_end)
                    if tax_locked >= quarter_end
                    else self.env._(
                        "The VAT periods up to %(end)s are not closed: file the returns and set the tax lock date.",
                        end=quarter_end,
                    ),
                )
        return {"tax_lock": tax_res, "year_lock": year_res}
