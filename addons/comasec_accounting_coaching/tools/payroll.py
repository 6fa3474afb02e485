"""Pure computation of a worker's CNSS contributions, in centimes."""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .surplus import percent_of


def cnss_contribution_lines(gross_cents, rates, months=1):
    """[(branch, base, employer, employee)] in centimes on a gross wage of ``months`` months.

    ``rates``: [(branch, employer %, employee %, monthly cap in centimes or None)]; a capped
    branch's base is the wage up to the cap times the months; each share is rounded half up
    to the centime, branch by branch, as the CNSS declaration lists them."""
    if gross_cents < 0:
        raise ValueError("a wage cannot be negative")
    res = []
    for branch, employer_percent, employee_percent, cap_cents in rates:
        base = min(gross_cents, cap_cents * months) if cap_cents else gross_cents
        res.append((branch, base, percent_of(base, employer_percent), percent_of(base, employee_percent)))
    return res


def cnss_contributions(gross_cents, rates, months=1):
    """(employer, employee) contributions in centimes on a gross wage of ``months`` months."""
    lines = cnss_contribution_lines(gross_cents, rates, months)
    return sum(line[2] for line in lines), sum(line[3] for line in lines)


def period_bounds(year, period, months):
    """(first day, last day) of the ``period``-th period of ``months`` months of ``year``."""
    if months not in (1, 3) or not 1 <= period <= 12 // months:
        raise ValueError("a period is a month (1 to 12) or a quarter (1 to 4)")
    start = date(year, (period - 1) * months + 1, 1)
    return start, start + relativedelta(months=months, days=-1)


def declaration_deadline(period_end, due_day):
    """The last day to declare a period ending on ``period_end``: ``due_day`` of the next month."""
    next_month = period_end + timedelta(days=1)
    return next_month.replace(day=min(due_day, calendar.monthrange(next_month.year, next_month.month)[1]))


def due_periods(first_day, on_date, months, due_day):
    """[(year, period, deadline)] of the periods from the one holding ``first_day`` whose
    declaration deadline has passed on ``on_date``."""
    res = []
    start = date(first_day.year, (first_day.month - 1) // months * months + 1, 1)
    while True:
        end = start + relativedelta(months=months, days=-1)
        deadline = declaration_deadline(end, due_day)
        if deadline >= on_date:
            return res
        res.append((start.year, (start.month - 1) // months + 1, deadline))
        start += relativedelta(months=months)
