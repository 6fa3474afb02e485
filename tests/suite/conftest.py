"""Shared helpers of the suite-level checks: they read the repository, not Odoo."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
SUITE = (
    "comasec_coop",
    "comasec_accounting_coaching",
    "comasec_label",
    "comasec_training",
)


def module_dirs():
    return sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def read_manifest(module_dir):
    return ast.literal_eval((module_dir / "__manifest__.py").read_text())


@pytest.fixture(params=module_dirs(), ids=lambda p: p.name)
def module_dir(request):
    return request.param
