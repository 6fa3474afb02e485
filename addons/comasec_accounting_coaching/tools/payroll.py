"""Pure computation of a worker's monthly CNSS contributions, in centimes."""

from .surplus import percent_of


def cnss_contributions(gross_cents, rates):
    """(employer, employee) contributions in centimes on a monthly gross wage.

    ``rates``: [(branch, employer %, employee %, monthly cap in centimes or None)];
    each share is rounded half up to the centime, branch by branch, as the CNSS
    declaration lists them."""
    if gross_cents < 0:
        raise ValueError("a wage cannot be negative")
    employer = employee = 0
    for _branch, employer_percent, employee_percent, cap_cents in rates:
        base = min(gross_cents, cap_cents) if cap_cents else gross_cents
        employer += percent_of(base, employer_percent)
        employee += percent_of(base, employee_percent)
    return employer, employee
