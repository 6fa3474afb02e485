from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# The legal steps to found a cooperative, in the order Law 112-12 requires (ODCO FAQ).
CREATION_STEPS = [
    ("name_approval", "Name approval (certificat négatif)"),
    ("statutes", "Signed statutes"),
    ("bank_account", "Bank account"),
    ("authority_receipt", "Local authority receipt"),
    ("inscription", "Inscription in the local register"),
]
STEP_ORDER = {key: index for index, (key, _label) in enumerate(CREATION_STEPS)}


def first_missing_before(step, done_steps):
    """The first step before ``step`` that is not in ``done_steps``, or None."""
    for key, _label in CREATION_STEPS[: STEP_ORDER[step]]:
        if key not in done_steps:
            return key
    return None


class ComasecCoopCreationStep(models.Model):
    _name = "comasec.coop.creation.step"
    _description = "Legal step in the creation of a cooperative"
    _inherit = ["comasec.cooperative.mixin"]
    _order = "cooperative_id, sequence"

    cooperative_id = fields.Many2one(ondelete="cascade")
    step = fields.Selection(CREATION_STEPS, required=True, readonly=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    state = fields.Selection([("todo", "To do"), ("done", "Done")], default="todo", required=True, readonly=True)
    date = fields.Date(help="Date of the document that proves the step.")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user)
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")
    register_number = fields.Char(help="For the inscription: the number given by the local register.")
    note = fields.Char()

    _sql_constraints = [
        ("step_unique", "unique(cooperative_id, step)", "Each creation step appears once per cooperative.")
    ]

    @api.depends("step")
    def _compute_sequence(self):
        for record in self:
            record.sequence = STEP_ORDER.get(record.step, 0)

    @api.constrains("state", "cooperative_id")
    def _check_order(self):
        labels = dict(CREATION_STEPS)
        for record in self:
            done = set(
                record.cooperative_id.comasec_coop_creation_step_ids.filtered(lambda s: s.state == "done").mapped(
                    "step"
                )
            )
            if record.state == "done":
                missing = first_missing_before(record.step, done)
                if missing:
                    raise ValidationError(
                        self.env._(
                            "%(coop)s: complete the step “%(missing)s” before “%(step)s”.",
                            coop=record.cooperative_id.name,
                            missing=labels[missing],
                            step=labels[record.step],
                        )
                    )
            else:
                later = [s for s in done if STEP_ORDER[s] > STEP_ORDER[record.step]]
                if later:
                    raise ValidationError(
                        self.env._(
                            "%(coop)s: “%(step)s” cannot be reopened while a later step is done.",
                            coop=record.cooperative_id.name,
                            step=labels[record.step],
                        )
                    )

    def action_complete(self):
        labels = dict(CREATION_STEPS)
        for record in self.sorted("sequence"):
            missing = [
                label
                for label, ok in (
                    (self.env._("date"), record.date),
                    (self.env._("document"), record.attachment_ids),
                    (self.env._("responsible"), record.user_id),
                    (self.env._("register number"), record.step != "inscription" or record.register_number),
                )
                if not ok
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "“%(step)s”: give the %(missing)s before completing the step.",
                        step=labels[record.step],
                        missing=", ".join(missing),
                    )
                )
            record.state = "done"
            coop = record.cooperative_id
            if record.step == "inscription":
                # The inscription gives the number: the cooperative is now registered.
                coop.write(
                    {
                        "comasec_coop_register_number": record.register_number,
                        "comasec_coop_register_date": record.date,
                        "comasec_coop_state": "registered",
                    }
                )
            coop.message_post(
                body=self.env._(
                    "Creation step done: %(step)s on %(date)s (%(user)s).",
                    step=labels[record.step],
                    date=record.date,
                    user=record.user_id.name,
                )
            )
        return True

    def action_reset(self):
        if any(r.step == "inscription" and r.state == "done" for r in self):
            raise UserError(self.env._("The inscription is recorded in the register: it cannot be undone here."))
        self.state = "todo"
        return True
