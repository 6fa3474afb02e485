from odoo.exceptions import UserError


def check_workflow_fields(records, vals, names, defaults=None):
    """Refuse a write of ``names`` by anyone but the superuser (data files, upgrades): these
    fields are set only by the model's own methods, which write them with sudo() after their
    checks. On create, pass ``defaults``: a new record may carry an empty value or the
    default (what a form sends for a new record's status), nothing else."""
    if records.env.su:
        return
    touched = [
        name
        for name in names
        if name in vals and not (defaults is not None and (not vals[name] or vals[name] == defaults.get(name)))
    ]
    if touched:
        raise UserError(
            records.env._(
                "%(fields)s of a %(model)s are set by its buttons, not written directly.",
                fields=", ".join(records._fields[name]._description_string(records.env) for name in touched),
                model=records._description,
            )
        )
