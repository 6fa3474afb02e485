from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecCooperativeMixin(models.AbstractModel):
    """A record that belongs to one cooperative (a partner marked as a cooperative).

    A model that inherits it may extend the field (``tracking=True`` on a mail thread,
    ``ondelete="cascade"`` for records that die with the cooperative) and say what it is
    for in ``_not_a_cooperative_message``."""

    _name = "comasec.cooperative.mixin"
    _description = "Record of a cooperative"

    # required: deleting the cooperative is refused while the record exists, unless the
    # model extends the field with ondelete="cascade"
    cooperative_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", domain=[("comasec_is_cooperative", "=", True)]
    )

    @api.constrains("cooperative_id")
    def _check_cooperative(self):
        for record in self:
            if not record.cooperative_id.comasec_is_cooperative:
                raise ValidationError(record._not_a_cooperative_message())

    def _not_a_cooperative_message(self):
        """The refusal of a partner that is not a cooperative (one record)."""
        return self.env._(
            "%(partner)s is not a cooperative: choose a cooperative.", partner=self.cooperative_id.display_name
        )
