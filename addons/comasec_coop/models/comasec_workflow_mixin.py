from odoo import api, models
from odoo.exceptions import UserError

# Put in the context by _comasec_workflow() only. A JSON-RPC client can send nothing but
# JSON in its context, never this object: no user can pass for a workflow method.
_WORKFLOW = object()


class ComasecWorkflowMixin(models.AbstractModel):
    """States, scores and computed figures that only the model's own methods change.

    A model lists them in ``_comasec_workflow_fields``; ``create`` and ``write`` refuse
    them (a new record may only get their default) unless the call comes from a method
    of the model through ``_comasec_workflow()``, or from data files (superuser)."""

    _name = "comasec.workflow.mixin"
    _description = "Fields changed only by their workflow methods"

    _comasec_workflow_fields = ()

    def _comasec_workflow(self):
        """These records, allowed to change their workflow fields: for the owning methods."""
        return self.with_context(comasec_workflow=_WORKFLOW)

    def _comasec_in_workflow(self):
        return self.env.su or self.env.context.get("comasec_workflow") is _WORKFLOW

    def _check_comasec_workflow_fields(self, fnames, protected_fields=None, operation="write"):
        """Refuse ``fnames`` that are workflow fields (or ``protected_fields``, for a model that
        also fixes other fields once its record is made) outside the workflow."""
        protected = [fname for fname in protected_fields or self._comasec_workflow_fields if fname in fnames]
        if protected and not self._comasec_in_workflow():
            # a user without the right to ``operation`` at all is told so, as for any other field
            self.check_access(operation)
            raise UserError(
                self.env._(
                    "%(fields)s of a %(document)s cannot be set by hand: they change only through the "
                    "document's buttons (for example Start, Close or Reopen).",
                    fields=", ".join(self._fields[fname]._description_string(self.env) for fname in protected),
                    # sudo: the model's translated name, for the message only
                    document=self.env["ir.model"].sudo()._get(self._name).name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a value given here or as a default_<field> context key, if not the field's own default
            given = {
                fname
                for fname in self._comasec_workflow_fields
                if (value := vals.get(fname, self.env.context.get(f"default_{fname}")))
                and value != (self._fields[fname].default(self) if self._fields[fname].default else None)
            }
            self._check_comasec_workflow_fields(given, operation="create")
        self._comasec_workflow_create_values(vals_list)
        return super().create(vals_list)

    def _comasec_workflow_create_values(self, vals_list):
        """Set in ``vals_list``, once checked, the workflow values that the model itself gives a
        new record (a reference from its sequence, for instance)."""

    def write(self, vals):
        self._check_comasec_workflow_fields(vals)
        return super().write(vals)
