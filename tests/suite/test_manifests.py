"""Every addon is an installable Odoo 18.0 Community module whose files are all listed."""

import re
from xml.etree import ElementTree

from conftest import ADDONS, SUITE, module_dirs, read_manifest

VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
# the OCA's modules of requirements.txt, AGPL-3: an addon that depends on one is AGPL-3 too
AGPL_DEPENDENCIES = {
    line.split("==")[0].removeprefix("odoo-addon-")
    for line in (ADDONS.parent / "requirements.txt").read_text().splitlines()
    if line.startswith("odoo-addon-")
}


def test_the_four_addons_are_here():
    assert {p.name for p in module_dirs()} >= set(SUITE)


def test_manifest_has_what_odoo_and_oca_expect(module_dir):
    manifest = read_manifest(module_dir)
    assert VERSION.match(
        manifest.get("version", "")
    ), f"{module_dir.name}: version must be 18.0.x.y.z, not {manifest.get('version')!r}"
    # LGPL-3, as Odoo; AGPL-3 where the addon builds on the OCA's AGPL-3 modules
    agpl = bool(set(manifest.get("depends", [])) & AGPL_DEPENDENCIES)
    expected = "AGPL-3" if agpl else "LGPL-3"
    assert manifest.get("license") == expected, f"{module_dir.name}: license must be {expected}"
    assert manifest.get("author"), f"{module_dir.name}: author missing"
    assert (
        isinstance(manifest.get("depends"), list) and manifest["depends"]
    ), f"{module_dir.name}: explicit depends missing"
    assert manifest.get("installable", True)
    assert (
        module_dir / "static" / "description" / "icon.png"
    ).is_file(), f"{module_dir.name}: static/description/icon.png missing"
    for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
        assert (module_dir / "readme" / fragment).is_file(), f"{module_dir.name}: readme/{fragment} missing"


def test_suite_addons_depend_on_comasec_coop():
    for name in SUITE[1:]:
        assert "comasec_coop" in read_manifest(ADDONS / name)["depends"], name


def test_security_files_come_first_in_data(module_dir):
    data = read_manifest(module_dir).get("data", [])
    security = [i for i, f in enumerate(data) if f.startswith("security/")]
    if security:
        assert security == list(range(len(security))), f"{module_dir.name}: security files must come first in 'data'"


def test_every_listed_file_exists(module_dir):
    manifest = read_manifest(module_dir)
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            assert (module_dir / name).is_file(), f"{module_dir.name}: {key} file {name} missing"


def test_every_data_file_is_listed(module_dir):
    manifest = read_manifest(module_dir)
    listed = set(manifest.get("data", [])) | set(manifest.get("demo", []))
    for path in sorted(module_dir.rglob("*")):
        rel = path.relative_to(module_dir).as_posix()
        if path.suffix not in (".xml", ".csv") or rel.startswith(("static/", "tests/")):
            continue
        assert rel in listed, f"{module_dir.name}: {rel} is not listed in the manifest"


def test_every_xml_file_is_well_formed(module_dir):
    for path in module_dir.rglob("*.xml"):
        try:
            ElementTree.parse(path)
        except ElementTree.ParseError as exc:
            raise AssertionError(f"{path.relative_to(ADDONS)}: {exc}") from exc
