from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

HALF_DAYS = [("morning", "Morning"), ("afternoon", "Afternoon"), ("full", "Full day")]
# Default teaching hours of a slot; each day's hours stay editable.
DEFAULT_HOURS = {"morning": 3.0, "afternoon": 3.0, "full": 6.0}


def slots_overlap(half_day_a, half_day_b):
    """Whether two slots of the same date overlap: a full day overlaps everything."""
    return "full" in (half_day_a, half_day_b) or half_day_a == half_day_b


def spans_overlap(spans_a, spans_b):
    """Whether two lists of (start, end) overlap; spans that only touch do not."""
    return any(start_a < end_b and start_b < end_a for start_a, end_a in spans_a for start_b, end_b in spans_b)


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

    def write(self, vals):
        # Record rules are checked before a write, on the day's session: the day stays in it,
        # so a trainer changes only their own sessions' days.
        if "event_id" in vals and any(day.event_id.id != vals["event_id"] for day in self):
            raise UserError(
                self.env._("A session day belongs to its session: delete it and add the day to the other session.")
            )
        return super().write(vals)

    @api.depends("half_day")
    def _compute_hours(self):
        for day in self:
            day.hours = DEFAULT_HOURS.get(day.half_day, 0.0)

    @api.depends("date", "half_day")
    def _compute_display_name(self):
        labels = dict(self._fields["half_day"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{fields.Date.to_string(day.date) or ''} {labels.get(day.half_day, '')}".strip()

    def _time_span(self):
        """When the day keeps its trainers busy, as naive UTC datetimes: its date at the
        session's daily hours (the local times of the session's start and end). A morning or
        afternoon of a session whose days are longer than a full day's teaching is the first
        or second half of those hours."""
        self.ensure_one()
        event = self.event_id
        tz = pytz.timezone(event.date_tz or "UTC")
        begin, end = (pytz.utc.localize(moment).astimezone(tz).time() for moment in (event.date_begin, event.date_end))
        if end > begin:
            start, stop = datetime.combine(self.date, begin), datetime.combine(self.date, end)
        else:  # hours that cross midnight: the whole date
            start, stop = (
                datetime.combine(self.date, time.min),
                datetime.combine(self.date + timedelta(days=1), time.min),
            )
        if self.half_day != "full" and stop - start > timedelta(hours=DEFAULT_HOURS["full"]):
            middle = start + (stop - start) / 2
            start, stop = (start, middle) if self.half_day == "morning" else (middle, stop)
        return tuple(tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None) for moment in (start, stop))

    def _search_display_name(self, operator, value):
        # The display name is the date and the slot ("2026-03-02 Morning"): each word typed
        # is looked for in the date as printed or in the slot's label.
        if operator != "ilike" or not isinstance(value, str):
            return super()._search_display_name(operator, value)
        labels = dict(self._fields["half_day"]._description_selection(self.env))
        return expression.AND(
            [
                [
                    "|",
                    ("date", "ilike", word),
                    ("half_day", "in", [key for key, label in labels.items() if word.lower() in label.lower()]),
                ]
                for word in value.split()
            ]
            or [[]]
        )

    @api.constrains("event_id", "date", "half_day")
    def _check_unique_slot(self):
        for day in self:
            for other in day.event_id.comasec_day_ids - day:
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
        self.event_id._check_comasec_trainer_availability()
