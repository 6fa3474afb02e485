from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Figures computed from attendance and scores: nobody sets them by hand.
COMPUTED_FIGURES = {"result", "hours_attended", "attendance_rate"}
# What a trainer records on an enrolment; enrolling and the enrolment's details are the
# event users' (Events app) business.
TRAINER_FIELDS = {
    "pre_score",
    "post_score",
    "post_evaluated",
    "pre_user_input_id",
    "post_user_input_id",
    "attendance_ids",
}


class EventRegistration(models.Model):
    _inherit = "event.registration"

    member_id = fields.Many2one("comasec.coop.member", string="Cooperative member", index=True, tracking=True)
    partner_id = fields.Many2one(compute="_compute_partner_id", store=True, readonly=False, precompute=True)
    cooperative_id = fields.Many2one(
        "res.partner",
        string="Cooperative",
        compute="_compute_cooperative_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        domain=[("comasec_is_cooperative", "=", True)],
        help="Taken from the member; set it by hand for a participant who is not a member (e.g. a bookkeeper).",
    )
    gender = fields.Selection(related="member_id.gender", store=True, string="Gender")
    province_id = fields.Many2one(related="cooperative_id.comasec_coop_province_id", store=True, string="Province")
    course_id = fields.Many2one(related="event_id.course_id", store=True, index=True)
    training_kind = fields.Selection(related="event_id.training_kind", store=True)
    attendance_ids = fields.One2many("comasec.training.attendance", "registration_id", string="Attendance")
    hours_attended = fields.Float(compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_attendance",
        store=True,
        aggregator="avg",
        help="Hours present over the session's hours.",
    )
    pre_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Pre-test answers",
        domain="[('survey_id', '=', pre_survey_id), ('state', '=', 'done')]",
    )
    post_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Post-test answers",
        domain="[('survey_id', '=', post_survey_id), ('state', '=', 'done')]",
    )
    pre_survey_id = fields.Many2one(related="event_id.pre_survey_id")
    post_survey_id = fields.Many2one(related="event_id.post_survey_id")
    max_score = fields.Float(related="course_id.max_score")
    pre_score = fields.Float(
        compute="_compute_pre_score", store=True, readonly=False, help="Score out of the course maximum."
    )
    post_score = fields.Float(
        compute="_compute_post_score", store=True, readonly=False, help="Score out of the course maximum."
    )
    post_evaluated = fields.Boolean(
        string="Evaluated",
        compute="_compute_post_score",
        store=True,
        readonly=False,
        help="Set once a post-training score is entered or taken from the survey, even a score of 0.",
    )
    result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed"), ("absent", "Absent")],
        compute="_compute_result",
        store=True,
        index=True,
        tracking=True,
        help="Absent: attended none of the session. Passed: attendance and post score reach the course's "
        "thresholds. Pending: attendance or post score not recorded yet.",
    )
    certificate_ids = fields.One2many("comasec.training.certificate", "registration_id", string="Certificates")

    @api.depends("member_id")
    def _compute_partner_id(self):
        for registration in self:
            if registration.member_id:
                registration.partner_id = registration.member_id.partner_id

    @api.depends("member_id")
    def _compute_cooperative_id(self):
        for registration in self:
            if registration.member_id:
                registration.cooperative_id = registration.member_id.cooperative_id

    @api.constrains("member_id", "event_id", "state")
    def _check_member_enrolled_once(self):
        registrations = self.filtered(lambda r: r.member_id and r.state != "cancel")
        if not registrations:
            return
        groups = self._read_group(
            [
                ("event_id", "in", registrations.event_id.ids),
                ("member_id", "in", registrations.member_id.ids),
                ("state", "!=", "cancel"),
            ],
            ["event_id", "member_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            event, member, _count = groups[0]
            raise ValidationError(
                self.env._(
                    "%(person)s is already enrolled in %(session)s.",
                    person=member.partner_id.name,
                    session=event.name,
                )
            )

    @api.depends("attendance_ids.present", "attendance_ids.day_id.hours", "event_id.hours")
    def _compute_attendance(self):
        for registration in self:
            hours = sum(a.day_id.hours for a in registration.attendance_ids if a.present)
            total = registration.event_id.hours
            registration.hours_attended = hours
            registration.attendance_rate = round(100.0 * hours / total, 2) if total else 0.0

    def action_send_enrolment_confirmation(self):
        template = self.env.ref("comasec_training.event_registration_mail_template_enrolment")
        for registration in self.filtered(lambda r: r.email and r.state != "cancel"):
            registration.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def action_issue_certificate(self):
        """Issues the certificate of each participant who passed and has none yet, and mails it."""
        registrations = self.filtered(lambda r: not r.certificate_ids)
        certificates = self.env["comasec.training.certificate"].create(
            [{"registration_id": registration.id} for registration in registrations]
        )
        template = self.env.ref("comasec_training.comasec_training_certificate_mail_template_issued")
        for certificate in certificates.filtered("partner_id.email"):
            certificate.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return certificates

    @api.depends("pre_user_input_id.scoring_percentage", "course_id.max_score")
    def _compute_pre_score(self):
        for registration in self.filtered("pre_user_input_id"):
            registration.pre_score = score_from_percentage(
                registration.pre_user_input_id.scoring_percentage, registration.course_id.max_score
            )

    @api.depends("post_user_input_id.scoring_percentage", "course_id.max_score")
    def _compute_post_score(self):
        for registration in self.filtered("post_user_input_id"):
            registration.post_score = score_from_percentage(
                registration.post_user_input_id.scoring_percentage, registration.course_id.max_score
            )
            registration.post_evaluated = True

    @api.depends(
        "attendance_ids",
        "hours_attended",
        "attendance_rate",
        "post_score",
        "post_evaluated",
        "course_id.pass_mark",
        "course_id.min_attendance_rate",
    )
    def _compute_result(self):
        for registration in self:
            course = registration.course_id
            registration.result = training_result(
                bool(registration.attendance_ids),
                registration.hours_attended,
                registration.attendance_rate,
                registration.post_score if registration.post_evaluated else None,
                course.min_attendance_rate,
                course.pass_mark,
            )

    @api.constrains("pre_score", "post_score", "course_id")
    def _check_scores(self):
        for registration in self.filtered("course_id"):
            maximum = registration.course_id.max_score
            scores = (
                (self.env._("pre-training"), registration.pre_score),
                (self.env._("post-training"), registration.post_score),
            )
            for label, score in scores:
                if not 0 <= score <= maximum:
                    raise ValidationError(
                        self.env._(
                            "The %(label)s score of %(person)s (%(score)s) must be between 0 and the course "
                            "maximum %(max)s.",
                            label=label,
                            person=registration.name,
                            score=score,
                            max=maximum,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "post_score" in vals and "post_evaluated" not in vals:
                vals["post_evaluated"] = True
        return super().create(vals_list)

    def write(self, vals):
        self._check_writable_fields(vals)
        if "post_score" in vals and "post_evaluated" not in vals:
            vals = dict(vals, post_evaluated=True)
        result = super().write(vals)
        if "event_id" in vals:
            # Record rules are checked before a write: check them again where the enrolment
            # moved to, so a trainer cannot move one out of their session into another.
            self.check_access("write")
        return result

    def _check_writable_fields(self, vals):
        if self.env.su:
            return
        names = {name for name in vals if name in self._fields}
        refused = COMPUTED_FIGURES & names
        if not self.env.user.has_group("event.group_event_user"):
            # mail.thread's own fields (followers, messages) stay open to whoever may post
            refused |= {name for name in names - TRAINER_FIELDS if not name.startswith(("message_", "activity_"))}
        if refused:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of an enrolment: a trainer records scores (and attendance "
                    "through the session), results and rates are computed from them, and the Events team "
                    "manages enrolments.",
                    fields=", ".join(sorted(self._fields[name]._description_string(self.env) for name in refused)),
                )
            )


def score_from_percentage(percentage, max_score):
    """A survey's percentage turned into a score out of the course maximum."""
    return round((percentage or 0.0) * max_score / 100.0, 2)


def training_result(has_attendance, hours_attended, attendance_rate, post_score, min_rate, pass_mark):
    """Result of a participant. ``post_score`` is None when not evaluated yet."""
    if not has_attendance:
        return "pending"
    if not hours_attended:
        return "absent"
    if attendance_rate < min_rate:
        return "failed"
    if post_score is None:
        return "pending"
    return "passed" if post_score >= pass_mark else "failed"
