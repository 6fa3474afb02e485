from odoo import fields, models
from odoo.addons.comasec_coop.models.comasec_compliance_rule import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE

from ..tools.health import health_score


class ComasecComplianceRule(models.Model):
    _inherit = "comasec.compliance.rule"

    evaluator = fields.Selection(
        selection_add=[
            ("accounting_health", "Bookkeeping health score"),
            ("accounting_year_closed", "Fiscal year closed in time"),
            ("social_cnss", "Workers declared to the CNSS"),
            ("social_min_wage", "No worker paid below the minimum wage"),
        ],
        ondelete={
            "accounting_health": "set null",
            "accounting_year_closed": "set null",
            "social_cnss": "set null",
            "social_min_wage": "set null",
        },
    )

    def _health_snapshots(self, cooperatives, on_date):
        """{cooperative_id: health snapshot of ``on_date``}: the review reads the figures the
        coaching visits show, measured once for the day."""
        snapshots = self.env["comasec.accounting.health"]._snapshots(cooperatives.coop_company_id, on_date)
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
