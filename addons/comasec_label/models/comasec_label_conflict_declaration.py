from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# a declaration is made once, by the declaring person's button, and then stands as made
# (its note may be completed)
DECLARED_FIELDS = (
    "user_id",
    "cooperative_id",
    "audit_id",
    "session_id",
    "application_id",
    "has_conflict",
    "declaration_date",
)


class ComasecLabelConflictDeclaration(models.Model):
    _name = "comasec.label.conflict.declaration"
    _description = "Conflict of interest declaration"
    _order = "id desc"
    _inherit = ["comasec.workflow.mixin"]
    # the date on create and on write; the rest of the declaration on write (see write)
    _comasec_workflow_fields = ("declaration_date",)

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    cooperative_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    audit_id = fields.Many2one("comasec.label.audit", index=True, ondelete="cascade")
    session_id = fields.Many2one("comasec.label.committee.session", index=True, ondelete="cascade")
    application_id = fields.Many2one("comasec.label.application", index=True, ondelete="cascade")
    has_conflict = fields.Boolean(string="Conflict of interest")
    note = fields.Text()
    declaration_date = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        ("audit_unique", "unique(audit_id, user_id)", "You already declared your interests for this audit."),
        (
            "session_unique",
            "unique(session_id, application_id, user_id)",
            "You already declared your interests for this application in this session.",
        ),
    ]

    def write(self, vals):
        self._check_comasec_workflow_fields(vals, DECLARED_FIELDS)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_declared(self):
        # a deleted conflict would let its member declare no conflict and vote
        if not self.env.su:
            raise UserError(self.env._("A declaration of interests stays on record: it cannot be deleted."))

    @api.constrains("user_id", "cooperative_id", "audit_id", "session_id", "application_id", "has_conflict")
    def _check_declaration(self):
        """Checked here, not only in the buttons that declare, because auditors and committee
        members may create declarations directly (RPC, import)."""
        found = self._find_conflicts_many([(d.cooperative_id, d.user_id.partner_id) for d in self])
        for declaration, conflicts in zip(self, found, strict=True):
            subject = declaration.audit_id or declaration.application_id
            if not subject or (declaration.application_id and not declaration.session_id):
                raise ValidationError(
                    self.env._("Declare your interests for an audit, or for an application in a committee session.")
                )
            if subject.cooperative_id != declaration.cooperative_id:
                raise ValidationError(
                    self.env._(
                        "%(subject)s concerns %(coop)s, not %(other)s: declare your interests for its cooperative.",
                        subject=subject.display_name,
                        coop=subject.cooperative_id.name,
                        other=declaration.cooperative_id.name,
                    )
                )
            if declaration.audit_id and declaration.user_id not in declaration.audit_id.auditor_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an auditor of %(audit)s: only its auditors declare their interests for it.",
                        user=declaration.user_id.name,
                        audit=declaration.audit_id.name,
                    )
                )
            if declaration.session_id and declaration.user_id not in declaration.session_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not sit in the committee session %(session)s.",
                        user=declaration.user_id.name,
                        session=declaration.session_id.display_name,
                    )
                )
            # the one check of a declaration of no conflict against the known links: the
            # committee's and the auditors' buttons create the declaration and rely on it
            if not declaration.has_conflict and conflicts:
                reason = conflicts[declaration.user_id.partner_id]
                raise ValidationError(
                    self.env._("Declaration refused: %s You cannot audit this cooperative.", reason)
                    if declaration.audit_id
                    else self.env._("Declaration refused: %s Declare the conflict of interest instead.", reason)
                )

    @api.model
    def _find_conflicts(self, cooperative, partners):
        """Known links of ``partners`` with ``cooperative``, as {partner: reason}: being one of
        its members or one of its contacts. A declaration of no conflict is refused for them."""
        return self._find_conflicts_many([(cooperative, partners)])[0]

    @api.model
    def _find_conflicts_many(self, pairs):
        """``_find_conflicts`` for a list of ``(cooperative, partners)``, with one query."""
        all_partners = self.env["res.partner"].union(*(partners for _coop, partners in pairs))
        members = self.env["comasec.coop.member"]
        if all_partners:
            members = members.search(
                [
                    ("cooperative_id", "in", [coop.id for coop, _partners in pairs]),
                    ("partner_id", "in", all_partners.ids),
                    ("state", "=", "active"),
                ]
            )
        results = []
        for cooperative, partners in pairs:
            conflicts = {}
            for member in members.filtered(
                lambda m, c=cooperative, p=partners: m.cooperative_id == c and m.partner_id in p
            ):
                conflicts[member.partner_id] = self.env._(
                    "%(person)s is a member of %(coop)s.", person=member.partner_id.name, coop=cooperative.name
                )
            for partner in partners:
                if partner not in conflicts and partner.commercial_partner_id == cooperative:
                    conflicts[partner] = self.env._(
                        "%(person)s is a contact of %(coop)s.", person=partner.name, coop=cooperative.name
                    )
            results.append(conflicts)
        return results

    @api.model
    def _find_appeal_conflicts(self, application, users):
        """{partner: reason} for ``users`` who may not hear the appeal of the committee's
        decision on ``application``: the links of _find_conflicts with its cooperative, a
        conflict they declared with it, or a vote on the decision appealed."""
        cooperative = application.cooperative_id
        conflicts = self._find_conflicts(cooperative, users.partner_id)
        declared = self.search(
            [("cooperative_id", "=", cooperative.id), ("user_id", "in", users.ids), ("has_conflict", "=", True)]
        )
        for user in declared.user_id:
            conflicts.setdefault(
                user.partner_id,
                self.env._(
                    "%(person)s declared a conflict of interest with %(coop)s.", person=user.name, coop=cooperative.name
                ),
            )
        for user in application.vote_ids.user_id & users:
            conflicts.setdefault(
                user.partner_id,
                self.env._(
                    "%(person)s voted on the decision appealed (%(application)s).",
                    person=user.name,
                    application=application.name,
                ),
            )
        return conflicts
