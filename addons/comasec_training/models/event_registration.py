from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
        domain=[("is_cooperative", "=", True)],
        help="Taken from the member; set it by hand for a participant who is not a member (e.g. a bookkeeper).",
    )
    gender = fields.Selection(related="member_id.gender", store=True, string="Gender")
    province_id = fields.Many2one(related="cooperative_id.coop_province_id", store=True, string="Province")
    course_id = fields.Many2one(related="event_id.course_id", store=True, index=True)
    training_kind = fields.Selection(related="event_id.training_kind", store=True)

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

    attendance_ids = fields.One2many("comasec.training.attendance", "registration_id", string="Attendance")
    hours_attended = fields.Float(compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_attendance",
        store=True,
        aggregator="avg",
        help="Hours present over the session's hours.",
    )

    @api.depends("attendance_ids.present", "attendance_ids.day_id.hours", "event_id.hours")
    def _compute_attendance(self):
        for registration in self:
            hours = sum(a.day_id.hours for a in registration.attendance_ids if a.present)
            total = registration.event_id.hours
            registration.hours_attended = hours
            registration.attendance_rate = round(100.0 * hours / total, 2) if total else 0.0
