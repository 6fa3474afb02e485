"""The image and compose files are what the README and docs/operations.md promise.

No Docker daemon is needed: the Dockerfile is read instruction by instruction and every
file it copies, and every file a compose file mounts, must exist in the repository."""

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
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


def prod_compose():
    return yaml.safe_load((DOCKER / "compose.prod.yaml").read_text())


def test_production_compose_closes_what_development_leaves_open():
    compose = prod_compose()
    services = compose["services"]
    assert {"db", "odoo", "nginx", "backup"} <= set(services)
    odoo = services["odoo"]
    assert odoo["image"] == IMAGE and odoo["build"]["dockerfile"] == "docker/Dockerfile"
    assert odoo["entrypoint"] == ["prod-entrypoint.py"]
    assert services["backup"]["image"] == IMAGE
    # secrets come from files outside git, never from the compose file or the template
    env = odoo["environment"]
    assert env["ODOO_DB_PASSWORD_FILE"] == "/run/secrets/db_password"
    assert env["ODOO_ADMIN_PASSWD_FILE"] == "/run/secrets/odoo_master_password"
    assert services["db"]["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    for name, service in services.items():
        for key in service.get("environment", {}):
            assert "PASSW" not in key or key.endswith("_FILE"), f"{name} takes {key} in clear"
    for secret in compose["secrets"].values():
        assert secret["file"].startswith("${COMASEC_SECRETS:-./secrets}/")
    assert "/docker/secrets/" in (ROOT / ".gitignore").read_text().splitlines()
    assert any(v.startswith("db-data:") for v in services["db"]["volumes"])
    assert {"db-data", "odoo-data", "backups"} <= set(compose["volumes"])
    assert "odoo-data:/var/lib/odoo" in odoo["volumes"] and "odoo-data:/var/lib/odoo" in services["backup"]["volumes"]
    assert services["backup"]["entrypoint"] == ["backup.sh", "--nightly"]
    assert services["backup"]["environment"]["PGPASSWORD_FILE"] == "/run/secrets/db_password"
    assert "ports" not in odoo, "Odoo is reached through nginx only"


def test_production_template_has_no_secret_and_production_options():
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "config" / "odoo.prod.conf")
    options = parser["options"]
    assert "admin_passwd" not in options and "db_password" not in options
    assert options["list_db"] == "False" and options["proxy_mode"] == "True"
    assert options["dbfilter"] == "^comasec$"
    assert int(options["workers"]) >= 2 and int(options["max_cron_threads"]) >= 1
    for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu", "limit_time_real"):
        assert int(options[limit]) > 0
    assert options["without_demo"] == "all"
    assert options["addons_path"].startswith("/opt/comasec/addons,")
    # no replica unless one is given: Odoo opens its read-only pool when this is not False
    assert options["db_replica_host"] == "False"
    nginx = (DOCKER / "nginx" / "upstreams.conf").read_text()
    assert f"odoo:{options['http_port']}" in nginx and f"odoo:{options['gevent_port']}" in nginx


def nginx_check(site, tmp_path):
    """nginx -t on the site with the upstreams on loopback and a throw-away certificate."""
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("nginx or openssl is not installed (apt-get install nginx-light)")
    conf = tmp_path / "comasec"
    conf.mkdir()
    for path in (DOCKER / "nginx").glob("*.conf"):
        text = path.read_text().replace("/etc/nginx/comasec/", f"{conf}/").replace("/etc/nginx/certs/", f"{tmp_path}/")
        (conf / path.name).write_text(text.replace("server odoo:", "server 127.0.0.1:"))
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    (tmp_path / "nginx.conf").write_text(
        f"error_log {tmp_path}/error.log; pid {tmp_path}/nginx.pid;\n"
        f"events {{}}\nhttp {{ access_log off; include {conf}/{site}; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_nginx_site_without_certificate_is_valid(tmp_path):
    nginx_check("http.conf", tmp_path)


def test_nginx_site_with_certificate_is_valid(tmp_path):
    nginx_check("https.conf", tmp_path)


def test_nginx_routes_the_websocket_to_the_gevent_port():
    locations = (DOCKER / "nginx" / "odoo-locations.conf").read_text()
    websocket = locations.split("location /websocket {")[1].split("}")[0]
    assert "proxy_pass http://odoo_gevent;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "X-Forwarded-Proto" in websocket, "a location that sets headers inherits none"
    script = (DOCKER / "nginx" / "40-comasec-site.sh").read_text()
    assert "https.conf" in script and "http.conf" in script


def test_scripts_the_image_runs_are_executable_and_parse():
    for name in ("backup.sh", "restore.sh", "prod-entrypoint.py", "nginx/40-comasec-site.sh"):
        path = DOCKER / name
        assert os.access(path, os.X_OK), f"docker/{name} must be executable: the image runs it as a command"
        assert path.read_text().startswith("#!"), f"docker/{name} has no interpreter line"
        if name.endswith(".sh"):
            shell = "bash" if "bash" in path.read_text().splitlines()[0] else "sh"
            result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr


def render(tmp_path, admin, **env):
    (tmp_path / "db").write_text("db-secret-value\n")
    (tmp_path / "admin").write_text(admin)
    return subprocess.run(
        [sys.executable, str(DOCKER / "prod-entrypoint.py"), "--render", str(tmp_path / "odoo.conf")],
        env={
            "PATH": os.environ.get("PATH", ""),
            "ODOO_CONF_TEMPLATE": str(ROOT / "config" / "odoo.prod.conf"),
            "ODOO_DB_PASSWORD_FILE": str(tmp_path / "db"),
            "ODOO_ADMIN_PASSWD_FILE": str(tmp_path / "admin"),
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_production_entrypoint_writes_secrets_from_files_and_refuses_weak_ones(tmp_path):
    pytest.importorskip("passlib")
    import configparser

    result = render(tmp_path, "a-long-random-master-password", ODOO_WORKERS="8", ODOO_DB_PASSWORD="in-clear")
    assert result.returncode == 0, result.stderr
    assert oct((tmp_path / "odoo.conf").stat().st_mode & 0o777) == "0o600"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(tmp_path / "odoo.conf")
    options = parser["options"]
    assert options["workers"] == "8"
    assert options["db_password"] == "db-secret-value", "a secret comes from its file, never from a variable"
    assert options["admin_passwd"].startswith("$pbkdf2-sha512$")
    assert "a-long-random-master-password" not in (tmp_path / "odoo.conf").read_text()
    result = render(tmp_path, "admin")
    assert result.returncode == 1 and "too weak" in result.stderr
    result = render(tmp_path, "a-long-random-master-password", ODOO_ADMIN_PASSWD_FILE=str(tmp_path / "missing"))
    assert result.returncode == 1 and "cannot read ODOO_ADMIN_PASSWD_FILE" in result.stderr
