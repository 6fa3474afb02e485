"""With Odoo importable: the dependency closure of the suite holds Community modules only:
Odoo's own (LGPL-3) and the OCA's (AGPL-3 or LGPL-3), never Enterprise (OEEL-1, OPL-1)."""

import ast
import os

import pytest
from conftest import ADDONS, SUITE

COMMUNITY = ("LGPL-3", "AGPL-3")


def _odoo_addons_paths():
    try:
        import odoo.addons
    except ImportError:
        pytest.skip("Odoo is not importable here: dependency closure not checked")
    paths = [str(ADDONS), *odoo.addons.__path__]
    root = os.path.dirname(os.path.dirname(odoo.addons.__file__ or odoo.addons.__path__[0]))
    if os.path.isdir(os.path.join(root, "addons")):
        paths.append(os.path.join(root, "addons"))
    return paths


def test_dependency_closure_is_community_only():
    paths = _odoo_addons_paths()

    def manifest(name):
        for path in paths:
            file = os.path.join(path, name, "__manifest__.py")
            if os.path.isfile(file):
                with open(file) as f:
                    return ast.literal_eval(f.read())
        return None

    seen, todo, missing, enterprise = set(), list(SUITE), [], []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        man = manifest(name)
        if man is None:
            missing.append(name)
            continue
        if man.get("license", "LGPL-3") not in COMMUNITY:
            enterprise.append(f"{name} ({man.get('license')})")
        todo.extend(man.get("depends", []))
    assert not missing, f"not found on the addons path: {missing}"
    assert not enterprise, f"not Odoo Community ({', '.join(COMMUNITY)}): {enterprise}"
