import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

HALF_DAYS = [("morning", "Morning"), ("afternoon", "Afternoon"), ("full", "Full day")]
# Default teaching hours of a slot; each day's hours stay editable.
DEFAULT_HOURS = {"morning": 3.0, "afternoon": 3.0, "full": 6.0}


def slots_overlap(half_day_a, half_day_b):
    """Whether two slots of the same date overlap: a full day overlaps everything."""
    return "full" in (half_day_a, half_day_b) or half_day_a == half_day_b


class ComasecTrainingSessionDay(models.Model):
    _name = "comasec.training.session.day"
    _description = "Training session day"
    _order = "event_id, date, half_day"

    event_id = fields.Many2one("event.event", string="Session", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    half_day = fields.Selection(HALF_DAYS, string="Slot", required=True, default="full")
    hours = fields.Float(
        compute="_compute_hours", store=True, readonly=False, precompute=True, help="Teaching hours of this slot."
    )

    @api.depends("half_day")
    def _compute_hours(self):
        for day in self:
            day.hours = DEFAULT_HOURS.get(day.half_day, 0.0)

    @api.depends("date", "half_day")
    def _compute_display_name(self):
        labels = dict(self._fields["half_day"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{fields.Date.to_string(day.date) or ''} {labels.get(day.half_day, '')}".strip()

    @api.constrains("event_id", "date", "half_day")
    def _check_unique_slot(self):
        for day in self:
            for other in day.event_id.day_ids - day:
                if other.date == day.date and slots_overlap(other.half_day, day.half_day):
                    raise ValidationError(
                        self.env._(
                            "Session %(session)s already has the slot %(slot)s.",
                            session=day.event_id.name,
                            slot=other.display_name,
                        )
                    )

    @api.constrains("date", "event_id")
    def _check_within_session(self):
        for day in self:
            event = day.event_id
            tz = pytz.timezone(event.date_tz or "UTC")
            first, last = (
                pytz.utc.localize(moment).astimezone(tz).date() for moment in (event.date_begin, event.date_end)
            )
            if not first <= day.date <= last:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s runs from %(first)s to %(last)s: its day %(day)s is outside. Change the "
                        "day or the session's dates.",
                        session=event.name,
                        first=first,
                        last=last,
                        day=day.date,
                    )
                )

    @api.constrains("hours")
    def _check_hours(self):
        for day in self:
            if not 0 <= day.hours <= 24:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s, %(day)s: the teaching hours (%(hours)s) must be between 0 and 24.",
                        session=day.event_id.name,
                        day=day.display_name,
                        hours=day.hours,
                    )
                )

    @api.constrains("date", "half_day", "event_id")
    def _check_trainer_availability(self):
        self.event_id._check_trainer_availability()
