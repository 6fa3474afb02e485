from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.health import BAD, NOT_APPLICABLE, OK, WARNING, health_score
from .comasec_accounting_health_line import STATUSES
from .comasec_accounting_health_measure import _param
from .comasec_social import social_indicators


class ComasecAccountingHealth(models.Model):
    """A snapshot of a cooperative's bookkeeping health on a date, its indicators measured
    by comasec.accounting.health.measure."""

    _name = "comasec.accounting.health"
    _description = "Bookkeeping health"
    _order = "date desc, cooperative_id"
    _rec_name = "cooperative_id"

    cooperative_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, index=True)
    score = fields.Float(aggregator="avg", help="Average of the applicable indicators: ok 100, warning 50, bad 0.")
    status = fields.Selection(STATUSES, required=True)
    sector_ids = fields.Many2many(related="cooperative_id.comasec_coop_sector_ids", string="Sectors")
    province_id = fields.Many2one(related="cooperative_id.comasec_coop_province_id", store=True)
    line_ids = fields.One2many("comasec.accounting.health.line", "health_id", string="Indicators")
    worker_count = fields.Integer(string="Workers")
    cnss_share = fields.Float(string="Declared to CNSS (%)", aggregator="avg")
    below_minimum_count = fields.Integer(string="Paid below minimum wage")
    cnss_monthly_due = fields.Float(
        string="CNSS due a month (MAD)",
        digits=(16, 2),
        help="Employer and employee contributions on the monthly wages of the workers declared to the CNSS, "
        "at the rates in force on the date.",
    )
    cnss_declarations_missing = fields.Integer(
        string="CNSS declarations missing",
        help="Months (quarters under the agricultural scheme) of the last year, since the first declared worker "
        "started, whose CNSS declaration deadline has passed without the declaration being made.",
    )
    cnss_declarations_late = fields.Integer(
        string="CNSS declarations late", help="CNSS declarations of those periods made after their deadline."
    )
    women_men_pay_ratio = fields.Float(
        string="Women/men pay ratio", aggregator="avg", help="Average pay of women / of men in the same jobs."
    )

    _sql_constraints = [
        ("cooperative_date_unique", "unique(cooperative_id, date)", "One health snapshot per cooperative and date.")
    ]

    # ------------------------------------------------------------------ compute

    @api.model
    def _cooperative_companies(self):
        # sudo: the health is measured for every cooperative by the cron and supervisors;
        # only aggregated results are stored, readable per the record rules.
        return self.env["res.partner"].sudo().search([("comasec_coop_company_id", "!=", False)]).comasec_coop_company_id

    @api.model
    def _compute_snapshots(self, companies, on_date):
        """Measure ``companies`` on ``on_date`` and store (replace) their snapshots."""
        results = self.env["comasec.accounting.health.measure"]._measure(companies, on_date)
        social = social_indicators(self.env, companies, on_date)
        # sudo: snapshots are system records written by the measurement only.
        Health = self.sudo()
        Health.search([("company_id", "in", companies.ids), ("date", "=", on_date)]).unlink()
        vals_list = []
        for company in companies:
            lines = results[company.id]
            score = health_score([line["status"] for line in lines])
            vals_list.append(
                {
                    "cooperative_id": company.partner_id.id,
                    "company_id": company.id,
                    "date": on_date,
                    "score": score if score is not None else 0.0,
                    "status": self._score_status(score),
                    # the stored related values given here spare an UPDATE of every new row
                    "province_id": company.partner_id.comasec_coop_province_id.id,
                    "line_ids": [
                        fields.Command.create({**line, "cooperative_id": company.partner_id.id, "date": on_date})
                        for line in lines
                    ],
                    "worker_count": social[company.id]["workers"],
                    "cnss_share": social[company.id]["cnss_share"] or 0.0,
                    "below_minimum_count": social[company.id]["below_minimum"],
                    "women_men_pay_ratio": social[company.id]["women_men_ratio"] or 0.0,
                    "cnss_monthly_due": social[company.id]["cnss_due"],
                    "cnss_declarations_missing": social[company.id]["cnss_missing"],
                    "cnss_declarations_late": social[company.id]["cnss_late"],
                }
            )
        return Health.create(vals_list)

    def _score_status(self, score):
        if score is None:
            return NOT_APPLICABLE
        if score >= _param(self.env, "health_score_ok_min"):
            return OK
        if score >= _param(self.env, "health_score_warning_min"):
            return WARNING
        return BAD

    @api.model
    def _snapshots(self, companies, on_date):
        """The snapshots of ``companies`` on ``on_date``, measuring only those not measured yet
        that day, so every screen of the day reads the same figures."""
        # sudo: snapshots are system records; the callers show them per the record rules.
        existing = self.sudo().search([("company_id", "in", companies.ids), ("date", "=", on_date)])
        missing = companies - existing.company_id
        if not missing:
            return existing
        # sudo: measured as the nightly job measures them, whichever companies the reader
        # has among their allowed ones (a supervisor opens a cooperative's books on demand)
        return existing | self.sudo()._compute_snapshots(missing.sudo(), on_date)

    @api.model
    def _cron_compute_all(self):
        companies = self._cooperative_companies()
        size = max(1, _param(self.env, "health_batch_size"))
        today = fields.Date.context_today(self)
        for start in range(0, len(companies), size):
            self._compute_snapshots(companies[start : start + size], today)
            self.env["ir.cron"]._notify_progress(done=start + size, remaining=max(0, len(companies) - start - size))

    @api.model
    def action_compute_now(self):
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_supervisor"):
            raise AccessError(self.env._("Only CoMaSec supervisors can measure the bookkeeping health."))
        self._compute_snapshots(self._cooperative_companies(), fields.Date.context_today(self))
        return {"type": "ir.actions.client", "tag": "soft_reload"}
