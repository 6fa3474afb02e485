import json
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, formatLang

from ..tools.dates import date_out_of_range
from .comasec_facts import to_fact
from .comasec_params import get_param

# From this many reviews stored at once (a campaign), their table's statistics are refreshed.
ANALYZE_MIN_REVIEWS = 50


def compliance_score(lines):
    """Weighted score 0-100 and level of ``(result, severity, weight)`` triples.

    Only compliant and non-compliant lines count; any critical non-compliance
    makes the level red whatever the score. Returns ``(score, critical)``.
    """
    evaluated = [(r, s, w) for r, s, w in lines if r in ("compliant", "non_compliant")]
    total = sum(w for _r, _s, w in evaluated)
    score = 100.0 * sum(w for r, _s, w in evaluated if r == "compliant") / total if total else 0.0
    critical = any(r == "non_compliant" and s == "critical" for r, s, _w in evaluated)
    return round(score, 2), critical


def compliance_level(score, critical, green_min, orange_min):
    if critical or score < orange_min:
        return "red"
    return "green" if score >= green_min else "orange"


class ComasecComplianceReview(models.Model):
    _name = "comasec.compliance.review"
    _description = "Compliance review"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin", "comasec.cooperative.mixin"]
    _order = "review_date desc, id desc"
    # changed only by Start, Evaluate, Close and the manager's Reopen (with its reason)
    _comasec_workflow_fields = ("state", "score", "level", "non_compliant_count", "name", "province_id")

    name = fields.Char(compute="_compute_name", store=True)
    cooperative_id = fields.Many2one(tracking=True)
    province_id = fields.Many2one(related="cooperative_id.comasec_coop_province_id", store=True)
    period = fields.Char(
        required=True,
        default=lambda self: str(fields.Date.context_today(self).year),
        help="The period reviewed, e.g. 2026 or 2026-S1: one review per cooperative and period.",
    )
    review_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, help="Date the rules are evaluated on."
    )
    supervisor_id = fields.Many2one(
        "res.users", string="Supervisor", default=lambda self: self.env.user, tracking=True, index=True
    )
    line_ids = fields.One2many("comasec.compliance.review.line", "review_id", string="Rules")
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg", tracking=True)
    # Red first: the cockpit's columns follow this order and red is what needs action.
    level = fields.Selection(
        [("red", "Red"), ("orange", "Orange"), ("green", "Green")],
        compute="_compute_score",
        store=True,
        index=True,
        tracking=True,
    )
    level_reason = fields.Char(
        string="Why this level",
        compute="_compute_level_reason",
        help="The critical rules not met, or the score against the thresholds, in the reader's language.",
    )
    non_compliant_count = fields.Integer(string="Non-compliant rules", compute="_compute_score", store=True)
    period_review_id = fields.Many2one(
        "comasec.compliance.review",
        string="Review of the same period",
        compute="_compute_period_review_id",
        help="The review this cooperative already has for this period: a period is reviewed once.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "period_unique",
            "unique(cooperative_id, period)",
            "This cooperative already has a review for this period: open that review (its follow-ups "
            "carry the corrections), ask a manager to reopen it, or enter another period such as 2026-S2.",
        )
    ]

    @api.constrains("period", "review_date")
    def _check_period_date(self):
        today = fields.Date.context_today(self)
        for review in self:
            if len(review.period) > 32:
                raise ValidationError(
                    self.env._(
                        "The period %s... is too long: write it in at most 32 characters, e.g. 2026-S1.",
                        review.period[:20],
                    )
                )
            if date_out_of_range(review.review_date, 1900, today + timedelta(days=366)):
                raise ValidationError(
                    self.env._("The review date (%s) must be between 1900 and one year from today.", review.review_date)
                )

    @api.depends("cooperative_id", "period")
    def _compute_name(self):
        for review in self:
            review.name = f"{review.cooperative_id.name or ''} - {review.period or ''}"

    @api.depends("line_ids.result", "line_ids.severity", "line_ids.weight")
    def _compute_score(self):
        green = get_param(self.env, "comasec_coop.level_green_min")
        orange = get_param(self.env, "comasec_coop.level_orange_min")
        if all(self._ids):
            # Saved reviews: their lines' results in one grouped query, rather than
            # every line read into memory (24,000 lines for 2,000 reviews).
            outcomes = defaultdict(list)
            groups = self.env["comasec.compliance.review.line"]._read_group(
                [("review_id", "in", self.ids)], ["review_id", "result"], ["rule_id:array_agg"]
            )
            for review, result, rule_ids in groups:
                outcomes[review.id] += [(result, rule_id) for rule_id in rule_ids]
        else:
            # A review edited in a form: its lines in memory.
            outcomes = {review.id: [(line.result, line.rule_id.id) for line in review.line_ids] for review in self}
        # Severity and weight read once per rule, not through each line's related fields.
        rule_ids = {rule_id for pairs in outcomes.values() for _result, rule_id in pairs}
        rules = self.env["comasec.compliance.rule"].browse(rule_ids)
        per_rule = {rule.id: (rule.severity, rule.weight) for rule in rules}
        for review in self:
            triples = [(result, *per_rule[rule_id]) for result, rule_id in outcomes.get(review.id, ())]
            score, critical = compliance_score(triples)
            review.score = score
            # Nothing evaluated yet (a review just started by hand) has no level, not red.
            evaluated = any(t[0] in ("compliant", "non_compliant") for t in triples)
            review.level = compliance_level(score, critical, green, orange) if evaluated else False
            review.non_compliant_count = sum(1 for t in triples if t[0] == "non_compliant")

    @api.depends("level", "score", "line_ids.result", "line_ids.rule_id")
    @api.depends_context("lang")
    def _compute_level_reason(self):
        green = get_param(self.env, "comasec_coop.level_green_min")
        orange = get_param(self.env, "comasec_coop.level_orange_min")
        for review in self:
            critical = review.line_ids.filtered(
                lambda line: line.result == "non_compliant" and line.rule_id.severity == "critical"
            ).rule_id
            score = formatLang(self.env, review.score, digits=2)
            if not review.level:
                review.level_reason = False
            elif critical:
                review.level_reason = self.env._(
                    "Red: critical rule not met, whatever the score (%(score)s): %(rules)s.",
                    score=score,
                    rules=", ".join(critical.with_context(lang=self.env.lang).mapped("display_name")),
                )
            elif review.level == "red":
                review.level_reason = self.env._(
                    "Red: score %(score)s below %(min)s.", score=score, min=formatLang(self.env, orange, digits=0)
                )
            elif review.level == "orange":
                review.level_reason = self.env._(
                    "Orange: score %(score)s below %(min)s, no critical rule failed.",
                    score=score,
                    min=formatLang(self.env, green, digits=0),
                )
            else:
                review.level_reason = self.env._(
                    "Green: score %(score)s, at least %(min)s, no critical rule failed.",
                    score=score,
                    min=formatLang(self.env, green, digits=0),
                )

    @api.depends("cooperative_id", "period")
    def _compute_period_review_id(self):
        for review in self:
            taken = self.browse()
            if review.cooperative_id and review.period:
                taken = self.search(
                    [
                        ("cooperative_id", "=", review.cooperative_id.id),
                        ("period", "=", review.period.strip()),
                        ("id", "!=", review._origin.id or 0),
                    ],
                    limit=1,
                )
            review.period_review_id = taken

    @api.model_create_multi
    def create(self, vals_list):
        # Said here with what to do, rather than by the database's unique constraint; one
        # query for all the reviews of a campaign.
        pairs = {
            (vals["cooperative_id"], vals["period"].strip())
            for vals in vals_list
            if vals.get("cooperative_id") and vals.get("period")
        }
        if pairs:
            taken = self.search(
                [
                    ("cooperative_id", "in", list({coop_id for coop_id, _period in pairs})),
                    ("period", "in", list({period for _coop_id, period in pairs})),
                ]
            ).filtered(lambda review: (review.cooperative_id.id, review.period) in pairs)
            if taken:
                taken[0]._raise_period_taken()
        return super().create(vals_list)

    def _get_report_base_filename(self):
        """File name of the review downloaded from the portal."""
        self.ensure_one()
        return self.env._("Compliance review %s", self.name)

    def _raise_period_taken(self):
        raise ValidationError(
            self.env._(
                "%(coop)s already has the review %(review)s (%(state)s) for %(period)s, and a period is "
                "reviewed once. To follow up its findings, open that review and work on its follow-ups; "
                "a manager can reopen it; or enter another period, such as %(period)s-S2.",
                coop=self.cooperative_id.display_name,
                review=self.name,
                state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                period=self.period,
            )
        )

    def write(self, vals):
        # A done review is locked: only its reopening (state) and chatter fields move.
        if set(vals) - {"state", "message_main_attachment_id"} and any(r.state == "done" for r in self):
            raise UserError(self.env._("This review is done and locked: a manager must reopen it first."))
        return super().write(vals)

    def action_start(self):
        """Create one line per active rule and evaluate the automatic ones."""
        drafts = self.filtered(lambda r: r.state == "draft")
        manual = self.env["comasec.compliance.rule"].search([("evaluator", "=", False)])
        existing = {(line.review_id.id, line.rule_id.id) for line in drafts.line_ids}
        drafts._insert_lines(
            [
                (review_id, rule_id, "not_evaluated", None)
                for review_id in drafts.ids
                for rule_id in manual.ids
                if (review_id, rule_id) not in existing
            ]
        )
        drafts._comasec_workflow().state = "in_progress"
        drafts._evaluate_automatic_rules()
        return True

    def action_evaluate(self):
        if any(r.state != "in_progress" for r in self):
            raise UserError(self.env._("Only a review in progress can be evaluated again."))
        self._evaluate_automatic_rules()
        return True

    def _evaluate_automatic_rules(self):
        """Evaluate every automatic rule for all reviews at once and store the outcomes.

        Each rule is evaluated once for all the cooperatives of ``self``, grouped by
        review date. The automatic lines are updated in place: only those whose result
        or explanation changed are written (a line keeps its comment, evidence and
        follow-up), the missing ones are created in one batch and those of rules no
        longer automatic and active are removed. The number of queries does not grow
        with the number of cooperatives.
        """
        Line = self.env["comasec.compliance.review.line"]
        self.check_access("write")
        Line.check_access("write")
        rules = self.env["comasec.compliance.rule"].search([("evaluator", "!=", False)])
        by_date = {}
        for review in self:
            by_date.setdefault(review.review_date, []).append((review.id, review.cooperative_id.id))
        outcomes = {}
        for on_date, pairs in by_date.items():
            cooperatives = self.env["res.partner"].browse(dict.fromkeys(coop_id for _review_id, coop_id in pairs))
            for rule in rules:
                outcome = rule._evaluate(cooperatives, on_date)
                for review_id, coop_id in pairs:
                    result, explanation = outcome.get(coop_id, ("not_evaluated", False))
                    outcomes[review_id, rule.id] = (result, to_fact(explanation))

        # The lines are read and updated with SQL: through the ORM, reading 18,000 lines
        # field by field and writing them one distinct value at a time took seconds for
        # 2,000 cooperatives; here it is two queries. The access was checked as the ORM
        # would (writing the reviews and their lines) and the cache is kept consistent.
        Line.flush_model(["review_id", "rule_id", "result", "explanation_data"])
        self.env["comasec.compliance.rule"].flush_model(["evaluator"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.id, line.review_id, line.rule_id, line.result, line.explanation_data
                  FROM %(line)s line
                  JOIN %(rule)s rule ON rule.id = line.rule_id
                 WHERE line.review_id = ANY(%(ids)s) AND rule.evaluator IS NOT NULL
                """,
                line=SQL.identifier(Line._table),
                rule=SQL.identifier(rules._table),
                ids=self.ids,
            )
        )
        changed, stale = [], []
        for line_id, review_id, rule_id, result, explanation in rows:
            outcome = outcomes.pop((review_id, rule_id), None)
            if outcome is None:
                # A rule archived since, or no longer automatic.
                stale.append(line_id)
            elif outcome != (result, explanation):
                changed.append((line_id, *outcome))
        if changed:
            ids, results, explanations = (list(column) for column in zip(*changed, strict=True))
            self.env.execute_query(
                SQL(
                    """
                    UPDATE %(line)s line
                       SET result = new.result, explanation_data = new.explanation_data,
                           write_uid = %(uid)s, write_date = %(now)s
                      FROM unnest(%(ids)s::int[], %(results)s::varchar[], %(explanations)s::jsonb[])
                           AS new(id, result, explanation_data)
                     WHERE line.id = new.id
                    """,
                    line=SQL.identifier(Line._table),
                    uid=self.env.uid,
                    now=self.env.cr.now(),
                    ids=ids,
                    results=results,
                    explanations=[json.dumps(fact) if fact else None for fact in explanations],
                )
            )
            lines = Line.browse(ids)
            lines.invalidate_recordset(["result", "explanation_data", "write_uid", "write_date"])
            # The review scores and what depends on them are recomputed; modified() finds
            # the reviews through the lines' review_id, read here in one query (it would
            # read them 1,000 lines at a time).
            lines.fetch(["review_id"])
            lines.modified(["result", "explanation_data"])
        Line.browse(stale).unlink()
        self._insert_lines([(review_id, rule_id, *outcome) for (review_id, rule_id), outcome in outcomes.items()])

    def _insert_lines(self, rows):
        """Create the lines ``(review_id, rule_id, result, explanation_data)`` of reviews of ``self``.

        One INSERT for all the rows: through ``create``, 18,000 lines (9 automatic rules
        for 2,000 cooperatives) took seconds, mostly in per-record defaults and cache
        updates, and one query per 100 rows. It fills every stored field a line has
        when created (test_review_line_fields_known_to_insert keeps that true), checks
        the access as ``create`` would and updates the cache and what depends on lines.
        """
        if not rows:
            return
        Line = self.env["comasec.compliance.review.line"]
        Line.check_access("create")
        self.check_access("write")
        if len(self) >= ANALYZE_MIN_REVIEWS:
            # Each line's foreign-key check looks its review up. After many reviews were
            # created in this transaction, PostgreSQL's plan for that check may still be
            # the one made for the table without them and scan it for every line: 3.7 s
            # instead of 0.2 s for the 18,000 lines of 2,000 new reviews, time growing with
            # the square of their number. Fresh statistics make it use the primary key.
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(self._table)))
        review_ids, rule_ids, results, explanations = (list(column) for column in zip(*rows, strict=True))
        now = self.env.cr.now()
        new = self.env.execute_query(
            SQL(
                """
                INSERT INTO %(line)s (review_id, rule_id, result, explanation_data,
                                      create_uid, create_date, write_uid, write_date)
                SELECT new.review_id, new.rule_id, new.result, new.explanation_data, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(reviews)s::int[], %(rules)s::int[], %(results)s::varchar[], %(explanations)s::jsonb[])
                       AS new(review_id, rule_id, result, explanation_data)
                RETURNING id
                """,
                line=SQL.identifier(Line._table),
                uid=self.env.uid,
                now=now,
                reviews=review_ids,
                rules=rule_ids,
                results=results,
                explanations=[json.dumps(fact) if fact else None for fact in explanations],
            )
        )
        self.invalidate_recordset(["line_ids"])
        lines = Line.browse(line_id for (line_id,) in new)
        lines.fetch(["review_id"])  # in one query, for modified() (see _evaluate_automatic_rules)
        lines.modified(["review_id", "rule_id", "result", "explanation_data"], create=True)

    def action_done(self):
        for review in self:
            if review.state != "in_progress":
                raise UserError(self.env._("Only a review in progress can be closed."))
            pending = review.line_ids.filtered(lambda line: line.result == "not_evaluated")
            if pending:
                raise UserError(
                    self.env._(
                        "Set a result for every rule before closing the review. Not evaluated: %s",
                        ", ".join(pending.rule_id.mapped("code")),
                    )
                )
        self._create_followups()
        self._close_resolved_followups()
        self._comasec_workflow().state = "done"
        self._send_done_mail()
        return True

    def _send_done_mail(self):
        """Tell each cooperative that has an email address the outcome of its review."""
        template = self.env.ref("comasec_coop.mail_template_comasec_review_done", raise_if_not_found=False)
        if not template:
            return
        for review in self.filtered("cooperative_id.email"):
            review.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _set_manual_results(self, results=None, default="compliant", comment=None):
        """Set the result of the manual rules still not evaluated: ``results`` maps a rule
        code to its result, the others get ``default``. Used to record a site visit at
        once (and by the demo data); a review not in progress is left untouched."""
        results = results or {}
        lines = self.filtered(lambda r: r.state == "in_progress").line_ids.filtered(
            lambda line: not line.automatic and line.result == "not_evaluated"
        )
        by_result = {}
        for line in lines:
            by_result.setdefault(results.get(line.rule_id.code, default), line)
            by_result[results.get(line.rule_id.code, default)] |= line
        for result, grouped in by_result.items():
            grouped.write({"result": result, "comment": comment or False})
        return True

    @api.model
    def _cron_remind_overdue_followups(self, batch_size=200):
        """Remind the owners of overdue follow-ups, one note per review, once a day.

        Safe to re-run: an activity already reminded today is skipped. One batch per
        run; the scheduler runs the job again while some remain (``_notify_progress``).
        """
        template = self.env.ref("comasec_coop.mail_template_comasec_followup_overdue")
        today = fields.Date.context_today(self)
        domain = [
            ("res_model", "=", self._name),
            ("date_deadline", "<", today),
            "|",
            ("comasec_reminded_date", "=", False),
            ("comasec_reminded_date", "<", today),
        ]
        Activity = self.env["mail.activity"]
        activities = Activity.search(domain, limit=batch_size, order="date_deadline, id")
        for review in self.browse(sorted(set(activities.mapped("res_id")))):
            overdue = activities.filtered(lambda a, r=review: a.res_id == r.id)
            review.with_context(comasec_overdue_activity_ids=overdue.ids).message_post_with_source(
                template, subtype_xmlid="mail.mt_note", partner_ids=overdue.user_id.partner_id.ids
            )
        activities.write({"comasec_reminded_date": today})
        self.env["ir.cron"]._notify_progress(done=len(activities), remaining=Activity.search_count(domain))
        return True

    def _overdue_followups(self):
        """Overdue follow-ups of this review shown in the reminder (those of the batch)."""
        self.ensure_one()
        ids = self.env.context.get("comasec_overdue_activity_ids")
        if ids:
            return self.env["mail.activity"].browse(ids)
        return self.activity_ids.filtered(lambda a: a.date_deadline < fields.Date.context_today(self))

    def _create_followups(self):
        """One follow-up activity per non-compliant line, with its owner and deadline."""
        days = get_param(self.env, "comasec_coop.followup_days")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        lines = self.line_ids.filtered(lambda line: line.result == "non_compliant" and not line.activity_id)
        owners = {}
        for line in lines:
            user = line.followup_user_id or line.review_id.supervisor_id or self.env.user
            owners.setdefault(user, line.review_id)
            owners[user] |= line.review_id
        # Subscribe owners first: mail.activity.create subscribes each res_id once per
        # activity and fails on a review that gets two activities for one owner.
        for user, reviews in owners.items():
            reviews.message_subscribe(partner_ids=user.partner_id.ids)
        values = []
        for line in lines:
            owner = line.followup_user_id or line.review_id.supervisor_id or self.env.user
            # Summary and note are stored text: written in the language of their owner, who reads them.
            in_owner_lang = line.with_context(lang=owner.lang or self.env.lang)
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": line.review_id.id,
                    "activity_type_id": activity_type.id,
                    "summary": in_owner_lang.rule_id.display_name,
                    "note": in_owner_lang.explanation or line.comment or False,
                    "user_id": owner.id,
                    # The delay runs from the review date: that is when the gap was found.
                    "date_deadline": line.followup_deadline or line.review_id.review_date + timedelta(days=days),
                }
            )
        activities = self.env["mail.activity"].create(values)
        for line, activity in zip(lines, activities, strict=True):
            line.activity_id = activity

    def _close_resolved_followups(self):
        """Mark done the open follow-ups of earlier reviews of the same cooperatives whose
        rule these reviews find compliant: the gap they asked to correct is corrected."""
        compliant = {
            (line.review_id.cooperative_id.id, line.rule_id.id): line.review_id
            for line in self.line_ids
            if line.result == "compliant"
        }
        if not compliant:
            return
        earlier = self.env["comasec.compliance.review.line"].search(
            [
                ("review_id.cooperative_id", "in", self.cooperative_id.ids),
                ("rule_id", "in", list({rule_id for _coop, rule_id in compliant})),
                ("activity_id", "!=", False),
                ("review_id", "not in", self.ids),
            ]
        )
        for line in earlier:
            later = compliant.get((line.review_id.cooperative_id.id, line.rule_id.id))
            if later and later.review_date >= line.review_id.review_date:
                line.activity_id.action_feedback(feedback=self.env._("Found compliant by the review %s.", later.name))

    def action_reopen_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen review"),
            "res_model": "comasec.compliance.review.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_review_id": self.id},
        }

    def _reopen(self, reason):
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_manager"):
            raise UserError(self.env._("Only a CoMaSec manager can reopen a review."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for reopening the review."))
        for review in self:
            if review.state != "done":
                raise UserError(self.env._("Only a done review can be reopened."))
            review._comasec_workflow().state = "in_progress"
            review.message_post(body=self.env._("Review reopened: %s", reason))
