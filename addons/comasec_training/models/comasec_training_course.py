from odoo import api, fields, models
from odoo.exceptions import ValidationError

THEMES = [
    ("accounting", "Accounting"),
    ("hygiene", "Hygiene and safety"),
    ("governance", "Governance"),
    ("marketing", "Marketing"),
    ("quality", "Quality and label"),
    ("other", "Other"),
]


class ComasecTrainingCourse(models.Model):
    _name = "comasec.training.course"
    _description = "Training course"
    _inherit = ["mail.thread"]
    _order = "theme, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(tracking=True)
    theme = fields.Selection(THEMES, required=True, default="other", tracking=True, index=True)
    objectives = fields.Text(translate=True)
    prerequisites = fields.Text(translate=True)
    duration_hours = fields.Float(string="Duration (hours)", required=True, default=6.0, tracking=True)
    audience = fields.Selection(
        [("members", "Members"), ("bookkeepers", "Bookkeepers"), ("board", "Board members")],
        required=True,
        default="members",
        tracking=True,
    )
    max_score = fields.Float(
        string="Maximum score", required=True, default=20.0, tracking=True, help="Scores are entered out of this."
    )
    pass_mark = fields.Float(
        required=True, default=10.0, tracking=True, help="Minimum post-training score (out of the maximum) to pass."
    )
    min_attendance_rate = fields.Float(
        string="Minimum attendance (%)",
        required=True,
        default=80.0,
        tracking=True,
        help="Share of the session's half-days a participant must attend to get a certificate.",
    )
    certificate_validity_months = fields.Integer(
        string="Certificate validity (months)", tracking=True, help="Leave empty when the certificate does not expire."
    )
    rule_ids = fields.Many2many(
        "comasec.compliance.rule",
        string="Compliance rules addressed",
        help="A cooperative failing one of these rules in its latest review needs this course.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("duration_positive", "CHECK(duration_hours > 0)", "A course lasts more than 0 hours."),
        ("max_score_positive", "CHECK(max_score > 0)", "The maximum score must be above 0."),
        (
            "attendance_rate_range",
            "CHECK(min_attendance_rate >= 0 AND min_attendance_rate <= 100)",
            "The minimum attendance is a percentage between 0 and 100.",
        ),
        ("validity_positive", "CHECK(certificate_validity_months >= 0)", "The validity cannot be negative."),
    ]

    @api.constrains("pass_mark", "max_score")
    def _check_pass_mark(self):
        for course in self:
            if not 0 <= course.pass_mark <= course.max_score:
                raise ValidationError(
                    self.env._(
                        "The pass mark of %(course)s must be between 0 and the maximum score %(max)s.",
                        course=course.name,
                        max=course.max_score,
                    )
                )

    session_ids = fields.One2many("event.event", "comasec_course_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")

    def _compute_session_count(self):
        counts = dict(
            self.env["event.event"]._read_group(
                [("comasec_course_id", "in", self.ids)], ["comasec_course_id"], ["__count"]
            )
        )
        for course in self:
            course.session_count = counts.get(course, 0)

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.event_event_action_training")
        action["domain"] = [("comasec_course_id", "=", self.id)]
        action["context"] = {
            "default_comasec_course_id": self.id,
            "default_comasec_training_kind": "course",
            "default_address_id": False,
        }
        return action
