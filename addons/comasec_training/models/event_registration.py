from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Figures computed from attendance and scores: nobody sets them by hand.
COMPUTED_FIGURES = {"comasec_result", "comasec_hours_attended", "comasec_attendance_rate"}
# What a trainer records on an enrolment; enrolling and the enrolment's details are the
# event users' (Events app) business.
TRAINER_FIELDS = {
    "comasec_pre_score",
    "comasec_post_score",
    "comasec_post_evaluated",
    "comasec_pre_user_input_id",
    "comasec_post_user_input_id",
    "comasec_attendance_ids",
}


class EventRegistration(models.Model):
    _inherit = "event.registration"

    comasec_member_id = fields.Many2one("comasec.coop.member", string="Cooperative member", index=True, tracking=True)
    partner_id = fields.Many2one(compute="_compute_partner_id", store=True, readonly=False, precompute=True)
    comasec_cooperative_id = fields.Many2one(
        "res.partner",
        string="Cooperative",
        compute="_compute_comasec_cooperative_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        domain=[("comasec_is_cooperative", "=", True)],
        help="Taken from the member; set it by hand for a participant who is not a member (e.g. a bookkeeper).",
    )
    comasec_gender = fields.Selection(related="comasec_member_id.gender", store=True, string="Gender")
    comasec_province_id = fields.Many2one(
        related="comasec_cooperative_id.comasec_coop_province_id", store=True, string="Province"
    )
    comasec_course_id = fields.Many2one(related="event_id.comasec_course_id", store=True, index=True)
    comasec_training_kind = fields.Selection(related="event_id.comasec_training_kind", store=True)
    comasec_attendance_ids = fields.One2many("comasec.training.attendance", "registration_id", string="Attendance")
    comasec_hours_attended = fields.Float(string="Hours Attended", compute="_compute_comasec_attendance", store=True)
    comasec_attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_comasec_attendance",
        store=True,
        aggregator="avg",
        help="Hours present over the session's hours.",
    )
    comasec_pre_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Pre-test answers",
        domain="[('survey_id', '=', comasec_pre_survey_id), ('state', '=', 'done')]",
    )
    comasec_post_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Post-test answers",
        domain="[('survey_id', '=', comasec_post_survey_id), ('state', '=', 'done')]",
    )
    comasec_pre_survey_id = fields.Many2one(related="event_id.comasec_pre_survey_id")
    comasec_post_survey_id = fields.Many2one(related="event_id.comasec_post_survey_id")
    comasec_max_score = fields.Float(related="comasec_course_id.max_score")
    comasec_pre_score = fields.Float(
        string="Pre Score",
        compute="_compute_comasec_pre_score",
        store=True,
        readonly=False,
        help="Score out of the course maximum.",
    )
    comasec_post_score = fields.Float(
        string="Post Score",
        compute="_compute_comasec_post_score",
        store=True,
        readonly=False,
        help="Score out of the course maximum.",
    )
    comasec_post_evaluated = fields.Boolean(
        string="Evaluated",
        compute="_compute_comasec_post_score",
        store=True,
        readonly=False,
        help="Set once a post-training score is entered or taken from the survey, even a score of 0.",
    )
    comasec_result = fields.Selection(
        selection=[("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed"), ("absent", "Absent")],
        string="Result",
        compute="_compute_comasec_result",
        store=True,
        index=True,
        tracking=True,
        help="Absent: attended none of the session. Passed: attendance and post score reach the course's "
        "thresholds. Pending: attendance or post score not recorded yet.",
    )
    comasec_certificate_ids = fields.One2many("comasec.training.certificate", "registration_id", string="Certificates")

    @api.depends("comasec_member_id")
    def _compute_partner_id(self):
        for registration in self:
            if registration.comasec_member_id:
                registration.partner_id = registration.comasec_member_id.partner_id

    @api.depends("comasec_member_id")
    def _compute_comasec_cooperative_id(self):
        for registration in self:
            if registration.comasec_member_id:
                registration.comasec_cooperative_id = registration.comasec_member_id.cooperative_id

    @api.constrains("comasec_member_id", "event_id", "state")
    def _check_comasec_member_enrolled_once(self):
        registrations = self.filtered(lambda r: r.comasec_member_id and r.state != "cancel")
        if not registrations:
            return
        groups = self._read_group(
            [
                ("event_id", "in", registrations.event_id.ids),
                ("comasec_member_id", "in", registrations.comasec_member_id.ids),
                ("state", "!=", "cancel"),
            ],
            ["event_id", "comasec_member_id"],
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

    @api.depends("comasec_attendance_ids.present", "comasec_attendance_ids.day_id.hours", "event_id.comasec_hours")
    def _compute_comasec_attendance(self):
        for registration in self:
            hours = sum(a.day_id.hours for a in registration.comasec_attendance_ids if a.present)
            total = registration.event_id.comasec_hours
            registration.comasec_hours_attended = hours
            registration.comasec_attendance_rate = round(100.0 * hours / total, 2) if total else 0.0

    def action_send_enrolment_confirmation(self):
        template = self.env.ref("comasec_training.event_registration_mail_template_enrolment")
        for registration in self.filtered(lambda r: r.email and r.state != "cancel"):
            registration.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def action_issue_certificate(self):
        """Issues the certificate of each participant who passed and has none yet, and mails it."""
        registrations = self.filtered(lambda r: not r.comasec_certificate_ids)
        certificates = self.env["comasec.training.certificate"].create(
            [{"registration_id": registration.id} for registration in registrations]
        )
        template = self.env.ref("comasec_training.comasec_training_certificate_mail_template_issued")
        for certificate in certificates.filtered("partner_id.email"):
            certificate.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return certificates

    @api.depends("comasec_pre_user_input_id.scoring_percentage", "comasec_course_id.max_score")
    def _compute_comasec_pre_score(self):
        for registration in self.filtered("comasec_pre_user_input_id"):
            registration.comasec_pre_score = score_from_percentage(
                registration.comasec_pre_user_input_id.scoring_percentage, registration.comasec_course_id.max_score
            )

    @api.depends("comasec_post_user_input_id.scoring_percentage", "comasec_course_id.max_score")
    def _compute_comasec_post_score(self):
        for registration in self.filtered("comasec_post_user_input_id"):
            registration.comasec_post_score = score_from_percentage(
                registration.comasec_post_user_input_id.scoring_percentage, registration.comasec_course_id.max_score
            )
            registration.comasec_post_evaluated = True

    @api.depends(
        "comasec_attendance_ids",
        "comasec_hours_attended",
        "comasec_attendance_rate",
        "comasec_post_score",
        "comasec_post_evaluated",
        "comasec_course_id.pass_mark",
        "comasec_course_id.min_attendance_rate",
    )
    def _compute_comasec_result(self):
        for registration in self:
            course = registration.comasec_course_id
            registration.comasec_result = training_result(
                bool(registration.comasec_attendance_ids),
                registration.comasec_hours_attended,
                registration.comasec_attendance_rate,
                registration.comasec_post_score if registration.comasec_post_evaluated else None,
                course.min_attendance_rate,
                course.pass_mark,
            )

    @api.constrains("comasec_pre_score", "comasec_post_score", "comasec_course_id")
    def _check_comasec_scores(self):
        for registration in self.filtered("comasec_course_id"):
            maximum = registration.comasec_course_id.max_score
            scores = (
                (self.env._("pre-training"), registration.comasec_pre_score),
                (self.env._("post-training"), registration.comasec_post_score),
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
            if "comasec_post_score" in vals and "comasec_post_evaluated" not in vals:
                vals["comasec_post_evaluated"] = True
        return super().create(vals_list)

    def write(self, vals):
        self._check_comasec_writable_fields(vals)
        if "comasec_post_score" in vals and "comasec_post_evaluated" not in vals:
            vals = dict(vals, comasec_post_evaluated=True)
        result = super().write(vals)
        if "event_id" in vals:
            # Record rules are checked before a write: check them again where the enrolment
            # moved to, so a trainer cannot move one out of their session into another.
            self.check_access("write")
        return result

    def _check_comasec_writable_fields(self, vals):
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
