from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.comasec_training_course import THEMES


def share(part, whole):
    """A percentage rounded to one decimal, 0 when there is nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else 0.0


class ComasecTrainingReport(models.Model):
    """One row per enrolment (not cancelled), with what funders ask about.

    A cooperative may have several sectors: the row carries its main sector (the
    lowest sequence), so counts by sector add up to the number of people trained.
    """

    _name = "comasec.training.report"
    _description = "Training statistics"
    _auto = False
    _order = "date desc"

    registration_id = fields.Many2one("event.registration", string="Enrolment", readonly=True)
    event_id = fields.Many2one("event.event", string="Session", readonly=True)
    training_kind = fields.Selection(
        [("course", "Training session"), ("forum", "Forum"), ("seminar", "Seminar"), ("other", "Other event")],
        string="Kind",
        readonly=True,
    )
    course_id = fields.Many2one("comasec.training.course", string="Course", readonly=True)
    theme = fields.Selection(THEMES, readonly=True)
    date = fields.Date(string="Session start", readonly=True)
    cooperative_id = fields.Many2one("res.partner", string="Cooperative", readonly=True)
    province_id = fields.Many2one("comasec.province", string="Province", readonly=True)
    sector_id = fields.Many2one("comasec.sector", string="Main sector", readonly=True)
    funding_source = fields.Selection(
        [
            ("indh", "INDH"),
            ("region", "Region"),
            ("comasec", "CoMaSec"),
            ("cooperative", "Cooperative"),
            ("sponsor", "Other sponsor"),
        ],
        readonly=True,
    )
    gender = fields.Selection([("female", "Woman"), ("male", "Man")], readonly=True)
    result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed"), ("absent", "Absent")], readonly=True
    )
    is_woman = fields.Integer(string="Women", readonly=True)
    women_share = fields.Float(string="Women (%)", aggregator="avg", readonly=True)
    hours_attended = fields.Float(string="Hours delivered (person-hours)", readonly=True)
    passed = fields.Integer(string="Passed", readonly=True)
    evaluated = fields.Integer(string="Evaluated", readonly=True, help="Passed, failed or absent.")
    pass_rate = fields.Float(
        string="Pass rate (%)", aggregator="avg", readonly=True, help="Passed over evaluated participants."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        sectors = self.env["res.partner"]._fields["comasec_coop_sector_ids"]
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT r.id AS id,
                           r.id AS registration_id,
                           r.event_id,
                           e.comasec_training_kind AS training_kind,
                           e.comasec_course_id AS course_id,
                           c.theme,
                           (e.date_begin AT TIME ZONE 'UTC')::date AS date,
                           r.comasec_cooperative_id AS cooperative_id,
                           COALESCE(r.comasec_province_id, e.comasec_province_id) AS province_id,
                           main_sector.sector_id,
                           e.comasec_funding_source AS funding_source,
                           r.comasec_gender AS gender,
                           r.comasec_result AS result,
                           CASE WHEN r.comasec_gender = 'female' THEN 1 ELSE 0 END AS is_woman,
                           CASE WHEN r.comasec_gender = 'female' THEN 100.0 WHEN r.comasec_gender = 'male' THEN 0.0 END
                               AS women_share,
                           COALESCE(r.comasec_hours_attended, 0) AS hours_attended,
                           CASE WHEN r.comasec_result = 'passed' THEN 1 ELSE 0 END AS passed,
                           CASE WHEN r.comasec_result IN ('passed', 'failed', 'absent') THEN 1 ELSE 0 END AS evaluated,
                           CASE WHEN r.comasec_result = 'passed' THEN 100.0
                                WHEN r.comasec_result IN ('failed', 'absent') THEN 0.0 END AS pass_rate
                      FROM event_registration r
                      JOIN event_event e ON e.id = r.event_id
                      LEFT JOIN comasec_training_course c ON c.id = e.comasec_course_id
                      LEFT JOIN LATERAL (
                          SELECT s.id AS sector_id
                            FROM %(rel)s rel
                            JOIN comasec_sector s ON s.id = rel.%(sector_col)s
                           WHERE rel.%(partner_col)s = r.comasec_cooperative_id
                           ORDER BY s.sequence, s.id
                           LIMIT 1
                      ) main_sector ON TRUE
                     WHERE r.state != 'cancel' AND r.active
                )
                """,
                view=SQL.identifier(self._table),
                rel=SQL.identifier(sectors.relation),
                partner_col=SQL.identifier(sectors.column1),
                sector_col=SQL.identifier(sectors.column2),
            )
        )

    @api.model
    def funder_figures(self, domain, groupby):
        """People trained, women and their share, person-hours and pass rate per group.

        One grouped query whatever the number of enrolments.
        """
        groups = self._read_group(
            domain, [groupby], ["__count", "is_woman:sum", "hours_attended:sum", "passed:sum", "evaluated:sum"]
        )
        rows = []
        for key, count, women, hours, passed, evaluated in groups:
            rows.append(
                {
                    "group": key,
                    "people": count,
                    "women": women,
                    "women_share": share(women, count),
                    "hours": hours,
                    "passed": passed,
                    "evaluated": evaluated,
                    "pass_rate": share(passed, evaluated),
                }
            )
        return rows
