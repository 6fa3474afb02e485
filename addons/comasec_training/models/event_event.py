import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .comasec_training_session_day import spans_overlap


class EventEvent(models.Model):
    _inherit = "event.event"

    comasec_training_kind = fields.Selection(
        [("course", "Training session"), ("forum", "Forum"), ("seminar", "Seminar"), ("other", "Other event")],
        string="Kind",
        compute="_compute_comasec_training_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
        help="A training session follows a course of the catalogue; forums and seminars have no course.",
    )
    comasec_course_id = fields.Many2one("comasec.training.course", string="Course", tracking=True, index=True)
    comasec_theme = fields.Selection(related="comasec_course_id.theme", store=True)
    comasec_trainer_ids = fields.Many2many("hr.employee", string="Trainers", tracking=True)
    comasec_place = fields.Char(
        string="Place", help="Where the session takes place, e.g. the cooperative's premises or a commune hall."
    )
    comasec_province_id = fields.Many2one("comasec.province", string="Province", tracking=True, index=True)
    comasec_commune_id = fields.Many2one(
        "comasec.commune", string="Commune", domain="[('province_id', '=?', comasec_province_id)]"
    )
    comasec_day_ids = fields.One2many("comasec.training.session.day", "event_id", string="Session days", copy=True)
    comasec_hours = fields.Float(
        string="Hours",
        compute="_compute_comasec_hours",
        store=True,
        help="Teaching hours: the sum of the session days.",
    )
    comasec_funding_source = fields.Selection(
        string="Funding Source",
        selection=[
            ("indh", "INDH"),
            ("region", "Region"),
            ("comasec", "CoMaSec"),
            ("cooperative", "Cooperative"),
            ("sponsor", "Other sponsor"),
        ],
        tracking=True,
    )
    comasec_sponsor_id = fields.Many2one(
        "res.partner", string="Funder", help="Who pays for the session, if not CoMaSec."
    )
    comasec_pre_survey_id = fields.Many2one(
        "survey.survey", string="Pre-test", help="Survey participants answer before the session (scored)."
    )
    comasec_post_survey_id = fields.Many2one(
        "survey.survey", string="Post-test", help="Survey whose score is the participant's post-training score."
    )
    comasec_cost = fields.Monetary(string="Cost", currency_field="comasec_currency_id", tracking=True)
    comasec_currency_id = fields.Many2one("res.currency", string="Cost currency", related="company_id.currency_id")
    comasec_certificate_count = fields.Integer(string="Certificates", compute="_compute_comasec_certificate_count")

    def _compute_date_tz(self):
        # Training sessions take place in Morocco, whatever the planner's own time zone.
        # sudo: ir.config_parameter is readable by admins only; this reads one named key.
        session_tz = self.env["ir.config_parameter"].sudo().get_param("comasec_training.session_tz")
        if session_tz not in pytz.all_timezones_set:
            session_tz = False
        for event in self:
            if session_tz and not event.date_tz and not event.event_type_id.default_timezone:
                if event.comasec_course_id or event.comasec_training_kind in ("course", "forum", "seminar"):
                    event.date_tz = session_tz
        return super()._compute_date_tz()

    def _compute_comasec_certificate_count(self):
        counts = dict(
            self.env["comasec.training.certificate"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.comasec_certificate_count = counts.get(event, 0)

    @api.depends("comasec_course_id")
    def _compute_comasec_training_kind(self):
        # Events created elsewhere in Odoo (without a course) are not training sessions.
        for event in self:
            if event.comasec_course_id:
                event.comasec_training_kind = "course"
            elif not event.comasec_training_kind:
                event.comasec_training_kind = "other"

    @api.depends("comasec_day_ids.hours")
    def _compute_comasec_hours(self):
        for event in self:
            event.comasec_hours = sum(event.comasec_day_ids.mapped("hours"))

    @api.constrains("date_begin", "date_end", "date_tz")
    def _check_comasec_days_within(self):
        self.comasec_day_ids._check_within_session()

    @api.onchange("comasec_commune_id")
    def _onchange_comasec_commune_id(self):
        if self.comasec_commune_id.province_id:
            self.comasec_province_id = self.comasec_commune_id.province_id

    @api.constrains("comasec_training_kind", "comasec_course_id")
    def _check_comasec_course(self):
        for event in self:
            if event.comasec_training_kind == "course" and not event.comasec_course_id:
                raise ValidationError(
                    self.env._("Training session %(session)s needs a course of the catalogue.", session=event.name)
                )

    @api.constrains("comasec_cost")
    def _check_comasec_cost(self):
        for event in self:
            if event.comasec_cost < 0:
                raise ValidationError(
                    self.env._("The cost of session %(session)s cannot be negative.", session=event.name)
                )

    @api.constrains("comasec_trainer_ids", "date_begin", "date_end", "date_tz")
    def _check_comasec_trainer_availability(self):
        """A trainer cannot teach two sessions at the same time: a session keeps its trainers
        busy on its days at its daily hours, or from its start to its end when it has no days."""
        events = self.filtered("comasec_trainer_ids")
        if not events:
            return
        others = self.search(
            [
                ("id", "not in", events.ids),
                ("comasec_trainer_ids", "in", events.comasec_trainer_ids.ids),
                ("date_begin", "<", max(events.mapped("date_end"))),
                ("date_end", ">", min(events.mapped("date_begin"))),
            ]
        )
        for event in events:
            for other in others:
                common = event.comasec_trainer_ids & other.comasec_trainer_ids
                if common and spans_overlap(event._comasec_busy_spans(), other._comasec_busy_spans()):
                    raise ValidationError(
                        self.env._(
                            "%(trainers)s already teaches in session %(other)s at the same time as %(session)s.",
                            trainers=", ".join(common.mapped("name")),
                            other=other.name,
                            session=event.name,
                        )
                    )

    def _comasec_busy_spans(self):
        self.ensure_one()
        if not self.comasec_day_ids:
            return [(self.date_begin, self.date_end)]
        return [day._time_span() for day in self.comasec_day_ids]

    def action_fetch_survey_scores(self):
        """Links each participant to their latest completed answers of the session's surveys."""
        for survey_field, input_field in (
            ("comasec_pre_survey_id", "comasec_pre_user_input_id"),
            ("comasec_post_survey_id", "comasec_post_user_input_id"),
        ):
            surveys = self.mapped(survey_field)
            if not surveys:
                continue
            answers = self.env["survey.user_input"].search(
                [
                    ("survey_id", "in", surveys.ids),
                    ("state", "=", "done"),
                    ("partner_id", "in", self.registration_ids.partner_id.ids),
                ],
                order="create_date, id",
            )
            # Later answers overwrite earlier ones: the latest attempt counts.
            latest = {(a.survey_id.id, a.partner_id.id): a for a in answers}
            for event in self.filtered(survey_field):
                for registration in event.registration_ids.filtered(lambda r: r.state != "cancel"):
                    answer = latest.get((event[survey_field].id, registration.partner_id.id))
                    if answer and registration[input_field] != answer:
                        registration[input_field] = answer

    def action_issue_certificates(self):
        """Issues certificates to every participant of the sessions who passed, then says
        how many and shows them."""
        passed = self.registration_ids.filtered(
            lambda r: r.comasec_result == "passed" and not r.comasec_certificate_ids
        )
        if not passed:
            raise UserError(
                self.env._(
                    "No certificate to issue: every participant who passed already has one, or nobody has "
                    "passed yet. Record the attendance and the post-training scores first."
                )
            )
        certificates = passed.action_issue_certificate()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Certificates issued: %(count)s.", count=len(certificates)),
                "next": self.action_view_certificates(),
            },
        }

    def action_view_certificates(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.comasec_training_certificate_action")
        action["domain"] = [("event_id", "in", self.ids)]
        return action

    def action_open_scores(self):
        """The session's participants in one editable list: a score per row, no form to open."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Scores of %(session)s", session=self.name),
            "res_model": "event.registration",
            "view_mode": "list",
            "views": [(self.env.ref("comasec_training.event_registration_view_list_scores").id, "list")],
            "domain": [("event_id", "=", self.id), ("state", "!=", "cancel")],
            "context": {"create": False},
        }

    def get_formview_id(self, access_uid=None):
        # Who does not use the Events app (a trainer) opens a session in the training form.
        user = self.env["res.users"].browse(access_uid) if access_uid else self.env.user
        if not user.has_group("event.group_event_user"):
            return self.env.ref("comasec_training.event_event_view_form_training").id
        return super().get_formview_id(access_uid=access_uid)

    def action_open_attendance_grid(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance of %(session)s", session=self.name),
            "res_model": "comasec.training.attendance.grid",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_view_attendance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("comasec_training.comasec_training_attendance_action")
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"search_default_group_day": 1}
        return action
