from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError, ValidationError

VOTES = [("for", "For"), ("against", "Against"), ("abstain", "Abstain")]


class ComasecLabelCommitteeSession(models.Model):
    _name = "comasec.label.committee.session"
    _description = "Label committee session"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin"]
    # opened and closed by the buttons only: a session reopened by hand would take new votes
    _comasec_workflow_fields = ("state",)
    _order = "date desc, id desc"

    name = fields.Char(required=True, default=lambda self: self.env._("Label committee"))
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    member_ids = fields.Many2many(
        "res.users",
        string="Members",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("comasec_coop.comasec_coop_group_committee_member").ids)],
    )
    quorum = fields.Integer(
        required=True,
        default=lambda self: get_param(self.env, "comasec_label.committee_quorum"),
        tracking=True,
        help="Votes (abstentions included) of members without a conflict of interest needed to decide "
        "on an application. Defaults to the setting in Settings > CoMaSec.",
    )
    state = fields.Selection(
        [("draft", "Planned"), ("open", "In session"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    application_ids = fields.One2many("comasec.label.application", "committee_session_id", string="Agenda")
    vote_ids = fields.One2many("comasec.label.committee.vote", "session_id", string="Votes")
    declaration_ids = fields.One2many("comasec.label.conflict.declaration", "session_id", string="Declarations")
    appeal_ids = fields.One2many("comasec.label.complaint", "session_id", string="Appeals")

    _sql_constraints = [("quorum_positive", "check(quorum > 0)", "The quorum must be at least one vote.")]

    def _compute_display_name(self):
        for session in self:
            session.display_name = f"{session.name} {session.date or ''}".strip()

    @api.constrains("member_ids")
    def _check_members(self):
        for session in self:
            outsiders = session.member_ids.filtered(
                lambda u: not u.has_group("comasec_coop.comasec_coop_group_committee_member")
            )
            if outsiders:
                raise ValidationError(
                    self.env._("%s is not a label committee member.", ", ".join(outsiders.mapped("name")))
                )

    def write(self, vals):
        # the votes are counted against the members and quorum the session opened with
        started = self.filtered(lambda s: s.state != "draft")
        if started and {"member_ids", "quorum"} & set(vals) and not self._comasec_in_workflow():
            raise UserError(
                self.env._(
                    "The session %s has started: its members and quorum can no longer change.",
                    started[0].display_name,
                )
            )
        return super().write(vals)

    def _check_label_manager(self, action):
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_label_manager"):
            raise UserError(self.env._("%s: only a label manager runs the committee's sessions.", action))

    def action_open(self):
        self._check_label_manager(self.env._("Open the session"))
        for session in self:
            if session.state != "draft":
                raise UserError(self.env._("The session %s is not planned.", session.display_name))
            if not session.application_ids:
                raise UserError(self.env._("Put at least one application on the agenda of %s.", session.display_name))
        self._comasec_workflow().state = "open"

    def action_close(self):
        self._check_label_manager(self.env._("Close the session"))
        self._comasec_workflow().state = "closed"

    def _check_sitting(self, application, user):
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("The session %s is not in session.", self.display_name))
        if user not in self.member_ids:
            raise UserError(self.env._("%s does not sit in this committee session.", user.name))
        if application not in self.application_ids:
            raise UserError(self.env._("%s is not on the agenda of this session.", application.name))

    def _declare(self, application, has_conflict, note=False):
        """The current user declares their interests for ``application``."""
        self.ensure_one()
        user = self.env.user
        self._check_sitting(application, user)
        if self.declaration_ids.filtered(lambda d: d.user_id == user and d.application_id == application):
            raise UserError(
                self.env._(
                    "You already declared your interests for %(name)s in this session: %(status)s",
                    name=application.name,
                    status=application.with_env(self.env).my_committee_status,
                )
            )
        # a declaration of no conflict by a member or contact of the cooperative is refused by
        # the declaration's own check
        return self.env["comasec.label.conflict.declaration"].create(
            {
                "session_id": self.id,
                "application_id": application.id,
                "user_id": user.id,
                "cooperative_id": application.cooperative_id.id,
                "has_conflict": has_conflict,
                "note": note,
            }
        )

    def _vote(self, application, vote):
        """The current user votes on ``application``: once, after declaring no conflict."""
        self.ensure_one()
        return self.env["comasec.label.committee.vote"].create(
            {"session_id": self.id, "application_id": application.id, "user_id": self.env.user.id, "vote": vote}
        )

    def _tally(self, application):
        """(for, against, abstain) votes on ``application`` in this session."""
        self.ensure_one()
        votes = self.vote_ids.filtered(lambda v: v.application_id == application)
        return tuple(len(votes.filtered(lambda v, key=key: v.vote == key)) for key, _label in VOTES)
