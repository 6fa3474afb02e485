from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import period_out_of_range


class ComasecTerritorialDiagnosis(models.Model):
    """A territorial diagnosis: a team spends a few days in a district reading its
    landscape, surveying its local operators, discussing development scenarios and
    reporting back to the population and the authorities."""

    _name = "comasec.territorial.diagnosis"
    _description = "Territorial diagnosis"
    _inherit = ["mail.thread", "mail.activity.mixin", "comasec.workflow.mixin"]
    # moved by the buttons only: "reported" by hand would skip the feedback sessions
    _comasec_workflow_fields = ("state",)
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    province_id = fields.Many2one("comasec.province", string="Province", required=True, tracking=True)
    commune_id = fields.Many2one(
        "comasec.commune", string="District / commune", domain="[('province_id', '=?', province_id)]", tracking=True
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", required=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Team leader", default=lambda self: self.env.user, tracking=True)
    team_ids = fields.Many2many("res.users", string="Team")
    state = fields.Selection(
        [("planned", "Planned"), ("field", "Field work"), ("reported", "Reported")],
        default="planned",
        required=True,
        tracking=True,
    )
    landscape_reading = fields.Html(help="Interpretation of the landscape of the area under study.")
    prospects = fields.Html(string="Development prospects and scenarios")
    operator_ids = fields.One2many(
        "comasec.territorial.diagnosis.operator", "diagnosis_id", string="Local operators surveyed"
    )
    feedback_ids = fields.One2many("comasec.territorial.diagnosis.feedback", "diagnosis_id", string="Feedback sessions")
    cooperative_ids = fields.Many2many(
        "res.partner", string="Cooperatives concerned", domain=[("comasec_is_cooperative", "=", True)]
    )
    operator_count = fields.Integer(compute="_compute_counts")
    cooperative_count = fields.Integer(compute="_compute_counts")

    @api.depends("operator_ids", "cooperative_ids")
    def _compute_counts(self):
        for diagnosis in self:
            diagnosis.operator_count = len(diagnosis.operator_ids)
            diagnosis.cooperative_count = len(diagnosis.cooperative_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        latest = fields.Date.context_today(self) + relativedelta(years=2)
        for diagnosis in self:
            if diagnosis.date_end < diagnosis.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the diagnosis ends (%(end)s) before it starts (%(start)s).",
                        name=diagnosis.name,
                        end=diagnosis.date_end,
                        start=diagnosis.date_start,
                    )
                )
            if period_out_of_range(diagnosis.date_start, diagnosis.date_end, 1900, latest):
                raise ValidationError(
                    self.env._(
                        "%(name)s: the diagnosis dates (%(start)s to %(end)s) must be between 1900 and two years "
                        "from today.",
                        name=diagnosis.name,
                        start=diagnosis.date_start,
                        end=diagnosis.date_end,
                    )
                )
        # the interviews already recorded must stay within the new dates
        self.operator_ids._check_interview_date()

    def action_field(self):
        for diagnosis in self:
            if diagnosis.state != "planned":
                raise UserError(self.env._("%s: only a planned diagnosis goes to field work.", diagnosis.name))
        self._comasec_workflow().write({"state": "field"})

    def action_reported(self):
        for diagnosis in self:
            if not diagnosis.feedback_ids:
                raise ValidationError(
                    self.env._(
                        "%s: record the feedback session(s) held with the population or the authorities first.",
                        diagnosis.name,
                    )
                )
        self._comasec_workflow().write({"state": "reported"})
