"""Print the access matrix of the suite (user x model x read/write/create/delete) as the
Markdown table docs/security.md keeps, from a database with the four addons.

    python3 docs/access_matrix.py -c CONF -d DB > /tmp/matrix.md

The users are made the way production makes them: the bookkeeper by the accounting
onboarding wizard, the CoMaSec staff in Settings > Users (Odoo's default rights for new
internal users plus the suite's group), the portal user as a contact of its cooperative.
Everything is made in a transaction that is rolled back.

For the suite's models a cell is what the user's groups allow (ir.model.access). For the
Odoo models the suite guards, a cell is what the user may do to one record of a
cooperative that is not theirs (access rights and record rules, and for the suite's mail
templates the real write, create and delete). tests/integration/test_access_matrix.py
checks every cell of docs/security.md against this, so a change of access shows in a
diff of that file and must be made on purpose.
"""

import argparse

import odoo
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tools import config

STAFF = [
    ("CoMaSec manager", "comasec_coop.comasec_coop_group_manager"),
    ("supervisor", "comasec_coop.comasec_coop_group_supervisor"),
    ("trainer", "comasec_coop.comasec_coop_group_trainer"),
    ("label auditor", "comasec_coop.comasec_coop_group_label_auditor"),
    ("committee member", "comasec_coop.comasec_coop_group_committee_member"),
    ("label manager", "comasec_coop.comasec_coop_group_label_manager"),
]
COLUMNS = [name for name, _xmlid in STAFF] + ["cooperative bookkeeper", "cooperative portal user", "public"]
OPERATIONS = ("read", "write", "create", "unlink")
# The Odoo models the suite guards, each as one record of another cooperative.
GUARDED = [
    "`res.partner` (another cooperative)",
    "`res.partner.bank` (another cooperative's)",
    "`res.company` (another cooperative's)",
    "`account.move` (another cooperative's)",
    "`hr.employee` (another cooperative's worker)",
    "`stock.lot` (another cooperative's)",
    "`mail.template` (the suite's, with code)",
]
TEMPLATE_CODE = "<t t-out=\"object.env.ref('base.group_system').sudo().write({'users': [(4, object.env.uid)]})\"/>"


class _Undo(Exception):
    """Raised to roll a tried operation back."""


def suite_models(env):
    """Models our addons define (not only extend), transient and abstract ones (mixins,
    which have no records of their own) excluded."""
    data = env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "like", "comasec_%")])
    models = env["ir.model"].browse(data.mapped("res_id")).filtered(lambda m: not m.transient)
    return sorted(m.model for m in models if m.model.startswith("comasec.") and not env[m.model]._abstract)


def _cooperative(env, name, register, ice):
    return env["res.partner"].create(
        {
            "name": name,
            "is_company": True,
            "comasec_is_cooperative": True,
            "comasec_coop_register_number": register,
            "comasec_coop_register_court": "Tribunal de première instance de Tiznit",
            "comasec_coop_register_date": "2015-03-01",
            "company_registry": ice,
            "comasec_coop_province_id": env.ref("comasec_coop.comasec_province_tiznit").id,
            "country_id": env.ref("base.ma").id,
        }
    )


def make_users(env):
    """{column: user} made as production makes them, and the cooperative none of them
    works in (its company, a contact, a bank account, an invoice and a worker)."""
    # imported here: the addons are importable once the configuration set their path
    from odoo.addons.comasec_coop.tests.common import OTHER_VALID_ICE, VALID_ICE, settings_user

    users = {
        name: settings_user(env, login := f"matrix_{xmlid.split('.')[1]}", [xmlid], email=f"{login}@comasec.example")
        for name, xmlid in STAFF
    }
    ours = _cooperative(env, "Coopérative Matrix A", "M-101", VALID_ICE)
    theirs = _cooperative(env, "Coopérative Matrix B", "M-102", OTHER_VALID_ICE)
    for coop, login in ((ours, "matrix_bookkeeper"), (theirs, "matrix_bookkeeper_b")):
        env["comasec.accounting.onboarding"].with_user(users["supervisor"]).create(
            {"cooperative_id": coop.id, "bookkeeper_name": login, "bookkeeper_login": login}
        ).action_onboard()
    users["cooperative bookkeeper"] = env["res.users"].search([("login", "=", "matrix_bookkeeper")])
    users["cooperative portal user"] = env["res.users"].create(
        {
            "name": "Matrix portal",
            "login": "matrix_portal",
            "partner_id": env["res.partner"].create({"name": "Matrix portal", "parent_id": ours.id}).id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    users["public"] = env.ref("base.public_user")
    company = theirs.comasec_coop_company_id
    # supervisors (managers too) read a cooperative's books once opened, as its Open books
    # button does: the cells say what they may do then
    for user in users.values():
        if user.has_group("comasec_coop.comasec_coop_group_supervisor"):
            theirs.with_user(user).action_open_books()
    in_b = env(context=dict(env.context, allowed_company_ids=company.ids))
    env["res.partner.bank"].create({"acc_number": "MA640011111000000000009", "partner_id": theirs.id})
    invoice = in_b["account.move"].create(
        {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": theirs.id,
            "invoice_line_ids": [Command.create({"name": "Argan oil", "quantity": 1, "price_unit": 100})],
        }
    )
    worker = in_b["hr.employee"].create({"name": "Matrix worker", "company_id": company.id})
    produce = env["product.product"].create({"name": "Matrix kernels", "is_storable": True, "tracking": "lot"})
    lot = in_b["stock.lot"].create({"name": "Matrix lot", "product_id": produce.id, "company_id": company.id})
    targets = {
        GUARDED[0]: theirs,
        GUARDED[1]: theirs.bank_ids,
        GUARDED[2]: company,
        GUARDED[3]: invoice,
        GUARDED[4]: worker,
        GUARDED[5]: lot,
    }
    return users, targets


def _tried(env, operation):
    """Whether ``operation()`` goes through; it is rolled back either way."""
    try:
        with env.cr.savepoint():
            operation()
            env.flush_all()
            raise _Undo
    except _Undo:
        return True
    except (UserError, ValidationError):
        return False
    finally:
        env.invalidate_all()


def _template_cell(env, user):
    template = env.ref("comasec_coop.mail_template_comasec_review_done").with_user(user)
    model = env["ir.model"]._get_id("res.partner")
    allowed = (
        template.has_access("read"),
        _tried(env, lambda: template.write({"body_html": TEMPLATE_CODE})),
        _tried(env, lambda: template.create({"name": "Matrix", "model_id": model, "body_html": TEMPLATE_CODE})),
        _tried(env, template.unlink),
    )
    return "".join(letter for letter, ok in zip("rwcd", allowed, strict=True) if ok) or "-"


def matrix(env):
    """{row: {column: letters}} for the users ``make_users`` makes."""
    users, targets = make_users(env)
    rows = {}
    for model in suite_models(env):
        rows[f"`{model}`"] = {
            column: "".join(
                letter
                for letter, operation in zip("rwcd", OPERATIONS, strict=True)
                if env["ir.model.access"].with_user(user).check(model, operation, raise_exception=False)
            )
            or "-"
            for column, user in users.items()
        }
    for row, record in targets.items():
        rows[row] = {}
        for column, user in users.items():
            # in every company the user works in, as the company switcher allows
            mine = record.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)
            letters = "".join(
                letter for letter, operation in zip("rwcd", OPERATIONS, strict=True) if mine.has_access(operation)
            )
            rows[row][column] = letters or "-"
    rows[GUARDED[-1]] = {column: _template_cell(env, user) for column, user in users.items()}
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        rows = matrix(env)
        cr.rollback()
    print("| model | " + " | ".join(COLUMNS) + " |")
    print("| --- |" + " --- |" * len(COLUMNS))
    for row, cells in rows.items():
        print(f"| {row} | " + " | ".join(cells[column] for column in COLUMNS) + " |")


if __name__ == "__main__":
    main()
