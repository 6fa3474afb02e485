from odoo import api, fields, models
from odoo.exceptions import UserError

SECTIONS = [
    ("governance", "Governance and ethics"),
    ("fairness", "Fairness and solidarity"),
    ("quality", "Product quality and hygiene"),
    ("traceability", "Traceability and origin"),
    ("environment", "Environment and sustainability"),
    ("local", "Local development"),
]

KINDS = [("critical", "Critical"), ("major", "Major"), ("minor", "Minor")]


class ComasecLabelCriterion(models.Model):
    _name = "comasec.label.criterion"
    _description = "Label criterion"
    _order = "standard_id, sequence, code"

    standard_id = fields.Many2one("comasec.label.standard", required=True, ondelete="cascade", index=True)
    standard_state = fields.Selection(related="standard_id.state")
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    section = fields.Selection(SECTIONS, required=True)
    requirement = fields.Text(required=True, translate=True)
    guidance = fields.Text(translate=True, help="How an auditor checks the requirement.")
    evidence_expected = fields.Text(translate=True, help="Documents, records or observations the auditor asks for.")
    kind = fields.Selection(
        KINDS,
        required=True,
        default="major",
        help="Critical: failing it prevents the label; major: needs an accepted corrective action; "
        "minor: to correct before the next audit.",
    )
    weight = fields.Float(default=1.0, help="Weight of the criterion in the audit score.")
    sector_ids = fields.Many2many(
        "comasec.sector", string="Sectors", help="Sectors the criterion applies to; empty means every sector."
    )

    _sql_constraints = [
        ("code_unique", "unique(standard_id, code)", "A criterion code must be unique within a standard."),
        ("weight_positive", "check(weight > 0)", "A criterion weight must be positive."),
    ]

    def _compute_display_name(self):
        for criterion in self:
            criterion.display_name = f"{criterion.code} {(criterion.requirement or '').splitlines()[0][:80]}"

    def _check_standard_draft(self, standards):
        locked = standards.filtered(lambda s: s.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The standard %s is no longer a draft: applications are judged against it as it was. "
                    "Create a new version to change its criteria.",
                    locked[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._check_standard_draft(records.standard_id)
        return records

    def write(self, vals):
        self._check_standard_draft(self.standard_id)
        return super().write(vals)

    def unlink(self):
        self._check_standard_draft(self.standard_id)
        return super().unlink()
