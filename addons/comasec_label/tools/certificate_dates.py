from datetime import timedelta

from dateutil.relativedelta import relativedelta


def certificate_expiry(issue_date, years):
    """Last day of validity of a certificate issued on ``issue_date`` for ``years`` years:
    the day before its anniversary. Issued on 29 February, the anniversary in a common
    year is 1 March (relativedelta would clamp it to 28 February, ending the certificate
    on the 27th), so the certificate lasts to 28 February of its last year."""
    anniversary = issue_date + relativedelta(years=years)
    if anniversary.day != issue_date.day:
        # 29 February clamped to the 28th: the anniversary is the next day
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)
