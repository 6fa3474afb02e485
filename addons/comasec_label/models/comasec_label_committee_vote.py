from odoo import api, fields, models
from odoo.exceptions import UserError

from .comasec_label_committee_session import VOTES


class ComasecLabelCommitteeVote(models.Model):
    _name = "comasec.label.committee.vote"
    _description = "Label committee vote"
    _order = "session_id, application_id, id"

    session_id = fields.Many2one("comasec.label.committee.session", required=True, index=True, ondelete="cascade")
    application_id = fields.Many2one("comasec.label.application", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="restrict")
    vote = fields.Selection(VOTES, required=True)

    _sql_constraints = [
        (
            "vote_unique",
            "unique(session_id, application_id, user_id)",
            "A committee member votes only once per application and session.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # checked before the insert so that the member reads why, not a database error
        for vals in vals_list:
            self._check_can_vote(
                self.env["comasec.label.committee.session"].browse(vals["session_id"]),
                self.env["comasec.label.application"].browse(vals["application_id"]),
                self.env["res.users"].browse(vals["user_id"]),
            )
        return super().create(vals_list)

    @api.model
    def _check_can_vote(self, session, application, user):
        session._check_sitting(application, user)
        if session.vote_ids.filtered(lambda v: v.user_id == user and v.application_id == application):
            raise UserError(
                self.env._(
                    "%(user)s already voted on %(application)s in this session: a vote is cast once.",
                    user=user.name,
                    application=application.name,
                )
            )
        declaration = session.declaration_ids.filtered(lambda d: d.user_id == user and d.application_id == application)
        if not declaration:
            raise UserError(
                self.env._("Declare your interests in %s before voting on it.", application.cooperative_id.name)
            )
        if declaration.has_conflict:
            raise UserError(
                self.env._(
                    "%(user)s declared a conflict of interest with %(coop)s and cannot vote on it.",
                    user=user.name,
                    coop=application.cooperative_id.name,
                )
            )

    def write(self, vals):
        if {"session_id", "application_id", "user_id", "vote"} & set(vals):
            raise UserError(self.env._("A vote cannot be changed once cast."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cast(self):
        # the label manager's access to delete serves sessions deleted with their votes, not
        # a vote taken away from the tally
        if not self.env.su:
            raise UserError(self.env._("A vote cast stays on record: it cannot be deleted."))
