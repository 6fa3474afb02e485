"""A cooperative's onboarding as a production server runs it, up to its commit.

    python3 bench/onboarding_commit.py -c CONF --db DB [--onboardings 3]

On a server (not under tests), creating a company with a country makes Odoo load that
country's chart of accounts when the transaction commits. The suite's onboarding wizard
loads it at once, to set the suite's accounts and post the capital in the same transaction:
without 18.0.5.2.2 the commit then loaded it a second time. For each onboarding, in one
transaction rolled back at the end: the wizard run by a supervisor, then the callbacks a
commit runs first (``cr.precommit``); printed: the chart loads, seconds and queries of each.
"""

import time

from _common import parse, rolled_back_env, sequences_kept

from odoo.addons.account.models.chart_template import AccountChartTemplate


def valid_ice(serial):
    base = f"8{serial:08d}0001"
    return f"{base}{(97 - int(base) * 100 % 97) % 97:02d}"


def main():
    args = parse(__doc__.splitlines()[0], onboardings=(3, "cooperatives onboarded"))
    loads = []
    load = AccountChartTemplate._load

    def counted(self, template_code, company, install_demo):
        loads.append(template_code)
        return load(self, template_code, company, install_demo)

    AccountChartTemplate._load = counted
    with rolled_back_env(args) as env, sequences_kept(env.registry):
        supervisor = env["res.users"].create(
            {
                "name": "Bench supervisor",
                "login": "bench.onboarding.supervisor",
                "email": "bench.onboarding.supervisor@comasec.example",
                "groups_id": [
                    (6, 0, [env.ref("base.group_user").id, env.ref("comasec_coop.comasec_coop_group_supervisor").id])
                ],
            }
        )
        print("| onboarding | chart loads | wizard s | wizard queries | commit s | commit queries |")
        print("| --- | --- | --- | --- | --- | --- |")
        for index in range(args.onboardings):
            coop = env["res.partner"].create(
                {
                    "name": f"Bench onboarding cooperative {index}",
                    "is_company": True,
                    "comasec_is_cooperative": True,
                    "company_registry": valid_ice(index + 1),
                }
            )
            wizard = (
                env["comasec.accounting.onboarding"]
                .with_user(supervisor)
                .create(
                    {
                        "cooperative_id": coop.id,
                        "bookkeeper_name": f"Bench bookkeeper {index}",
                        "bookkeeper_login": f"bench.onboarding.{index}",
                    }
                )
            )
            loads.clear()
            queries, start = env.cr.sql_log_count, time.perf_counter()
            wizard.action_onboard()
            env.flush_all()
            wizard_row = (time.perf_counter() - start, env.cr.sql_log_count - queries)
            queries, start = env.cr.sql_log_count, time.perf_counter()
            env.cr.precommit.run()  # what the commit would run before committing
            commit_row = (time.perf_counter() - start, env.cr.sql_log_count - queries)
            print(
                f"| {index + 1} | {len(loads)} | {wizard_row[0]:.2f} | {wizard_row[1]} "
                f"| {commit_row[0]:.2f} | {commit_row[1]} |"
            )


if __name__ == "__main__":
    main()
