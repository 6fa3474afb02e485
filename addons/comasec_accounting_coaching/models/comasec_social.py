"""Social indicators of the cooperatives' workers, measured with grouped queries."""

from dateutil.relativedelta import relativedelta

from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.osv import expression

from ..tools.payroll import cnss_contributions, due_periods
from ..tools.surplus import to_cents

DAYS_PER_MONTH_KEY = "comasec_accounting_coaching.working_days_per_month"
DUE_DAY_KEY = "comasec_accounting_coaching.cnss_declaration_due_day"
# months a CNSS declaration covers, per scheme of the cooperative
SCHEME_MONTHS = {"general": 1, "agricultural": 3}


def days_per_month(env):
    """Working days that turn a daily wage into a monthly one (to confirm: 26 days)."""
    return get_param(env, DAYS_PER_MONTH_KEY)


def monthly_minimums(env, on_date):
    """{kind: monthly minimum wage in MAD} in force on ``on_date``: the hourly SMIG times
    the hours of a month, the daily SMAG times the working days of a month (settings)."""
    # sudo: minimum wages are public legal amounts; only their values are read here.
    in_force = env["comasec.minimum.wage"].sudo()._in_force(on_date)
    factors = {
        "smig": get_param(env, "comasec_accounting_coaching.working_hours_per_month"),
        "smag": days_per_month(env),
    }
    return {kind: round(amount * factors[kind], 2) for kind, amount in in_force.items()}


def social_indicators(env, companies, on_date):
    """{company_id: {"workers", "cnss_share", "below_minimum", "women_men_ratio", "cnss_due",
    "cnss_missing", "cnss_late"}}.

    ``women_men_ratio`` is the average monthly pay of women divided by that of men,
    over the jobs where both work (None without such a job); ``cnss_due`` the monthly
    CNSS contributions (both shares, MAD) on the wages of the declared workers;
    ``cnss_missing`` and ``cnss_late`` the CNSS declarations not made or made late
    (see _cnss_declarations)."""
    # sudo: aggregates over wages; the callers only show the aggregated indicators.
    Employee = env["hr.employee"].sudo()
    base = [("company_id", "in", companies.ids), ("active", "=", True)]
    workers = dict(Employee._read_group(base, ["company_id"], ["__count"]))
    declared = dict(Employee._read_group([*base, ("comasec_cnss_number", "!=", False)], ["company_id"], ["__count"]))
    below_domains = []
    for kind, monthly in monthly_minimums(env, on_date).items():
        below_domains.append(
            [("comasec_minimum_kind", "=", kind), ("comasec_wage", ">", 0), ("comasec_monthly_wage", "<", monthly)]
        )
    below = {}
    if below_domains:
        below = dict(Employee._read_group([*base, *expression.OR(below_domains)], ["company_id"], ["__count"]))
    pay = Employee._read_group(
        [*base, ("comasec_wage", ">", 0), ("gender", "in", ("female", "male"))],
        ["company_id", "job_id", "gender"],
        ["comasec_monthly_wage:avg", "__count"],
    )
    by_job = {}
    for company, job, gender, average, count in pay:
        by_job.setdefault((company.id, job.id), {})[gender] = (average, count)
    ratios = {}
    for (company_id, _job), genders in by_job.items():
        if "female" in genders and "male" in genders:
            women, men = genders["female"], genders["male"]
            ratios.setdefault(company_id, []).append((women[0] / men[0] if men[0] else None, women[1] + men[1]))
    cnss_due = _cnss_due(env, Employee, base, on_date)
    missing, late = _cnss_declarations(env, Employee, base, companies, on_date)
    res = {}
    for company in companies:
        total = workers.get(company, 0)
        job_ratios = [(r, w) for r, w in ratios.get(company.id, []) if r is not None]
        res[company.id] = {
            "workers": total,
            "cnss_share": round(100.0 * declared.get(company, 0) / total, 1) if total else None,
            "below_minimum": below.get(company, 0),
            "women_men_ratio": round(sum(r * w for r, w in job_ratios) / sum(w for _r, w in job_ratios), 3)
            if job_ratios
            else None,
            "cnss_due": cnss_due.get(company.id, 0) / 100,
            "cnss_missing": missing.get(company.id, 0),
            "cnss_late": late.get(company.id, 0),
        }
    return res


def _cnss_due(env, Employee, base, on_date):
    """{company_id: monthly CNSS contributions in centimes}: one query for every company,
    the contributions worked out per worker (the wage caps apply to each worker's wage)."""
    # sudo: CNSS rates are public legal rates; only their values are read here.
    rates = [
        (branch, employer, employee, to_cents(cap) if cap else None)
        for branch, employer, employee, cap in env["comasec.cnss.rate"].sudo()._in_force(on_date)
    ]
    due = {}
    declared = Employee.search_read(
        [*base, ("comasec_cnss_number", "!=", False), ("comasec_wage", ">", 0)],
        ["company_id", "comasec_monthly_wage"],
        load=None,
    )
    for worker in declared:
        employer, employee = cnss_contributions(to_cents(worker["comasec_monthly_wage"]), rates)
        due[worker["company_id"]] = due.get(worker["company_id"], 0) + employer + employee
    return due


def _cnss_declarations(env, Employee, base, companies, on_date):
    """({company_id: periods not declared}, {company_id: periods declared late}) of the
    companies with workers declared to the CNSS: the months (the quarters under the
    agricultural scheme) of the last N months (setting) whose deadline has passed on
    ``on_date``, from the one their first declared worker started in. Two queries for
    every company."""
    lookback = get_param(env, "comasec_accounting_coaching.cnss_declaration_lookback_months")
    due_day = get_param(env, DUE_DAY_KEY)
    window_start = (on_date - relativedelta(months=lookback)).replace(day=1)
    employing = Employee._read_group(
        [*base, ("comasec_cnss_number", "!=", False), ("comasec_wage", ">", 0)],
        ["company_id"],
        ["comasec_start_date:min"],
    )
    if not employing:
        return {}, {}
    # sudo: only which periods were declared, and when, is read here, for the indicators.
    made = (
        env["comasec.cnss.declaration"]
        .sudo()
        .search_read(
            [("company_id", "in", [company.id for company, _start in employing]), ("date_to", ">=", window_start)],
            ["company_id", "scheme", "year", "period", "state", "declared_date"],
            load=None,
        )
    )
    made = {(d["company_id"], d["scheme"], d["year"], d["period"]): d for d in made}
    missing, late = {}, {}
    for company, first_start in employing:
        scheme = company.comasec_cnss_scheme
        for year, period, deadline in due_periods(
            max(first_start or window_start, window_start), on_date, SCHEME_MONTHS[scheme], due_day
        ):
            declaration = made.get((company.id, scheme, year, period))
            if not declaration or declaration["state"] != "declared":
                missing[company.id] = missing.get(company.id, 0) + 1
            elif declaration["declared_date"] > deadline:
                late[company.id] = late.get(company.id, 0) + 1
    return missing, late
