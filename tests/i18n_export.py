#!/usr/bin/env python3
"""Regenerate the translation templates of the four CoMaSec addons and merge fr.po / ar.po.

One command, from anywhere in the repository (PostgreSQL as for tests/run: PGHOST, PGPORT,
PGUSER, PGPASSWORD, default localhost/5432/odoo/odoo)::

    python3 tests/i18n_export.py
        installs the four addons with demo data (as tests/run does) into a temporary
        database, exports, drops the database;
    python3 tests/i18n_export.py --template comasec_deps
        the same, faster: the temporary database starts as a copy of a database that has
        the dependencies installed (the template is only read);
    python3 tests/i18n_export.py --db mydb
        exports from an existing database where the four addons are installed and up to
        date (upgrade them first with -u); nothing is installed or dropped.

For each addon it:

1. exports the addon's terms with Odoo's own exporter (``odoo.tools.translate.trans_export``
   with no language, what ``odoo-bin --i18n-export --modules=<module>`` runs) and writes
   ``i18n/<module>.pot``;
2. rewrites ``i18n/fr.po`` and ``i18n/ar.po`` from the template, keeping each existing
   translation of an identical msgid (exact match, no fuzzy guess, like Odoo's own loader
   merging a .po with its .pot) and the file's header; terms gone from the template are
   dropped (git history keeps them);
3. prints, per language, the msgids that still have no translation: translate them in the
   .po files (keeping the placeholders, tests/suite/test_i18n.py checks) and commit.

It is idempotent: a file whose new content differs from the committed one only by its
dates is left untouched, so a second run changes nothing. The terms come from the addons of
this repository (the addons path is ``<repo>/addons``) and, for data records, from the
database, hence the need for an installed, current database.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
import psycopg2

from odoo.modules.registry import Registry
from odoo.tools import config
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
MODULES = ("comasec_coop", "comasec_accounting_coaching", "comasec_label", "comasec_training")
LANGUAGES = ("fr", "ar")
DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")


def pg_env():
    return {
        "host": os.environ.get("PGHOST", "localhost"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "odoo"),
        "password": os.environ.get("PGPASSWORD", "odoo"),
    }


def write_config(path):
    pg = pg_env()
    path.write_text(
        "[options]\n"
        f"addons_path = {ADDONS}\n"
        f"db_host = {pg['host']}\ndb_port = {pg['port']}\n"
        f"db_user = {pg['user']}\ndb_password = {pg['password']}\n"
        "without_demo = False\nmax_cron_threads = 0\nworkers = 0\n"
    )


def postgres(sql):
    conn = psycopg2.connect(dbname="postgres", **pg_env())
    conn.autocommit = True
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def install(conf, db, template):
    """A fresh database with the four addons and their demo data."""
    postgres(f'CREATE DATABASE "{db}"' + (f' TEMPLATE "{template}"' if template else ""))
    print(f"Installing {', '.join(MODULES)} into the temporary database {db} ...", flush=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            str(conf),
            "-d",
            db,
            "-i",
            ",".join(MODULES),
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=False,
    )
    if done.returncode:
        sys.exit(f"Installing the addons into {db} failed (exit status {done.returncode}).")


def export_templates(conf, db):
    """{module: .pot text} written by Odoo's exporter from database ``db``."""
    config.parse_config(["-c", str(conf), "-d", db, "--log-level=warn"])
    templates = {}
    with Registry(db).cursor() as cr:
        # One export per module, as odoo-bin --i18n-export --modules=<module> does: a record
        # with external ids in several modules (a model our addons all extend) is read once
        # per module only this way.
        for module in MODULES:
            buffer = io.BytesIO()
            trans_export(None, [module], buffer, "po", cr)
            templates[module] = buffer.getvalue().decode()
            if not polib.pofile(templates[module]):
                sys.exit(f"No term exported for {module}: is it installed in {db}?")
    return templates


def without_dates(text):
    return "\n".join(line for line in text.splitlines() if not line.startswith(tuple(f'"{k}:' for k in DATE_KEYS)))


def save(path, text):
    """Write ``text`` unless the file already says the same apart from its dates."""
    if path.is_file() and without_dates(path.read_text()) == without_dates(text):
        return False
    path.write_text(text)
    return True


def merge(template, po_path, lang):
    """The .po text for ``lang``: the template's entries with the existing translations."""
    old = polib.pofile(str(po_path)) if po_path.is_file() else None
    translated = {entry.msgid: entry for entry in old or [] if not entry.obsolete and entry.msgstr.strip()}
    po = polib.POFile()
    po.header = old.header if old else template.header
    po.metadata = dict(old.metadata) if old else dict(template.metadata, Language=lang)
    po.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    for entry in template:
        previous = translated.get(entry.msgid)
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=previous.msgstr if previous else "",
                comment=entry.comment,
                occurrences=entry.occurrences,
                tcomment=previous.tcomment if previous else "",
            )
        )
    return str(po)


def update(templates):
    """Write the templates and merged translations; return {(module, lang): [untranslated msgids]}."""
    untranslated = {}
    for module in MODULES:
        i18n = ADDONS / module / "i18n"
        i18n.mkdir(exist_ok=True)
        pot_path = i18n / f"{module}.pot"
        before = {e.msgid for e in polib.pofile(str(pot_path))} if pot_path.is_file() else set()
        template = polib.pofile(templates[module])
        after = {e.msgid for e in template}
        changed = save(pot_path, templates[module])
        print(
            f"{module}: {len(after)} terms, {len(after - before)} new, {len(before - after)} gone"
            + ("" if changed else " (template unchanged)")
        )
        for lang in LANGUAGES:
            po_path = i18n / f"{lang}.po"
            save(po_path, merge(template, po_path, lang))
            untranslated[module, lang] = [e.msgid for e in polib.pofile(str(po_path)) if not e.msgstr.strip()]
    return untranslated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing database with the four addons installed and current")
    parser.add_argument("--template", help="database to copy for the temporary one (e.g. comasec_deps)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "odoo.conf"
        write_config(conf)
        db = args.db or f"comasec_i18n_{int(time.time())}_{os.getpid()}"
        try:
            if not args.db:
                install(conf, db, args.template)
            templates = export_templates(conf, db)
        finally:
            if not args.db:
                postgres(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
                shutil.rmtree(config.filestore(db), ignore_errors=True)
    untranslated = update(templates)
    print()
    for (module, lang), msgids in untranslated.items():
        print(f"{module} {lang}.po: {len(msgids)} untranslated")
        for msgid in msgids:
            print(f"    {msgid!r}")
    if not any(untranslated.values()):
        print("Every term is translated into French and Arabic.")


if __name__ == "__main__":
    main()
