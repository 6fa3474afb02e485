"""Legal deadlines counted in months from the end of a period."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta


def is_month_end(day):
    return (day + timedelta(days=1)).day == 1


def months_after(day, months):
    """The day ``months`` months after ``day``: from a month's last day, the last day of
    the month ``months`` later (30 June + 6 months = 31 December, 28 February + 6 months =
    31 August), as the law counts a deadline after a fiscal year's end; from another day,
    the same day of that month (or its last day if it has fewer days)."""
    later = day + relativedelta(months=months)
    if is_month_end(day):
        later += relativedelta(day=31)
    return later


def last_due_period_end(on_date, months, period_end_before):
    """The last period end whose deadline (``months`` months after it, see ``months_after``)
    is on or before ``on_date``. ``period_end_before(day)`` gives the last period end on or
    before ``day`` (a fiscal year's end, for instance); periods last a year or less."""
    # months_after backwards: from a month's last day, the last day of the month
    # ``months`` earlier (30 June - 6 months = 31 December, not 30 December)
    limit = on_date - relativedelta(months=months)
    if is_month_end(on_date):
        limit += relativedelta(day=31)
    end = period_end_before(limit)
    if months_after(end, months) > on_date:
        end = period_end_before(end - timedelta(days=1))
    return end


def date_out_of_range(value, earliest_year, latest):
    """Whether ``value`` falls before 1 January of ``earliest_year`` or after ``latest``.

    ``value`` is a date (then ``latest`` is a date) or a year (then ``latest`` is a year):
    the plausibility check of a typed date or year, which catches a mistyped century before
    it reaches a register, a sequence or a report. An empty date (False) is not out of range;
    a year 0 is."""
    if value is False or value is None:
        return False
    if isinstance(value, int):
        return value < earliest_year or value > latest
    return value.year < earliest_year or value > latest


def period_out_of_range(start, end, earliest_year, latest):
    """Whether the period from ``start`` to ``end`` (dates) has a bound out of range (see
    ``date_out_of_range``): the plausibility check of a typed period, made once the caller has
    refused a period that ends before it starts (its own message), so its two bounds suffice."""
    return date_out_of_range(start, earliest_year, latest) or date_out_of_range(end, earliest_year, latest)
