"""The compose file is valid YAML with the services the README promises."""

import yaml
from conftest import ROOT


def test_compose_file_runs_the_official_image_with_our_addons():
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "odoo", "tests"} <= set(services)
    odoo = services["odoo"]
    assert odoo["image"] == "odoo:18.0"
    assert services["db"]["image"].startswith("postgres:")
    assert any(v.endswith(":/mnt/extra-addons:ro") for v in odoo["volumes"])
    assert any(v.startswith("comasec-filestore:") for v in odoo["volumes"])
    assert any(v.startswith("comasec-db:") for v in services["db"]["volumes"])
    assert {"comasec-db", "comasec-filestore"} <= set(compose["volumes"])
    for module in ("comasec_coop", "comasec_accounting_coaching", "comasec_label", "comasec_training"):
        assert module in odoo["command"]
    assert "tests/run" in services["tests"]["command"][0]


def test_config_files_exist():
    for name in ("odoo.docker.conf", "odoo.local.conf", "odoo.test.conf"):
        assert "[options]" in (ROOT / "config" / name).read_text()
