from datetime import timedelta

from markupsafe import escape

from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.addons.comasec_coop.tools.dates import date_out_of_range
from odoo.exceptions import UserError, ValidationError

from ..tools.sampling import draw_sample

RESULTS = [
    ("conform", "Conform"),
    ("minor", "Minor non-conformity"),
    ("major", "Major non-conformity"),
    ("critical", "Critical non-conformity"),
    ("not_applicable", "Not applicable"),
]
# share of the weight a result earns in the score
RESULT_CREDIT = {"conform": 1.0, "minor": 0.5, "major": 0.0, "critical": 0.0}
FAILING = ("minor", "major", "critical")
# set only by the audit's methods (and its checklist, for the score): an auditor's result is
# what the checklist, the declarations and the non-conformities made of it
WORKFLOW_FIELDS = (
    "name",
    "state",
    "score",
    "failing_count",
    "declaration_ids",
    "nonconformity_ids",
    "sample_ids",
    "sample_drawn_date",
    "sample_drawn_by_id",
    "followup_nonconformity_ids",
)


def audit_score(lines):
    """Weighted score 0-100 of ``(weight, result)`` pairs; not applicable and
    not yet evaluated lines do not count."""
    scored = [(weight, RESULT_CREDIT[result]) for weight, result in lines if result in RESULT_CREDIT]
    total = sum(weight for weight, _credit in scored)
    if not total:
        return 0.0
    return round(100.0 * sum(weight * credit for weight, credit in scored) / total, 2)


class ComasecLabelAudit(models.Model):
    _name = "comasec.label.audit"
    _description = "Label audit"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.cooperative.mixin", "comasec.workflow.mixin"]
    _comasec_workflow_fields = WORKFLOW_FIELDS
    _order = "date desc, id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    application_id = fields.Many2one("comasec.label.application", index=True, tracking=True, ondelete="restrict")
    certificate_id = fields.Many2one(
        "comasec.label.certificate",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Certificate under surveillance (surveillance and unannounced audits).",
    )
    cooperative_id = fields.Many2one(tracking=True)
    standard_id = fields.Many2one("comasec.label.standard", required=True, string="Standard")
    kind = fields.Selection(
        [
            ("initial", "Initial"),
            ("surveillance", "Surveillance"),
            ("renewal", "Renewal"),
            ("unannounced", "Unannounced"),
        ],
        required=True,
        default="initial",
        tracking=True,
    )
    date = fields.Date(required=True, tracking=True, default=fields.Date.context_today, index=True)
    auditor_ids = fields.Many2many(
        "res.users",
        string="Auditors",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("comasec_coop.comasec_coop_group_label_auditor").ids)],
    )
    external_auditor_ids = fields.Many2many(
        "res.partner", "comasec_label_audit_external_rel", string="External auditors", tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("comasec.label.audit.line", "audit_id", string="Checklist")
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg", tracking=True)
    failing_count = fields.Integer(compute="_compute_score", store=True)
    member_ids = fields.Many2many(
        "comasec.coop.member",
        string="Members visited",
        domain="[('cooperative_id', '=', cooperative_id)]",
        help="Sample of the cooperative's producers met during the audit.",
    )
    declaration_ids = fields.One2many("comasec.label.conflict.declaration", "audit_id", string="Declarations")
    nonconformity_ids = fields.One2many("comasec.label.nonconformity", "audit_id", string="Non-conformities")
    summary = fields.Html(help="Conclusion of the auditors, printed in the report.")
    # internal control system: read from the internal inspections of the audit's year
    producing_member_count = fields.Integer(
        compute="_compute_internal_control", help="Members of the cooperative on the audit's date."
    )
    ics_required = fields.Boolean(
        string="Internal control system",
        compute="_compute_internal_control",
        help="The cooperative has enough producing members for the standard to require an internal "
        "control system (Settings); the audit then visits a random sample of them.",
    )
    ics_inspected_count = fields.Integer(string="Members inspected internally", compute="_compute_internal_control")
    ics_missing_member_ids = fields.Many2many(
        "comasec.coop.member",
        string="Members without an internal inspection",
        compute="_compute_internal_control",
        help="Producing members with no internal inspection recorded in the audit's year.",
    )
    followup_nonconformity_ids = fields.One2many(
        "comasec.label.nonconformity",
        "effectiveness_audit_id",
        string="Effectiveness checks",
        help="Non-conformities closed since the cooperative's previous audit: this audit checks that the "
        "correction lasted.",
    )
    sample_ids = fields.One2many("comasec.label.audit.sample", "audit_id", string="Sample")
    sample_drawn_date = fields.Datetime(string="Sample drawn on", readonly=True, copy=False)
    sample_drawn_by_id = fields.Many2one("res.users", string="Sample drawn by", readonly=True, copy=False)

    @api.depends("line_ids.result", "line_ids.weight")
    def _compute_score(self):
        for audit in self:
            audit.score = audit_score([(line.weight, line.result) for line in audit.line_ids])
            audit.failing_count = len(audit.line_ids.filtered(lambda line: line.result in FAILING))

    @api.depends("cooperative_id", "date")
    def _compute_internal_control(self):
        threshold = get_param(self.env, "comasec_label.ics_min_members")
        for audit in self:
            members = audit._producing_members()
            inspected = self.env["comasec.label.internal.inspection"].search(
                [("member_id", "in", members.ids), ("year", "=", audit.date.year)]
            )
            audit.producing_member_count = len(members)
            # 0 in Settings: no cooperative is required an internal control system
            audit.ics_required = bool(threshold) and len(members) >= threshold
            audit.ics_inspected_count = len(inspected)
            audit.ics_missing_member_ids = members - inspected.member_id

    def _producing_members(self):
        """The cooperative's members on the audit's date: those the internal control inspects."""
        self.ensure_one()
        if not (self.cooperative_id and self.date):
            return self.env["comasec.coop.member"]
        return self.env["comasec.coop.member"].search(
            [
                ("cooperative_id", "=", self.cooperative_id.id),
                ("join_date", "<=", self.date),
                "|",
                ("exit_date", "=", False),
                ("exit_date", ">", self.date),
            ]
        )

    def _comasec_workflow_create_values(self, vals_list):
        self.env["ir.sequence"]._comasec_number_new("comasec.label.audit", vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        audits = super().create(vals_list)
        audits._generate_lines()
        # an unannounced audit is, by definition, not announced to the cooperative
        self.env.ref("comasec_label.mail_template_audit_planned")._comasec_send_batch(
            audits.filtered(lambda a: a.kind != "unannounced")
        )
        return audits

    def _generate_lines(self):
        """Checklist: the criteria of the standard that apply to the cooperative's sectors."""
        vals_list = []
        for audit in self.filtered(lambda a: not a.line_ids):
            criteria = audit.standard_id._criteria_for_sectors(audit.cooperative_id.comasec_coop_sector_ids)
            # the stored related fields given from the criterion, not computed line by line
            vals_list += [
                {
                    "audit_id": audit.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "section": criterion.section,
                    "weight": criterion.weight,
                }
                for criterion in criteria
            ]
        self.env["comasec.label.audit.line"].create(vals_list)

    @api.constrains("auditor_ids", "external_auditor_ids", "cooperative_id")
    def _check_auditors(self):
        pairs = [(audit.cooperative_id, audit.external_auditor_ids | audit.auditor_ids.partner_id) for audit in self]
        found = self.env["comasec.label.conflict.declaration"]._find_conflicts_many(pairs)
        for audit, conflicts in zip(self, found, strict=True):
            not_auditors = audit.auditor_ids.filtered(
                lambda u: not u.has_group("comasec_coop.comasec_coop_group_label_auditor")
            )
            if not_auditors:
                raise ValidationError(self.env._("%s is not a label auditor.", ", ".join(not_auditors.mapped("name"))))
            if conflicts:
                raise ValidationError(self.env._("Choose another auditor: %s", " ".join(conflicts.values())))

    @api.constrains("date")
    def _check_date(self):
        latest = fields.Date.context_today(self) + timedelta(days=366)
        for audit in self:
            if date_out_of_range(audit.date, 1900, latest):
                raise ValidationError(
                    self.env._(
                        "The date of the audit %(audit)s (%(date)s) must be between 1900 and one year from today.",
                        audit=audit.name,
                        date=audit.date,
                    )
                )

    # workflow --------------------------------------------------------------

    def action_declare_no_conflict(self):
        """The current auditor declares no conflict of interest with the audited cooperative."""
        self.ensure_one()
        user = self.env.user
        if user not in self.auditor_ids:
            raise UserError(self.env._("Only the auditors of %s declare their interests for it.", self.name))
        if self.declaration_ids.filtered(lambda d: d.user_id == user):
            return True
        # refused by the declaration's own check if the auditor is a member or contact of the cooperative
        self.env["comasec.label.conflict.declaration"].create(
            {"audit_id": self.id, "user_id": user.id, "cooperative_id": self.cooperative_id.id, "has_conflict": False}
        )
        # logged, not posted: a note needs no sender's email address, which an auditor may not have
        self._message_log(body=self.env._("%s declared no conflict of interest.", user.name))
        return True

    def action_draw_sample(self):
        """Draw at random, once, the members the audit visits: the square root of the producing
        members, rounded up. Recorded with who drew it and when; never drawn again, so the
        members visited cannot be chosen by drawing until the sample suits."""
        self.ensure_one()
        if self.state not in ("planned", "in_progress"):
            raise UserError(self.env._("Draw the sample of %s before closing it.", self.name))
        if self.sample_drawn_date:
            raise UserError(
                self.env._(
                    "The sample of %(audit)s was drawn on %(date)s by %(user)s; it is not drawn again.",
                    audit=self.name,
                    date=self.sample_drawn_date,
                    user=self.sample_drawn_by_id.name,
                )
            )
        members = self._producing_members()
        if not members:
            raise UserError(self.env._("%s has no members to sample on the audit's date.", self.cooperative_id.name))
        self.check_access("write")
        sample = self.env["comasec.coop.member"].browse(draw_sample(members.ids))
        inspections = self.env["comasec.label.internal.inspection"].search(
            [("member_id", "in", sample.ids), ("year", "=", self.date.year)]
        )
        by_member = {inspection.member_id.id: inspection.id for inspection in inspections}
        # sudo: the sample and its record are protected from direct writes (WORKFLOW_FIELDS);
        # this is the audit's own draw, for a user just checked to have write access to it
        self.sudo().write(
            {
                "sample_ids": [
                    fields.Command.create({"member_id": member.id, "inspection_id": by_member.get(member.id)})
                    for member in sample
                ],
                "sample_drawn_date": fields.Datetime.now(),
                "sample_drawn_by_id": self.env.user.id,
                "member_ids": [fields.Command.link(member.id) for member in sample],
            }
        )
        self._message_log(
            body=escape(
                self.env._(
                    "Sample drawn at random by %(user)s: %(count)s of %(total)s members: %(members)s.",
                    user=self.env.user.name,
                    count=len(sample),
                    total=len(members),
                    members=", ".join(sample.mapped("display_name")),
                )
            )
        )
        return True

    def action_start(self):
        for audit in self:
            if audit.state != "planned":
                raise UserError(self.env._("The audit %s is not planned.", audit.name))
            if not audit.auditor_ids:
                raise UserError(self.env._("Assign at least one auditor to %s.", audit.name))
            missing = audit.auditor_ids - audit.declaration_ids.filtered(lambda d: not d.has_conflict).user_id
            if missing:
                raise UserError(
                    self.env._(
                        "Before auditing, each auditor declares no conflict of interest; missing: %s.",
                        ", ".join(missing.mapped("name")),
                    )
                )
        self._set_state("in_progress")
        self._link_effectiveness_checks()

    def _link_effectiveness_checks(self):
        """The cooperative's non-conformities closed and not yet checked become this audit's
        effectiveness checks (the next audit after their closure)."""
        for audit in self:
            ncs = self.env["comasec.label.nonconformity"].search(
                [
                    ("cooperative_id", "=", audit.cooperative_id.id),
                    ("state", "=", "closed"),
                    ("effectiveness", "=", False),
                    ("effectiveness_audit_id", "=", False),
                    ("audit_id", "!=", audit.id),
                ]
            )
            # sudo: an auditor may not write non-conformities of other audits; the link is set
            # by the start of their own audit (its write access checked by _set_state)
            ncs.sudo().effectiveness_audit_id = audit

    def action_done(self):
        nc_vals = []
        for audit in self:
            if audit.state != "in_progress":
                raise UserError(self.env._("The audit %s is not in progress.", audit.name))
            open_lines = audit.line_ids.filtered(lambda line: not line.result)
            if open_lines:
                raise UserError(
                    self.env._(
                        "Evaluate every line of the checklist of %(audit)s; missing: %(codes)s.",
                        audit=audit.name,
                        codes=", ".join(open_lines.mapped("code")),
                    )
                )
            audit._check_sample()
            unchecked = audit.followup_nonconformity_ids.filtered(lambda nc: not nc.effectiveness)
            if unchecked:
                raise UserError(
                    self.env._(
                        "Check whether the corrections lasted before closing %(audit)s: %(ncs)s.",
                        audit=audit.name,
                        ncs=", ".join(unchecked.mapped("name")),
                    )
                )
            nc_vals += audit._nonconformity_vals()
        self.env["comasec.label.nonconformity"].create(nc_vals)
        self._set_state("done")
        # sudo: an auditor may not edit applications nor certificates; closing the audit they
        # are assigned to (checked by the write on the audit above) moves its application to
        # the next step and updates the surveillance of its certificate, nothing else.
        self.application_id.sudo()._on_audit_done()
        self.certificate_id.sudo()._on_audit_done(self.sudo())

    def _check_sample(self):
        """An audit of an internal control system visits its random sample and says, for each
        member drawn, whether what it saw confirms the internal inspection."""
        self.ensure_one()
        if not self.ics_required and not self.sample_ids:
            return
        if not self.sample_ids:
            raise UserError(
                self.env._(
                    "%(cooperative)s has %(count)s producing members: draw the sample of members to visit "
                    "before closing %(audit)s.",
                    cooperative=self.cooperative_id.name,
                    count=self.producing_member_count,
                    audit=self.name,
                )
            )
        missing = self.sample_ids.filtered(lambda sample: not sample.external_result)
        if missing:
            raise UserError(
                self.env._(
                    "Record what you found for each member sampled by %(audit)s; missing: %(members)s.",
                    audit=self.name,
                    members=", ".join(missing.member_id.mapped("display_name")),
                )
            )

    def _nonconformity_vals(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        delays = {severity: get_param(self.env, f"comasec_label.nc_due_days_{severity}") for severity in FAILING}
        return [
            {
                "audit_id": self.id,
                "audit_line_id": line.id,
                "criterion_id": line.criterion_id.id,
                "severity": line.result,
                "finding": line.comment or line.criterion_id.requirement,
                "due_date": fields.Date.add(today, days=delays[line.result]),
            }
            for line in self.line_ids
            if line.result in FAILING
        ]

    def action_cancel(self):
        self.filtered(lambda a: a.state != "done")._set_state("cancelled")

    def action_print_report(self):
        return self.env.ref("comasec_label.comasec_label_audit_report").report_action(self)

    def _set_state(self, state):
        """The only way to a new status, for the methods above once they checked it may change:
        the user must be allowed to edit these audits (record rules), the protected write is sudo."""
        self.check_access("write")
        # sudo: the status is protected from direct writes (WORKFLOW_FIELDS); this is the audit's
        # own method writing it, for a user just checked to have write access to the audits
        self.sudo().state = state

    def write(self, vals):
        if "line_ids" in vals or set(vals) & {"cooperative_id", "standard_id"}:
            if self.filtered(lambda a: a.state in ("done", "cancelled")):
                raise UserError(self.env._("A closed audit cannot be changed."))
        return super().write(vals)
