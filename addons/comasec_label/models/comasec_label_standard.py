from odoo import api, fields, models
from odoo.exceptions import UserError


class ComasecLabelStandard(models.Model):
    _name = "comasec.label.standard"
    _description = "Label standard version"
    _inherit = ["mail.thread", "comasec.workflow.mixin"]
    # activated and archived by the buttons only: a draft made active by hand would skip the
    # criteria check and leave two active versions
    _comasec_workflow_fields = ("state",)
    _order = "effective_date desc, id desc"
    _rec_names_search = ["name", "version"]

    name = fields.Char(required=True, translate=True, tracking=True)
    version = fields.Char(required=True, tracking=True, help="Version of the standard, e.g. 1 or 2026.1.")
    effective_date = fields.Date(required=True, tracking=True, help="Applications filed from this date use it.")
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        help="Only a draft standard can be edited; an application keeps the version it was filed under, "
        "so a change of the standard is a new version.",
    )
    description = fields.Html(translate=True)
    criterion_ids = fields.One2many("comasec.label.criterion", "standard_id", string="Criteria", copy=True)
    criterion_count = fields.Integer(compute="_compute_criterion_count")

    _sql_constraints = [("version_unique", "unique(name, version)", "This version of the standard already exists.")]

    @api.depends("criterion_ids")
    def _compute_criterion_count(self):
        groups = self.env["comasec.label.criterion"]._read_group(
            [("standard_id", "in", self.ids)], ["standard_id"], ["__count"]
        )
        counts = dict(groups)
        for standard in self:
            standard.criterion_count = counts.get(standard, 0)

    def _compute_display_name(self):
        for standard in self:
            standard.display_name = f"{standard.name} v{standard.version}"

    @api.model
    def _get_current(self):
        """The active standard new applications are filed under."""
        return self.search([("state", "=", "active")], order="effective_date desc, id desc", limit=1)

    def action_activate(self):
        for standard in self:
            if standard.state != "draft":
                raise UserError(self.env._("Only a draft standard can be activated: %s is not.", standard.display_name))
            if not standard.criterion_ids:
                raise UserError(self.env._("The standard %s has no criteria.", standard.display_name))
        # one active standard: new applications always get an unambiguous version
        self.search([("state", "=", "active"), ("id", "not in", self.ids)])._comasec_workflow().state = "archived"
        self._comasec_workflow().state = "active"

    def action_archive_version(self):
        self._comasec_workflow().state = "archived"

    def action_new_version(self):
        """Copy this standard and its criteria as a draft next version."""
        self.ensure_one()
        new = self.copy(
            {
                "version": self.env._("%s (new)", self.version),
                "effective_date": fields.Date.context_today(self),
                "state": "draft",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def _criteria_for_sectors(self, sectors):
        """Criteria of this standard that apply to a cooperative of ``sectors``:
        those without sectors apply to all."""
        self.ensure_one()
        return self.criterion_ids.filtered(lambda c: not c.sector_ids or c.sector_ids & sectors)

    def write(self, vals):
        locked = self.filtered(lambda s: s.state != "draft")
        if locked and set(vals) & {"criterion_ids", "version", "effective_date"}:
            raise UserError(
                self.env._(
                    "The standard %s is no longer a draft: applications are judged against it as it was. "
                    "Create a new version to change it.",
                    locked[0].display_name,
                )
            )
        return super().write(vals)
