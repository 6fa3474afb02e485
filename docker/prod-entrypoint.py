#!/usr/bin/env python3
"""Start Odoo in production: config/odoo.prod.conf rendered with the environment and the
secrets, then odoo.

    prod-entrypoint.py [odoo options...]   write the configuration, then exec odoo -c it
    prod-entrypoint.py --render PATH       only write the configuration to PATH

Environment:
    ODOO_<OPTION>=value       overrides an option of the template (ODOO_WORKERS=8, ODOO_DB_HOST=db1);
                              other variables are ignored (the image sets ODOO_RC, ODOO_VERSION)
    ODOO_DB_PASSWORD_FILE     file holding the database password (a compose secret)
    ODOO_ADMIN_PASSWD_FILE    file holding the master password, written hashed
    ODOO_CONF_TEMPLATE        the template (default /etc/odoo/odoo.prod.conf.in)
    ODOO_CONF                 where the configuration goes (default /tmp/odoo.conf)
"""

import configparser
import os
import sys

SECRETS = {"db_password": "ODOO_DB_PASSWORD_FILE", "admin_passwd": "ODOO_ADMIN_PASSWD_FILE"}


def fail(message):
    sys.exit(f"prod-entrypoint: {message}")


def read_secret(option, variable):
    path = os.environ.get(variable)
    if not path:
        fail(f"{variable} is not set: give the {option} as a secret file (docs/operations.md)")
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().strip()
    except OSError as exc:
        fail(f"cannot read {variable}={path}: {exc.strerror}")
    if not value:
        fail(f"{path} ({variable}) is empty")
    if option == "admin_passwd" and (value == "admin" or len(value) < 12):
        fail(f"the master password in {path} is too weak: use at least 12 random characters")
    return value


def render(template, target):
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(template):
        fail(f"no configuration template at {template}")
    options = parser["options"]
    for option in list(options):
        # secrets only come from files, never from a plain variable
        if option not in SECRETS and f"ODOO_{option.upper()}" in os.environ:
            options[option] = os.environ[f"ODOO_{option.upper()}"]
    options["db_password"] = read_secret("db_password", SECRETS["db_password"])
    # Odoo accepts a passlib hash: the master password is never written in clear.
    from passlib.context import CryptContext

    admin = read_secret("admin_passwd", SECRETS["admin_passwd"])
    options["admin_passwd"] = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=600_000).hash(admin)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        parser.write(handle)


def main(argv):
    template = os.environ.get("ODOO_CONF_TEMPLATE", "/etc/odoo/odoo.prod.conf.in")
    if argv[:1] == ["--render"]:
        if len(argv) != 2:
            fail("usage: prod-entrypoint.py --render PATH")
        render(template, argv[1])
        return
    target = os.environ.get("ODOO_CONF", "/tmp/odoo.conf")
    render(template, target)
    os.execvp("odoo", ["odoo", "-c", target, *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
