"""The floor: the figures of the bookkeeping health and of the compliance score, each
computed by one hand-written SQL query over the same data as the suite.

The benchmarks time the suite against these queries (our time / SQL time, goal <= 3)
and check that both give the same figures, so the comparison is between two ways of
computing one thing. The queries only compute; they store nothing and write no text.
"""

import time

from odoo.tools import SQL

COOP_EVALUATORS = (
    "register_inscription",
    "ordinary_assembly",
    "min_capital",
    "min_share_value",
    "min_members",
    "valid_ice",
    "onssa_valid",
    "mandates_in_force",
    "member_register",
)


# The indicator figures both sides compute, in the order of the query's columns.
HEALTH_FIGURES = (
    "last_entry",
    "old_drafts",
    "late_sales",
    "numbering",
    "unreconciled",
    "negative_cash",
    "overdue",
    "trial_balance",
)


def timed(cr, query):
    start = time.perf_counter()
    cr.execute(query)
    rows = cr.fetchall()
    return rows, time.perf_counter() - start


def compliance_scores(cr, coop_ids, on_date):
    """{cooperative_id: (score, critical)} over the active automatic rules of comasec_coop,
    as ``comasec_compliance_score`` weighs them (compliant and non-compliant lines count)."""
    query = SQL(
        """
        WITH rule AS (
            SELECT evaluator, severity, weight, param_value FROM comasec_compliance_rule
             WHERE active AND evaluator IN %(evaluators)s
        ), params AS (
            SELECT (SELECT COALESCE(NULLIF(param_value, 0), 6)::int FROM rule WHERE evaluator = 'ordinary_assembly')
                       AS months,
                   (SELECT param_value FROM rule WHERE evaluator = 'min_capital') AS min_capital,
                   (SELECT param_value FROM rule WHERE evaluator = 'min_share_value') AS min_share,
                   (SELECT param_value::int FROM rule WHERE evaluator = 'min_members') AS min_members
        ), coop AS (
            SELECT p.*, prm.*, fy.year_end,
                   (fy.year_end + make_interval(months => prm.months))::date AS deadline
              FROM res_partner p
             CROSS JOIN params prm
             CROSS JOIN LATERAL (SELECT (%(on_date)s::date - make_interval(months => prm.months))::date AS limit_date) l
             CROSS JOIN LATERAL (
                   -- the last fiscal-year end on or before the limit: this year's or last year's
                   SELECT max(ends.e) AS year_end
                     FROM (SELECT (make_date(extract(year FROM l.limit_date)::int - k,
                                             COALESCE(p.comasec_coop_fiscal_year_end_month, '12')::int, 1)
                                   + interval '1 month' - interval '1 day')::date AS e
                             FROM generate_series(0, 1) k) ends
                    WHERE ends.e <= l.limit_date
             ) fy
             WHERE p.id = ANY(%(ids)s)
        ), outcome AS (
            SELECT c.id, x.evaluator, x.result
              FROM coop c
             CROSS JOIN LATERAL (VALUES
               ('register_inscription',
                CASE WHEN c.comasec_coop_register_number IS NOT NULL AND c.comasec_coop_register_date <= %(on_date)s
                     THEN 'C' ELSE 'N' END),
               ('ordinary_assembly',
                CASE WHEN c.comasec_coop_founding_date > c.year_end THEN 'A'
                     WHEN (SELECT min(a.held_date) FROM comasec_coop_assembly a
                            WHERE a.cooperative_id = c.id AND a.kind = 'ordinary' AND a.state = 'held'
                              AND a.fiscal_year = extract(year FROM c.year_end)) <= c.deadline THEN 'C'
                     ELSE 'N' END),
               ('min_capital',
                CASE WHEN COALESCE(c.comasec_coop_capital_subscribed, 0) >= c.min_capital THEN 'C' ELSE 'N' END),
               ('min_share_value',
                CASE WHEN COALESCE(c.comasec_coop_share_value, 0) >= c.min_share THEN 'C' ELSE 'N' END),
               ('min_members',
                CASE WHEN COALESCE(c.comasec_coop_member_count, 0) >= c.min_members THEN 'C' ELSE 'N' END),
               ('valid_ice',
                CASE WHEN c.company_registry ~ '^[0-9]{15}$' AND mod(c.company_registry::numeric, 97) = 0
                     THEN 'C' ELSE 'N' END),
               ('onssa_valid',
                CASE WHEN NOT COALESCE(c.comasec_coop_makes_food, false) THEN 'A'
                     WHEN c.comasec_onssa_number IS NULL OR c.comasec_onssa_expiry_date IS NULL
                          OR c.comasec_onssa_expiry_date < %(on_date)s THEN 'N'
                     ELSE 'C' END),
               ('mandates_in_force',
                CASE WHEN (SELECT count(DISTINCT m.role) FROM comasec_coop_mandate m
                            WHERE m.cooperative_id = c.id AND m.role IN ('president', 'treasurer')
                              AND m.date_start <= %(on_date)s AND m.date_end >= %(on_date)s) = 2
                     THEN 'C' ELSE 'N' END),
               ('member_register',
                CASE WHEN COALESCE(c.comasec_coop_member_count, 0) = 0 THEN 'N'
                     WHEN EXISTS (SELECT 1 FROM comasec_coop_member mb
                                   WHERE mb.cooperative_id = c.id AND mb.state = 'active'
                                     AND (mb.cin IS NULL OR COALESCE(mb.shares_paid, 0) = 0)) THEN 'N'
                     ELSE 'C' END)
             ) AS x(evaluator, result)
        )
        SELECT o.id,
               round((100.0 * COALESCE(sum(r.weight) FILTER (WHERE o.result = 'C'), 0)
                      / NULLIF(sum(r.weight) FILTER (WHERE o.result IN ('C', 'N')), 0))::numeric, 2),
               COALESCE(bool_or(o.result = 'N' AND r.severity = 'critical'), false)
          FROM outcome o
          JOIN rule r ON r.evaluator = o.evaluator
      GROUP BY o.id
        """,
        evaluators=COOP_EVALUATORS,
        on_date=on_date,
        ids=list(coop_ids),
    )
    rows, seconds = timed(cr, query)
    return {coop_id: (float(score or 0.0), critical) for coop_id, score, critical in rows}, seconds


def health_figures(cr, company_ids, on_date, params):
    """{company_id: {figure: value}}: the raw figures behind the bookkeeping health
    indicators (the statuses are thresholds on them), in one query."""
    query = SQL(
        """
        WITH co AS (SELECT unnest(%(ids)s::int[]) AS id),
        posted AS (
            SELECT company_id, max(date) AS last_date, min(date) AS first_date
              FROM account_move WHERE company_id = ANY(%(ids)s) AND state = 'posted' AND date <= %(on_date)s
          GROUP BY company_id
        ), drafts AS (
            SELECT company_id, count(*) AS n FROM account_move
             WHERE company_id = ANY(%(ids)s) AND state = 'draft' AND move_type IN %(invoice_types)s
               AND date < %(on_date)s::date - %(draft_age)s
          GROUP BY company_id
        ), late AS (
            SELECT company_id, count(*) FILTER (WHERE create_date::date - invoice_date > %(late_days)s) AS n
              FROM account_move
             WHERE company_id = ANY(%(ids)s) AND state = 'posted' AND move_type IN ('out_invoice', 'out_receipt')
               AND invoice_date > (%(on_date)s::date - interval '1 year') AND invoice_date <= %(on_date)s
          GROUP BY company_id
        ), numbering AS (
            SELECT company_id, sum(used - numbers) + sum(last - first + 1 - numbers) AS problems
              FROM (SELECT company_id, count(*) AS used, count(DISTINCT sequence_number) AS numbers,
                           min(sequence_number) AS first, max(sequence_number) AS last
                      FROM account_move
                     WHERE company_id = ANY(%(ids)s) AND state IN ('posted', 'cancel')
                       AND move_type IN ('out_invoice', 'out_refund') AND date <= %(on_date)s
                       AND sequence_number IS NOT NULL
                  GROUP BY company_id, journal_id, sequence_prefix) s
          GROUP BY company_id
        ), unreconciled AS (
            SELECT st.company_id, count(*) AS n
              FROM account_bank_statement_line st JOIN account_move m ON m.id = st.move_id
             WHERE st.company_id = ANY(%(ids)s) AND NOT COALESCE(st.is_reconciled, false)
               AND m.date < %(on_date)s::date - %(unreconciled_age)s
          GROUP BY st.company_id
        ), cash AS (
            SELECT company_id, count(*) FILTER (WHERE running < 0) AS negative_days
              FROM (SELECT aml.company_id,
                           sum(sum(aml.balance)) OVER (PARTITION BY aml.company_id, aml.account_id ORDER BY aml.date)
                               AS running
                      FROM account_move_line aml JOIN account_account a ON a.id = aml.account_id
                     WHERE aml.company_id = ANY(%(ids)s) AND aml.parent_state = 'posted'
                       AND a.account_type = 'asset_cash' AND aml.date <= %(on_date)s
                  GROUP BY aml.company_id, aml.account_id, aml.date) d
          GROUP BY company_id
        ), lines AS (
            SELECT aml.company_id,
                   sum(aml.debit) AS debit, sum(aml.credit) AS credit,
                   sum(aml.amount_residual) FILTER (WHERE a.account_type = 'asset_receivable' AND NOT aml.reconciled)
                       AS receivable,
                   sum(aml.amount_residual) FILTER (WHERE a.account_type = 'asset_receivable' AND NOT aml.reconciled
                                                      AND aml.date_maturity < %(on_date)s::date - %(overdue_days)s)
                       AS overdue
              FROM account_move_line aml JOIN account_account a ON a.id = aml.account_id
             WHERE aml.company_id = ANY(%(ids)s) AND aml.parent_state = 'posted' AND aml.date <= %(on_date)s
          GROUP BY aml.company_id
        )
        SELECT co.id, %(on_date)s::date - posted.last_date, COALESCE(drafts.n, 0), late.n, numbering.problems,
               COALESCE(unreconciled.n, 0), cash.negative_days,
               CASE WHEN lines.receivable > 0
                    THEN round(100.0 * greatest(COALESCE(lines.overdue, 0), 0) / lines.receivable, 1) END,
               round(abs(lines.debit - lines.credit), 2),
               c.fiscalyear_lock_date, c.hard_lock_date, c.tax_lock_date, posted.first_date
          FROM co JOIN res_company c ON c.id = co.id
     LEFT JOIN posted ON posted.company_id = co.id
     LEFT JOIN drafts ON drafts.company_id = co.id
     LEFT JOIN late ON late.company_id = co.id
     LEFT JOIN numbering ON numbering.company_id = co.id
     LEFT JOIN unreconciled ON unreconciled.company_id = co.id
     LEFT JOIN cash ON cash.company_id = co.id
     LEFT JOIN lines ON lines.company_id = co.id
        """,
        ids=list(company_ids),
        on_date=on_date,
        invoice_types=("out_invoice", "out_refund", "in_invoice", "in_refund", "out_receipt", "in_receipt"),
        draft_age=params["health_draft_age_days"],
        late_days=params["health_late_sale_days"],
        unreconciled_age=params["health_unreconciled_age_days"],
        overdue_days=params["health_overdue_days"],
    )
    rows, seconds = timed(cr, query)
    names = (*HEALTH_FIGURES, "fiscalyear_lock_date", "hard_lock_date", "tax_lock_date", "first_date")
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}, seconds
