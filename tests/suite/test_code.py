"""Python compiles, and ruff and pylint-odoo (mandatory checks) pass on every addon."""

import py_compile
import shutil
import subprocess
import sys

import pytest
from conftest import ADDONS, ROOT


def test_every_python_file_compiles():
    for path in sorted(ROOT.glob("**/*.py")):
        if ".git" in path.parts:
            continue
        py_compile.compile(str(path), doraise=True)


def _tool(name):
    if shutil.which(name) is None:
        pytest.fail(f"{name} is not installed: pip install -r requirements-test.txt")
    return name


def test_ruff_passes():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [_tool("ruff"), "format", "--no-cache", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, "ruff format would change:\n" + result.stdout


def test_pylint_odoo_mandatory_checks_pass():
    try:
        import pylint_odoo  # noqa: F401
    except ImportError:
        pytest.fail("pylint-odoo is not installed: pip install -r requirements-test.txt")
    addons = sorted(str(p.parent) for p in ADDONS.glob("*/__manifest__.py"))
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--rcfile", str(ROOT / ".pylintrc-mandatory"), *addons],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
