"""Every model a module defines has at least one access row in that module."""

import csv
import re

from conftest import module_dirs

NAME = re.compile(r"""^\s+_name\s*=\s*["']([\w.]+)["']""", re.M)
TRANSIENT = re.compile(r"models\.TransientModel|models\.AbstractModel")


def defined_models(module_dir):
    models = set()
    for path in (module_dir / "models").rglob("*.py") if (module_dir / "models").is_dir() else []:
        text = path.read_text()
        for cls in re.split(r"\nclass ", text)[1:]:
            match = NAME.search(cls)
            if match and not TRANSIENT.search(cls.splitlines()[0]):
                models.add(match.group(1))
    for path in (module_dir / "wizards").rglob("*.py") if (module_dir / "wizards").is_dir() else []:
        for cls in re.split(r"\nclass ", path.read_text())[1:]:
            match = NAME.search(cls)
            if match and "TransientModel" in cls.splitlines()[0]:
                models.add(match.group(1))
    return models


def acl_models(module_dir):
    path = module_dir / "security" / "ir.model.access.csv"
    if not path.is_file():
        return set()
    with path.open() as f:
        return {row["model_id:id"].split(".")[-1].removeprefix("model_") for row in csv.DictReader(f)}


def test_every_model_has_an_access_row():
    missing = []
    for module_dir in module_dirs():
        acls = acl_models(module_dir)
        for model in defined_models(module_dir):
            if model.replace(".", "_") not in acls:
                missing.append(f"{module_dir.name}: {model}")
    assert not missing, "models without a row in security/ir.model.access.csv: " + ", ".join(missing)
