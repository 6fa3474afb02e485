from odoo import fields, models
from odoo.addons.comasec_coop.models.comasec_compliance_rule import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.addons.comasec_coop.tools.dates import last_due_period_end, months_after
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..tools.health import health_score
from ..tools.tax_regime import APPROACHING, BELOW, ceiling_status

_lt = LazyTranslate(__name__)
# The findings of the evaluators below are _lt terms, rendered in each reader's language
# (comasec_coop's comasec_facts.py).
# pylint: disable=prefer-env-translation
P = "comasec_accounting_coaching."


class ComasecComplianceRule(models.Model):
    _inherit = "comasec.compliance.rule"

    evaluator = fields.Selection(
        selection_add=[
            ("accounting_health", "Bookkeeping health score"),
            ("accounting_year_closed", "Fiscal year closed in time"),
            ("social_cnss", "Workers declared to the CNSS"),
            ("social_min_wage", "No worker paid below the minimum wage"),
            ("social_cnss_declarations", "CNSS declarations made on time"),
            ("tax_exemption_ceiling", "Turnover under the corporate tax exemption ceiling"),
            ("odco_pack", "ODCO annual pack kept"),
        ],
        ondelete={
            "accounting_health": "set null",
            "accounting_year_closed": "set null",
            "social_cnss": "set null",
            "social_min_wage": "set null",
            "social_cnss_declarations": "set null",
            "tax_exemption_ceiling": "set null",
            "odco_pack": "set null",
        },
    )

    def _health_snapshots(self, cooperatives, on_date):
        """{cooperative_id: health snapshot of ``on_date``}: the review reads the figures the
        coaching visits show, measured once for the day."""
        snapshots = self.env["comasec.accounting.health"]._snapshots(cooperatives.comasec_coop_company_id, on_date)
        return {snapshot.cooperative_id.id: snapshot for snapshot in snapshots}

    def _accounting_measures(self, cooperatives, on_date):
        """{cooperative_id: indicator lines} of the day's health snapshots."""
        return {
            coop_id: [
                {"indicator": li.indicator, "status": li.status, "explanation": li.explanation}
                for li in snapshot.line_ids
            ]
            for coop_id, snapshot in self._health_snapshots(cooperatives, on_date).items()
        }

    def _evaluate_accounting_health(self, cooperatives, on_date):
        measures = self._accounting_measures(cooperatives, on_date)
        threshold = self.param_value
        result = {}
        for coop in cooperatives:
            if coop.id not in measures:
                result[coop.id] = (NOT_APPLICABLE, self.env._("The cooperative's accounting is not onboarded."))
                continue
            lines = measures[coop.id]
            score = health_score([line["status"] for line in lines]) or 0.0
            weak = [line["explanation"] for line in lines if line["status"] in ("warning", "bad")]
            result[coop.id] = (
                COMPLIANT if score >= threshold else NON_COMPLIANT,
                self.env._(
                    "Bookkeeping health %(score)s/100 (required %(threshold)s). %(weak)s",
                    score=score,
                    threshold=threshold,
                    weak=" ".join(weak),
                ),
            )
        return result

    def _evaluate_accounting_year_closed(self, cooperatives, on_date):
        measures = self._accounting_measures(cooperatives, on_date)
        result = {}
        for coop in cooperatives:
            line = next((li for li in measures.get(coop.id, []) if li["indicator"] == "year_lock"), None)
            if not line or line["status"] == "not_applicable":
                result[coop.id] = (NOT_APPLICABLE, self.env._("No fiscal year to close yet."))
            else:
                result[coop.id] = (COMPLIANT if line["status"] == "ok" else NON_COMPLIANT, line["explanation"])
        return result

    def _social_measures(self, cooperatives, on_date):
        return {
            coop_id: {
                "workers": snapshot.worker_count,
                "cnss_share": snapshot.cnss_share if snapshot.worker_count else None,
                "below_minimum": snapshot.below_minimum_count,
                "cnss_missing": snapshot.cnss_declarations_missing,
                "cnss_late": snapshot.cnss_declarations_late,
            }
            for coop_id, snapshot in self._health_snapshots(cooperatives, on_date).items()
        }

    def _evaluate_social_cnss(self, cooperatives, on_date):
        measures = self._social_measures(cooperatives, on_date)
        required = self.param_value
        result = {}
        for coop in cooperatives:
            share = measures.get(coop.id, {}).get("cnss_share")
            if share is None:
                result[coop.id] = (NOT_APPLICABLE, self.env._("No worker is recorded in the cooperative's company."))
            else:
                result[coop.id] = (
                    COMPLIANT if share >= required else NON_COMPLIANT,
                    self.env._(
                        "%(share)s%% of the %(count)s workers have a CNSS number (required %(required)s%%).",
                        share=share,
                        count=measures[coop.id]["workers"],
                        required=required,
                    ),
                )
        return result

    def _evaluate_social_min_wage(self, cooperatives, on_date):
        measures = self._social_measures(cooperatives, on_date)
        result = {}
        for coop in cooperatives:
            data = measures.get(coop.id)
            if not data or not data["workers"]:
                result[coop.id] = (NOT_APPLICABLE, self.env._("No worker is recorded in the cooperative's company."))
            elif data["below_minimum"]:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._("%s workers are paid below the legal minimum wage (SMIG/SMAG).", data["below_minimum"]),
                )
            else:
                result[coop.id] = (COMPLIANT, self.env._("Every worker is paid at least the legal minimum wage."))
        return result

    def _evaluate_social_cnss_declarations(self, cooperatives, on_date):
        measures = self._social_measures(cooperatives, on_date)
        result = {}
        for coop in cooperatives:
            data = measures.get(coop.id)
            if not data or data["cnss_share"] is None or not data["cnss_share"]:
                result[coop.id] = (NOT_APPLICABLE, self.env._("No worker is declared to the CNSS."))
            elif data["cnss_missing"] or data["cnss_late"]:
                result[coop.id] = (
                    NON_COMPLIANT,
                    self.env._(
                        "%(missing)s CNSS declaration(s) missing and %(late)s made late over the last months.",
                        missing=data["cnss_missing"],
                        late=data["cnss_late"],
                    ),
                )
            else:
                result[coop.id] = (COMPLIANT, self.env._("Every CNSS declaration due was made on time."))
        return result

    def _evaluate_tax_exemption_ceiling(self, cooperatives, on_date):
        ceiling = get_param(self.env, P + "cit_exemption_ceiling")
        warning = get_param(self.env, P + "cit_exemption_warning_percent")
        if ceiling <= 0:
            raise UserError(
                self.env._("Set a positive corporate tax exemption ceiling in Settings > CoMaSec > Tax regime.")
            )
        cooperatives.fetch(["comasec_tax_regime", "comasec_coop_company_id"])
        processing = cooperatives.filtered(
            lambda c: c.comasec_tax_regime == "exempt_processing" and c.comasec_coop_company_id
        )
        # sudo: the year's sales of each company, in aggregate, whoever runs the review (a
        # supervisor works in CoMaSec's company, the cron as superuser)
        turnovers = processing.comasec_coop_company_id.sudo()._comasec_turnover(on_date)
        not_processing = {
            False: (
                NOT_APPLICABLE,
                _lt("No corporate tax regime is recorded: a supervisor sets it on the cooperative."),
            ),
            "exempt_collect": (
                NOT_APPLICABLE,
                _lt("Exempt as it only collects and sells its members' produce: no turnover ceiling."),
            ),
            "taxable": (NOT_APPLICABLE, _lt("Subject to corporate tax: no exemption ceiling applies.")),
        }
        result = {}
        for coop in cooperatives:
            if coop.comasec_tax_regime != "exempt_processing":
                result[coop.id] = not_processing[coop.comasec_tax_regime]
                continue
            if not coop.comasec_coop_company_id:
                result[coop.id] = (NOT_APPLICABLE, _lt("The cooperative's accounting is not onboarded."))
                continue
            start, end, turnover = turnovers[coop.comasec_coop_company_id.id]
            values = {
                "start": start,
                "end": end,
                "turnover": f"{turnover:,.2f}",
                "percent": round(turnover * 100 / ceiling, 1),
                "ceiling": f"{ceiling:,.2f}",
            }
            status = ceiling_status(turnover, ceiling, warning)
            if status == BELOW:
                result[coop.id] = (
                    COMPLIANT,
                    _lt(
                        "Turnover of the fiscal year %(start)s - %(end)s: %(turnover)s MAD excluding VAT, "
                        "%(percent)s%% of the %(ceiling)s MAD exemption ceiling.",
                        **values,
                    ),
                )
            elif status == APPROACHING:
                result[coop.id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Turnover of the fiscal year %(start)s - %(end)s approaches the exemption ceiling: "
                        "%(turnover)s MAD excluding VAT, %(percent)s%% of %(ceiling)s MAD.",
                        **values,
                    ),
                )
            else:
                result[coop.id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Turnover of the fiscal year %(start)s - %(end)s passes the exemption ceiling: %(turnover)s "
                        "MAD excluding VAT for a ceiling of %(ceiling)s MAD; the corporate tax exemption is lost.",
                        **values,
                    ),
                )
        return result

    def _evaluate_odco_pack(self, cooperatives, on_date):
        months = int(self.param_value or 6)
        # sudo: the packs' years and first generation dates only, whoever runs the review
        packs = (
            self.env["comasec.odco.pack"]
            .sudo()
            ._read_group(
                [
                    ("cooperative_id", "in", cooperatives.ids),
                    ("generated_date", "!=", False),
                    ("generated_date", "<=", on_date),
                ],
                ["cooperative_id", "fiscal_year"],
                ["generated_date:min"],
            )
        )
        generated = {(coop.id, year): day for coop, year, day in packs}
        held = self.env["comasec.coop.assembly"]._read_group(
            [
                ("cooperative_id", "in", cooperatives.ids),
                ("kind", "=", "ordinary"),
                ("state", "=", "held"),
                ("held_date", "<=", on_date),
            ],
            ["cooperative_id", "fiscal_year"],
            ["held_date:min"],
        )
        held = {(coop.id, year): day for coop, year, day in held}
        cooperatives.fetch(
            ["comasec_coop_company_id", "comasec_coop_founding_date", "comasec_coop_fiscal_year_end_month"]
        )
        result = {}
        for coop in cooperatives:
            if not coop.comasec_coop_company_id:
                result[coop.id] = (NOT_APPLICABLE, _lt("The cooperative's accounting is not onboarded."))
                continue
            # the last fiscal year whose deadline has come on on_date
            year_end = last_due_period_end(on_date, months, coop._comasec_fiscal_year_end)
            deadline = months_after(year_end, months)
            year = year_end.year
            pack_day, assembly_day = generated.get((coop.id, year)), held.get((coop.id, year))
            if coop.comasec_coop_founding_date and coop.comasec_coop_founding_date > year_end:
                result[coop.id] = (NOT_APPLICABLE, _lt("Founded after the fiscal year %s.", year))
            elif not pack_day:
                result[coop.id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Missing: no ODCO annual pack for the fiscal year %(year)s (deadline %(deadline)s).",
                        year=year,
                        deadline=deadline,
                    ),  # fmt: skip
                )
            elif not assembly_day:
                result[coop.id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Missing: the ODCO annual pack of %(year)s has no ordinary assembly, none is held for that "
                        "year (deadline %(deadline)s).",
                        year=year,
                        deadline=deadline,
                    ),
                )
            elif max(pack_day, assembly_day) > deadline:
                result[coop.id] = (
                    NON_COMPLIANT,
                    _lt(
                        "Late: the ODCO annual pack of %(year)s was made on %(generated)s and its ordinary assembly "
                        "held on %(held)s, after the deadline %(deadline)s.",
                        year=year,
                        generated=pack_day,
                        held=assembly_day,
                        deadline=deadline,
                    ),
                )
            else:
                result[coop.id] = (
                    COMPLIANT,
                    _lt(
                        "Present: the ODCO annual pack of %(year)s was made on %(generated)s, its ordinary assembly "
                        "held on %(held)s.",
                        year=year,
                        generated=pack_day,
                        held=assembly_day,
                    ),
                )
        return result
