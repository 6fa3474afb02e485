"""Print the access matrix of the suite (group x model x read/write/create/delete)
as the Markdown table docs/security.md keeps, from a database with the four addons.

    python3 docs/access_matrix.py -c CONF -d DB > /tmp/matrix.md

The table is the specification: tests/odoo/test_access_matrix.py checks every cell
of docs/security.md against the database, so a change of access shows in a diff of
that file and must be made on purpose.
"""

import argparse

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

GROUPS = [
    ("CoMaSec manager", "comasec_coop.comasec_coop_group_manager"),
    ("supervisor", "comasec_coop.comasec_coop_group_supervisor"),
    ("trainer", "comasec_coop.comasec_coop_group_trainer"),
    ("label auditor", "comasec_coop.comasec_coop_group_label_auditor"),
    ("committee member", "comasec_coop.comasec_coop_group_committee_member"),
    ("label manager", "comasec_coop.comasec_coop_group_label_manager"),
    ("cooperative bookkeeper", "comasec_coop.comasec_coop_group_bookkeeper"),
    ("cooperative portal user", "base.group_portal"),
    ("public", "base.group_public"),
]
OPERATIONS = ("read", "write", "create", "unlink")


def suite_models(env):
    """Models our addons define (not only extend), transient ones excluded."""
    data = env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "like", "comasec_%")])
    models = env["ir.model"].browse(data.mapped("res_id")).filtered(lambda m: not m.transient)
    return sorted(m.model for m in models if m.model.startswith("comasec."))


def effective(env, group_xmlid, model):
    """What a user whose only group is ``group_xmlid`` (with its implied groups) may do."""
    group = env.ref(group_xmlid)
    groups = group | group.trans_implied_ids
    rows = env["ir.model.access"].search(
        [("model_id.model", "=", model), "|", ("group_id", "in", groups.ids), ("group_id", "=", False)]
    )
    return tuple(any(rows.mapped(f"perm_{op}")) for op in OPERATIONS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        print("| model | " + " | ".join(name for name, _x in GROUPS) + " |")
        print("| --- |" + " --- |" * len(GROUPS))
        for model in suite_models(env):
            cells = []
            for _name, xmlid in GROUPS:
                perms = effective(env, xmlid, model)
                cells.append("".join(letter for letter, ok in zip("rwcd", perms, strict=True) if ok) or "-")
            print(f"| `{model}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
