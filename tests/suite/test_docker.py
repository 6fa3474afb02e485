"""The image and compose files are what the README and docs/operations.md promise.

No Docker daemon is needed: the Dockerfile is read instruction by instruction and every
file it copies, and every file a compose file mounts, must exist in the repository."""

import re
import shlex

import yaml
from conftest import ROOT

DOCKER = ROOT / "docker"
IMAGE = "comasec-odoo:18.0"
MODULES = ("comasec_coop", "comasec_accounting_coaching", "comasec_label", "comasec_training")


def dockerfile_instructions(path):
    """[(INSTRUCTION, arguments)] with continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        current += " " + stripped.removesuffix("\\").strip() if current else stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            keyword, _sep, args = current.partition(" ")
            instructions.append((keyword.upper(), args.strip()))
            current = ""
    assert not current, f"{path.name} ends inside a continued instruction"
    return instructions


def dockerignored(relative):
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip() and line[0] != "#"
    ]
    globs = [re.compile(p.replace(".", r"\.").replace("**/", ".*").replace("*", "[^/]*")) for p in patterns]
    return any(relative.startswith(p + "/") or g.fullmatch(relative) for p, g in zip(patterns, globs))


def requirements():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_dockerfile_builds_the_suite_on_the_official_image():
    instructions = dockerfile_instructions(DOCKER / "Dockerfile")
    known = {"FROM", "RUN", "COPY", "USER", "ENV", "ARG", "LABEL", "WORKDIR", "EXPOSE", "ENTRYPOINT", "CMD"}
    assert {keyword for keyword, _args in instructions} <= known
    assert instructions[0] == ("FROM", "odoo:18.0")
    copies = [shlex.split(args) for keyword, args in instructions if keyword == "COPY"]
    for *sources, _target in copies:
        for source in sources:
            assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which is not in the repository"
            assert not dockerignored(source), f"{source} is excluded from the build context by .dockerignore"
    copied = {source for *sources, _target in copies for source in sources}
    assert {"requirements.txt", "addons"} <= copied
    runs = " ".join(args for keyword, args in instructions if keyword == "RUN")
    # The OCA wheels depend on a distribution named "odoo" the image's Debian package lacks.
    assert re.search(r"pip3? install [^&]*--no-deps [^&]*-r /tmp/comasec-requirements.txt", runs)
    assert "rtlcss" in runs
    assert instructions[-1] == ("USER", "odoo"), "the image must not run Odoo as root"
    assert dockerignored(".git") and not dockerignored("addons/comasec_coop/__manifest__.py")


def test_requirements_pin_the_oca_engines_for_18():
    pins = dict(line.split("==") for line in requirements() if "==" in line)
    for name in ("account_financial_report", "mis_builder", "date_range", "report_xlsx"):
        assert pins[f"odoo-addon-{name}"].startswith("18.0."), name
    assert "openupgradelib" in {re.split(r"[=<>~ ]", line)[0] for line in requirements()}


def test_compose_file_runs_the_suite_image_with_our_addons():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "odoo", "tests"} <= set(services)
    for name in ("odoo", "tests"):
        service = services[name]
        assert service["image"] == IMAGE, name
        assert service["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}, name
    odoo = services["odoo"]
    assert services["db"]["image"].startswith("postgres:")
    assert any(v.endswith(":/mnt/extra-addons:ro") for v in odoo["volumes"])
    assert any(v.startswith("comasec-filestore:") for v in odoo["volumes"])
    assert any(v.startswith("comasec-db:") for v in services["db"]["volumes"])
    assert {"comasec-db", "comasec-filestore"} <= set(compose["volumes"])
    for module in MODULES:
        assert module in odoo["command"]
    assert "tests/run" in services["tests"]["command"][0]
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DOCKER / source).resolve().exists(), f"compose.yaml mounts {source}, which is missing"


def test_readme_commands_stay_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "docker compose -f docker/compose.yaml up\n" in readme
    assert "docker compose -f docker/compose.yaml run --rm tests\n" in readme


def test_config_files_exist():
    for name in ("odoo.docker.conf", "odoo.local.conf", "odoo.test.conf"):
        assert "[options]" in (ROOT / "config" / name).read_text()
