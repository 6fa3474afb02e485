from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import normalize_ice
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("admissible", "Admissible"),
    ("inadmissible", "Inadmissible"),
    ("audit_planned", "Audit planned"),
    ("audited", "Audited"),
    ("committee", "Committee"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
# set by the buttons, the daily job and the renewal only: a decision written by hand would skip
# the audit and the committee, conditions marked met by hand would skip the label manager's check
WORKFLOW_FIELDS = (
    "state",
    "submit_date",
    "decision_date",
    "conditions_met",
    "conditions_met_date",
    "conditions_overdue",
    "previous_certificate_id",
)
# the committee's decision as recorded: the certificate is issued from it
DECIDED_FIELDS = ("decision", "decision_rationale", "conditions_deadline")


class ComasecLabelApplication(models.Model):
    _name = "comasec.label.application"
    _description = "Label application"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.cooperative.mixin", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    cooperative_id = fields.Many2one(tracking=True)
    product_ids = fields.Many2many("product.template", string="Products", tracking=True)
    scope = fields.Text(help="What the label covers: products, sites, activities.")
    standard_id = fields.Many2one(
        "comasec.label.standard",
        string="Standard",
        required=True,
        tracking=True,
        default=lambda self: self.env["comasec.label.standard"]._get_current(),
        help="The version of the standard the application is judged against; fixed at submission.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, default=lambda self: self.env.user, index=True
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, copy=False, index=True)
    submit_date = fields.Date(readonly=True, copy=False)
    inadmissible_reason = fields.Text(tracking=True, copy=False)
    audit_ids = fields.One2many("comasec.label.audit", "application_id", string="Audits")
    audit_count = fields.Integer(compute="_compute_counts")
    nonconformity_ids = fields.One2many("comasec.label.nonconformity", "application_id", string="Non-conformities")
    nonconformity_count = fields.Integer(compute="_compute_counts")
    committee_session_id = fields.Many2one(
        "comasec.label.committee.session",
        string="Committee session",
        tracking=True,
        index=True,
        copy=False,
        domain=[("state", "!=", "closed")],
    )
    vote_ids = fields.One2many("comasec.label.committee.vote", "application_id", string="Votes")
    votes_for = fields.Integer(compute="_compute_votes")
    votes_against = fields.Integer(compute="_compute_votes")
    votes_abstain = fields.Integer(compute="_compute_votes")
    # the current user's part in the session, for the buttons they still have to press
    my_can_declare = fields.Boolean(compute="_compute_my_committee")
    my_can_vote = fields.Boolean(compute="_compute_my_committee")
    my_committee_status = fields.Char(string="Your declaration and vote", compute="_compute_my_committee")
    # what the committee judges: the result of the last closed audit
    last_audit_id = fields.Many2one("comasec.label.audit", string="Audit", compute="_compute_audit_result")
    audit_score = fields.Float(string="Audit score", compute="_compute_audit_result")
    audit_summary = fields.Html(string="Auditors' conclusion", compute="_compute_audit_result")
    open_nonconformity_count = fields.Integer(string="Open non-conformities", compute="_compute_audit_result")
    blocking_nonconformity_count = fields.Integer(
        string="Blocking non-conformities",
        compute="_compute_audit_result",
        help="Open critical non-conformities and major ones without an accepted corrective action: "
        "while there are any, the application cannot be approved.",
    )
    decision = fields.Selection(
        [("approved", "Approved"), ("approved_conditions", "Approved with conditions"), ("rejected", "Rejected")],
        tracking=True,
        copy=False,
    )
    decision_rationale = fields.Text(
        tracking=True, copy=False, help="Why the committee decided so; for conditions, what must be done."
    )
    conditions_deadline = fields.Date(tracking=True, copy=False, index=True)
    conditions_met = fields.Boolean(
        tracking=True, copy=False, readonly=True, help="The label manager checked that the conditions are met."
    )
    conditions_met_date = fields.Date(readonly=True, copy=False)
    conditions_overdue = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Set by the daily job once the deadline of the conditions has passed without them being marked met.",
    )
    decision_date = fields.Date(readonly=True, copy=False)
    previous_certificate_id = fields.Many2one(
        "comasec.label.certificate",
        string="Renewal of",
        readonly=True,
        copy=False,
        index=True,
        help="The certificate this application renews.",
    )
    certificate_ids = fields.One2many("comasec.label.certificate", "application_id", string="Certificate")

    @api.depends("audit_ids", "nonconformity_ids")
    def _compute_counts(self):
        for application in self:
            application.audit_count = len(application.audit_ids)
            application.nonconformity_count = len(application.nonconformity_ids)

    @api.depends("vote_ids.vote", "committee_session_id")
    def _compute_votes(self):
        for application in self:
            session = application.committee_session_id
            tally = session._tally(application) if session else (0, 0, 0)
            application.votes_for, application.votes_against, application.votes_abstain = tally

    @api.depends("state", "committee_session_id.state", "committee_session_id.member_ids", "vote_ids")
    @api.depends_context("uid")
    def _compute_my_committee(self):
        user = self.env.user
        declarations = self.env["comasec.label.conflict.declaration"].search(
            [("user_id", "=", user.id), ("application_id", "in", self.ids), ("session_id", "!=", False)]
        )
        votes = self.env["comasec.label.committee.vote"].search(
            [("user_id", "=", user.id), ("application_id", "in", self.ids)]
        )
        for application in self:
            session = application.committee_session_id
            declaration = declarations.filtered(
                lambda d, a=application: d.application_id == a and d.session_id == a.committee_session_id
            )[:1]
            vote = votes.filtered(
                lambda v, a=application: v.application_id == a and v.session_id == a.committee_session_id
            )[:1]
            sitting = application.state == "committee" and session.state == "open" and user in session.member_ids
            application.my_can_declare = sitting and not declaration
            application.my_can_vote = sitting and bool(declaration) and not declaration.has_conflict and not vote
            application.my_committee_status = application._my_committee_status(declaration, vote)

    def _my_committee_status(self, declaration, vote):
        """What the current user has done in the session, as the sentence the form shows them."""
        if vote:
            return self.env._(
                "You voted: %(vote)s, on %(date)s.",
                vote=dict(vote._fields["vote"]._description_selection(self.env))[vote.vote],
                date=self._long_date(vote.create_date),
            )
        if declaration.has_conflict:
            return self.env._(
                "You declared a conflict of interest on %s: you do not vote on this application.",
                self._long_date(declaration.declaration_date),
            )
        if declaration:
            return self.env._(
                "You declared no conflict of interest on %s: you may vote.",
                self._long_date(declaration.declaration_date),
            )
        return False

    def _long_date(self, moment):
        """A date no reader can take for another: the day, the month in words, the year."""
        return format_date(self.env, fields.Datetime.context_timestamp(self, moment), date_format="long")

    @api.depends("audit_ids.state", "audit_ids.date", "audit_ids.score", "audit_ids.summary", "nonconformity_ids.state")
    def _compute_audit_result(self):
        NonConformity = self.env["comasec.label.nonconformity"]
        blocking = {
            application.id: count
            for application, count in NonConformity._read_group(
                [("application_id", "in", self.ids), *NonConformity._blocking_domain()], ["application_id"], ["__count"]
            )
        }
        for application in self:
            done = application.audit_ids.filtered(lambda a: a.state == "done")
            last = done.sorted(lambda a: (a.date, a.id))[-1:]
            application.last_audit_id = last
            application.audit_score = last.score
            application.audit_summary = last.summary
            application.open_nonconformity_count = len(
                application.nonconformity_ids.filtered(lambda nc: nc.state != "closed")
            )
            application.blocking_nonconformity_count = blocking.get(application.id, 0)

    def _compute_display_name(self):
        for application in self:
            application.display_name = f"{application.name} {application.cooperative_id.name or ''}".strip()

    def _comasec_workflow_create_values(self, vals_list):
        self.env["ir.sequence"]._comasec_number_new("comasec.label.application", vals_list)

    def _not_a_cooperative_message(self):
        return self.env._(
            "%s is not a cooperative: only cooperatives apply for the label.", self.cooperative_id.display_name
        )

    def write(self, vals):
        if self.filtered(lambda a: a.state in ("approved", "rejected")):
            self._check_comasec_workflow_fields(vals, DECIDED_FIELDS)
        if "standard_id" in vals and self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._("An application is judged against the standard it was filed under: it cannot change.")
            )
        return super().write(vals)

    # prerequisites -------------------------------------------------------

    def _submission_problems(self):
        """What is missing to submit this application, as a list of sentences."""
        self.ensure_one()
        coop = self.cooperative_id
        problems = []
        if not self.product_ids:
            problems.append(self.env._("Choose the products the label should cover."))
        if not self.standard_id or self.standard_id.state != "active":
            problems.append(self.env._("Choose the active version of the standard."))
        if coop.comasec_compliance_level == "red":
            problems.append(
                self.env._("The cooperative's compliance level is red: correct its last compliance review first.")
            )
        if not coop.company_registry:
            problems.append(self.env._("The cooperative has no ICE."))
        else:
            try:
                normalize_ice(self.env, coop.company_registry)
            except ValidationError as exc:
                problems.append(str(exc.args[0]))
        if coop.comasec_coop_makes_food and not coop.comasec_onssa_valid:
            problems.append(
                self.env._("The cooperative makes food but has no valid ONSSA sanitary authorisation or approval.")
            )
        return problems

    # workflow --------------------------------------------------------------

    def _check_state(self, allowed, action):
        for application in self:
            if application.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(action)s: the application %(name)s is %(state)s.",
                        action=action,
                        name=application.name,
                        state=dict(STATES)[application.state],
                    )
                )

    def _notify(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for application in self:
            application.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def action_submit(self):
        self._check_state(["draft"], self.env._("Submit"))
        for application in self:
            problems = application._submission_problems()
            if problems:
                raise UserError(
                    self.env._("The application %s cannot be submitted yet:", application.name)
                    + "\n- "
                    + "\n- ".join(problems)
                )
        self._write_workflow({"state": "submitted", "submit_date": fields.Date.context_today(self)})
        self._notify("comasec_label.mail_template_application_received")

    def action_admissible(self):
        self._check_state(["submitted"], self.env._("Declare admissible"))
        self._write_workflow({"state": "admissible"})

    def action_inadmissible(self):
        self._check_state(["submitted"], self.env._("Declare inadmissible"))
        for application in self:
            if not (application.inadmissible_reason or "").strip():
                raise UserError(
                    self.env._("Say why the application %s is inadmissible before refusing it.", application.name)
                )
        self._write_workflow({"state": "inadmissible"})
        self._notify("comasec_label.mail_template_application_inadmissible")

    def _check_label_manager(self, action):
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_label_manager"):
            raise UserError(self.env._("%s: only a label manager does this.", action))

    def action_cancel(self):
        self._check_label_manager(self.env._("Cancel"))
        self._check_state(
            ["draft", "submitted", "admissible", "audit_planned", "audited", "committee"], self.env._("Cancel")
        )
        self._write_workflow({"state": "cancelled"})

    def action_reset_draft(self):
        self._check_label_manager(self.env._("Reset to draft"))
        self._check_state(["inadmissible", "cancelled"], self.env._("Reset to draft"))
        self._write_workflow({"state": "draft", "inadmissible_reason": False})

    def action_plan_audit(self):
        """Plan the initial audit of an admissible application and open it."""
        self.ensure_one()
        self._check_state(["admissible"], self.env._("Plan the audit"))
        audit = self.env["comasec.label.audit"].create(
            {
                "application_id": self.id,
                "cooperative_id": self.cooperative_id.id,
                "standard_id": self.standard_id.id,
                "kind": "renewal" if self.previous_certificate_id else "initial",
            }
        )
        self._write_workflow({"state": "audit_planned"})
        return {"type": "ir.actions.act_window", "res_model": audit._name, "res_id": audit.id, "view_mode": "form"}

    def _write_workflow(self, vals):
        """Write the workflow fields for the button that checked the move, as a user allowed to
        write these applications."""
        self.check_access("write")
        # sudo: the workflow fields are refused to direct writes (comasec.workflow.mixin); the
        # buttons, after their checks, are their only path
        return self.sudo().write(vals)

    def _on_audit_done(self):
        """The audit of these applications is closed: those waiting for it are audited."""
        self.filtered(lambda a: a.state == "audit_planned")._write_workflow({"state": "audited"})

    def action_send_to_committee(self):
        self._check_state(["audited"], self.env._("Send to the committee"))
        self._write_workflow({"state": "committee"})

    def action_view_audits(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Audits"),
            "res_model": "comasec.label.audit",
            "view_mode": "list,form",
            "domain": [("application_id", "in", self.ids)],
            "context": {"default_application_id": self.id},
        }

    def action_view_nonconformities(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Non-conformities"),
            "res_model": "comasec.label.nonconformity",
            "view_mode": "list,form",
            "domain": [("application_id", "in", self.ids)],
        }

    # committee -----------------------------------------------------------------

    def _current_session(self):
        self.ensure_one()
        if self.state != "committee" or not self.committee_session_id:
            raise UserError(self.env._("Put %s on the agenda of a committee session first.", self.name))
        return self.committee_session_id

    def action_committee_no_conflict(self):
        return self._declare(has_conflict=False)

    def action_committee_conflict(self):
        return self._declare(has_conflict=True)

    def _declare(self, has_conflict):
        """The current member's declaration of interests, confirmed to them and recorded in the history."""
        self.ensure_one()
        declaration = self._current_session()._declare(self, has_conflict=has_conflict)
        # logged, not posted: committee members only read applications, and posting needs write access
        self._message_log(
            body=self.env._("%s declared a conflict of interest and does not vote.", self.env.user.name)
            if has_conflict
            else self.env._("%s declared no conflict of interest.", self.env.user.name)
        )
        return self._reload_with_notice(
            self._my_committee_status(declaration, self.env["comasec.label.committee.vote"])
        )

    def action_vote_for(self):
        return self._cast_vote("for")

    def action_vote_against(self):
        return self._cast_vote("against")

    def action_vote_abstain(self):
        return self._cast_vote("abstain")

    def _cast_vote(self, value):
        """The current member's vote, confirmed to them and recorded in the history."""
        self.ensure_one()
        vote = self._current_session()._vote(self, value)
        label = dict(vote._fields["vote"]._description_selection(self.env))[value]
        self._message_log(body=self.env._("%(user)s voted: %(vote)s.", user=self.env.user.name, vote=label))
        return self._reload_with_notice(
            self.env._("Your vote on %(name)s is recorded: %(vote)s.", name=self.name, vote=label)
        )

    def _reload_with_notice(self, message):
        """Tell the user, then reload the form so that the buttons they used are gone."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "next": {"type": "ir.actions.act_window_close"}},
        }

    def _approval_blockers(self):
        """Non-conformities of this application that prevent approving it."""
        self.ensure_one()
        return self.env["comasec.label.nonconformity"].search(
            [("application_id", "=", self.id), *self.env["comasec.label.nonconformity"]._blocking_domain()]
        )

    def action_decide(self):
        """Record the committee's decision written on the application."""
        for application in self:
            session = application._current_session()
            votes_for, votes_against, votes_abstain = session._tally(application)
            cast = votes_for + votes_against + votes_abstain
            if cast < session.quorum:
                raise UserError(
                    self.env._(
                        "No quorum for %(name)s: %(cast)s votes of members without a conflict of interest, "
                        "%(quorum)s needed.",
                        name=application.name,
                        cast=cast,
                        quorum=session.quorum,
                    )
                )
            if not application.decision:
                raise UserError(self.env._("Choose the decision of the committee on %s.", application.name))
            if not (application.decision_rationale or "").strip() and application.decision != "approved":
                raise UserError(self.env._("Write the rationale of the decision on %s.", application.name))
            if application.decision == "rejected":
                if votes_for > votes_against:
                    raise UserError(self.env._("The committee voted for %s: it cannot be rejected.", application.name))
                continue
            if application.decision == "approved_conditions" and not application.conditions_deadline:
                raise UserError(self.env._("Set the deadline of the conditions on %s.", application.name))
            if votes_for <= votes_against:
                raise UserError(
                    self.env._("The committee did not vote for %s: it cannot be approved.", application.name)
                )
            blockers = application._approval_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be approved: an open critical non-conformity, or a major one without "
                        "an accepted corrective action, remains: %(ncs)s.",
                        name=application.name,
                        ncs=", ".join(blockers.mapped("name")),
                    )
                )
        today = fields.Date.context_today(self)
        rejected = self.filtered(lambda a: a.decision == "rejected")
        approved = self - rejected
        rejected._write_workflow({"state": "rejected", "decision_date": today})
        approved._write_workflow({"state": "approved", "decision_date": today})
        rejected._notify("comasec_label.mail_template_application_rejected")
        approved._notify("comasec_label.mail_template_application_approved")
        approved.filtered(lambda a: a.decision == "approved_conditions")._schedule_conditions_check()

    # conditions of an approval -------------------------------------------------

    def _schedule_conditions_check(self):
        """A to-do for the responsible label manager on the deadline of the conditions."""
        for application in self:
            application.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=application.conditions_deadline,
                summary=self.env._("Check the conditions of the approval are met"),
                note=application.decision_rationale,
                user_id=application.user_id.id or self.env.user.id,
            )

    def action_mark_conditions_met(self):
        """The label manager records that the conditions set by the committee are met."""
        for application in self:
            if application.state != "approved" or application.decision != "approved_conditions":
                raise UserError(self.env._("%s was not approved with conditions.", application.name))
            if application.conditions_met:
                raise UserError(self.env._("The conditions of %s are already marked met.", application.name))
        self._comasec_workflow().write(
            {
                "conditions_met": True,
                "conditions_met_date": fields.Date.context_today(self),
                "conditions_overdue": False,
            }
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        # the check scheduled at approval: the to-do due on the deadline
        checks = self.env["mail.activity"]
        for application in self:
            checks |= application.activity_ids.filtered(
                lambda act, a=application: act.activity_type_id == todo and act.date_deadline == a.conditions_deadline
            )
        checks.action_feedback(feedback=self.env._("Conditions met."))

    @api.model
    def _cron_flag_overdue_conditions(self, batch_size=500):
        """Flag, once, approvals whose conditions are past their deadline and not marked met,
        and say so on their history; re-runs skip what is already flagged."""
        domain = [
            ("state", "=", "approved"),
            ("decision", "=", "approved_conditions"),
            ("conditions_met", "=", False),
            ("conditions_overdue", "=", False),
            ("conditions_deadline", "<", fields.Date.context_today(self)),
        ]
        applications = self.search(domain, limit=batch_size, order="conditions_deadline, id")
        applications._comasec_workflow().write({"conditions_overdue": True})
        applications._message_log_batch(
            bodies={
                a.id: self.env._(
                    "The conditions of the approval were due on %s and are not marked met.", a.conditions_deadline
                )
                for a in applications
            }
        )
        remaining = self.search_count(domain) if len(applications) >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(applications), remaining=remaining)
        return len(applications)

    def action_issue_certificate(self):
        certificates = self.env["comasec.label.certificate"]._issue(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": certificates._name,
            "res_id": certificates[:1].id,
            "view_mode": "form",
        }

    def action_view_certificate(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "comasec.label.certificate",
            "res_id": self.certificate_ids[:1].id,
            "view_mode": "form",
        }
