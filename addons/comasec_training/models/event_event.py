from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .comasec_training_session_day import slots_overlap


class EventEvent(models.Model):
    _inherit = "event.event"

    training_kind = fields.Selection(
        [("course", "Training session"), ("forum", "Forum"), ("seminar", "Seminar"), ("other", "Other event")],
        string="Kind",
        compute="_compute_training_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
        help="A training session follows a course of the catalogue; forums and seminars have no course.",
    )
    course_id = fields.Many2one("comasec.training.course", string="Course", tracking=True, index=True)
    theme = fields.Selection(related="course_id.theme", store=True)
    trainer_ids = fields.Many2many("hr.employee", string="Trainers", tracking=True)
    place = fields.Char(help="Where the session takes place, e.g. the cooperative's premises or a commune hall.")
    province_id = fields.Many2one("comasec.province", string="Province", tracking=True, index=True)
    commune_id = fields.Many2one("comasec.commune", string="Commune", domain="[('province_id', '=?', province_id)]")
    day_ids = fields.One2many("comasec.training.session.day", "event_id", string="Session days", copy=True)
    hours = fields.Float(
        string="Hours", compute="_compute_hours", store=True, help="Teaching hours: the sum of the session days."
    )
    funding_source = fields.Selection(
        [
            ("indh", "INDH"),
            ("region", "Region"),
            ("comasec", "CoMaSec"),
            ("cooperative", "Cooperative"),
            ("sponsor", "Other sponsor"),
        ],
        tracking=True,
    )
    sponsor_id = fields.Many2one("res.partner", string="Funder", help="Who pays for the session, if not CoMaSec.")
    pre_survey_id = fields.Many2one(
        "survey.survey", string="Pre-test", help="Survey participants answer before the session (scored)."
    )
    post_survey_id = fields.Many2one(
        "survey.survey", string="Post-test", help="Survey whose score is the participant's post-training score."
    )
    cost = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id")

    @api.depends("course_id")
    def _compute_training_kind(self):
        # Events created elsewhere in Odoo (without a course) are not training sessions.
        for event in self:
            if event.course_id:
                event.training_kind = "course"
            elif not event.training_kind:
                event.training_kind = "other"

    @api.depends("day_ids.hours")
    def _compute_hours(self):
        for event in self:
            event.hours = sum(event.day_ids.mapped("hours"))

    @api.constrains("date_begin", "date_end", "date_tz")
    def _check_days_within(self):
        self.day_ids._check_within_session()

    @api.onchange("commune_id")
    def _onchange_commune_id(self):
        if self.commune_id.province_id:
            self.province_id = self.commune_id.province_id

    @api.constrains("training_kind", "course_id")
    def _check_course(self):
        for event in self:
            if event.training_kind == "course" and not event.course_id:
                raise ValidationError(
                    self.env._("Training session %(session)s needs a course of the catalogue.", session=event.name)
                )

    @api.constrains("cost")
    def _check_cost(self):
        for event in self:
            if event.cost < 0:
                raise ValidationError(
                    self.env._("The cost of session %(session)s cannot be negative.", session=event.name)
                )

    @api.constrains("trainer_ids", "date_begin", "date_end")
    def _check_trainer_availability(self):
        """A trainer cannot teach two sessions at the same time.

        Sessions overlap when their date ranges do; if both have session days, only
        days with overlapping slots count (a morning and an afternoon do not clash).
        """
        events = self.filtered("trainer_ids")
        if not events:
            return
        others = self.search(
            [
                ("id", "not in", events.ids),
                ("trainer_ids", "in", events.trainer_ids.ids),
                ("date_begin", "<", max(events.mapped("date_end"))),
                ("date_end", ">", min(events.mapped("date_begin"))),
            ]
        )
        for event in events:
            for other in others:
                common = event.trainer_ids & other.trainer_ids
                if not common or not (event.date_begin < other.date_end and other.date_begin < event.date_end):
                    continue
                if (
                    event.day_ids
                    and other.day_ids
                    and not any(
                        day.date == other_day.date and slots_overlap(day.half_day, other_day.half_day)
                        for day in event.day_ids
                        for other_day in other.day_ids
                    )
                ):
                    continue
                raise ValidationError(
                    self.env._(
                        "%(trainers)s already teaches in session %(other)s at the same time as %(session)s.",
                        trainers=", ".join(common.mapped("name")),
                        other=other.name,
                        session=event.name,
                    )
                )

    def action_fetch_survey_scores(self):
        """Links each participant to their latest completed answers of the session's surveys."""
        for survey_field, input_field in (
            ("pre_survey_id", "pre_user_input_id"),
            ("post_survey_id", "post_user_input_id"),
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
        """Issues certificates to every participant of the sessions who passed."""
        passed = self.registration_ids.filtered(lambda r: r.result == "passed" and not r.certificate_ids)
        if not passed:
            raise UserError(self.env._("No participant passed without a certificate yet."))
        passed.action_issue_certificate()

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
