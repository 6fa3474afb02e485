"""Restore drill: the database under test is backed up with the suite's own script
(docker/backup.sh, as the nightly service runs it), restored under another name with
docker/restore.sh, and what an operator checks after a restore is compared: the
cooperatives, members, journal entries, certificates and attachments, and every
attachment's file in the restored filestore with its content's checksum.

Real PostgreSQL, real pg_dump / pg_restore, the real scripts; the restored database and
its filestore are dropped at the end."""

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import odoo
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, config

ROOT = Path(__file__).resolve().parents[2]
# What an operator compares after a restore, by table (SQL: the same count on both sides).
COUNTS = {
    "cooperatives": "SELECT count(*) FROM res_partner WHERE comasec_is_cooperative",
    "members": "SELECT count(*) FROM comasec_coop_member",
    "journal entries": "SELECT count(*) FROM account_move",
    "posted entries": "SELECT count(*) FROM account_move WHERE state = 'posted'",
    "journal items (sum of debits)": "SELECT count(*), sum(debit) FROM account_move_line",
    "label certificates": "SELECT count(*) FROM comasec_label_certificate",
    "training certificates": "SELECT count(*) FROM comasec_training_certificate",
    "attachments": "SELECT count(*) FROM ir_attachment",
    "attachments stored as files": "SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL",
    "users": "SELECT count(*) FROM res_users",
}


def counts(cr):
    result = {}
    for name, query in COUNTS.items():
        cr.execute(SQL(query))
        result[name] = cr.fetchone()
    return result


def files_checked(cr, filestore):
    """(files present with the content their attachment's checksum says, files missing or altered)."""
    cr.execute(SQL("SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL"))
    good, bad = 0, []
    for store_fname, checksum in cr.fetchall():
        path = Path(filestore) / store_fname
        if path.is_file() and hashlib.sha1(path.read_bytes()).hexdigest() == checksum:
            good += 1
        else:
            bad.append(store_fname)
    return good, bad


@tagged("post_install", "-at_install")
class TestRestoreDrill(TransactionCase):
    def setUp(self):
        super().setUp()
        for tool in ("pg_dump", "pg_restore", "psql", "createdb", "dropdb"):
            if not shutil.which(tool):
                self.skipTest(f"{tool} is not installed (PostgreSQL client)")
        self.source = self.env.cr.dbname
        self.restored = f"{self.source}_drill_{os.getpid()}"
        self.backups = tempfile.mkdtemp(prefix="comasec-backups-")
        self.script_env = {
            **os.environ,
            "ODOO_DATA_DIR": config["data_dir"],
            "BACKUP_DIR": self.backups,
            "BACKUP_KEEP": "1",
        }
        for option, variable in (("db_host", "PGHOST"), ("db_port", "PGPORT"), ("db_user", "PGUSER")):
            if config[option]:
                self.script_env[variable] = str(config[option])
        if config["db_password"]:
            self.script_env["PGPASSWORD"] = config["db_password"]
        self.addCleanup(shutil.rmtree, self.backups, ignore_errors=True)
        self.addCleanup(self.drop_restored)

    def drop_restored(self):
        subprocess.run(["dropdb", "--if-exists", "--force", self.restored], env=self.script_env, check=False)
        shutil.rmtree(config.filestore(self.restored), ignore_errors=True)

    def run_script(self, *args):
        return subprocess.run(
            [str(ROOT / "docker" / args[0]), *args[1:]], env=self.script_env, capture_output=True, text=True
        )

    def backup(self):
        result = self.run_script("backup.sh", self.source)
        self.assertEqual(result.returncode, 0, result.stderr)
        return sorted(Path(self.backups).iterdir())

    def test_backup_restore_under_another_name_keeps_everything(self):
        before = counts(self.env.cr)
        self.assertGreater(before["attachments stored as files"][0], 0, "a drill needs files in the filestore")
        good, bad = files_checked(self.env.cr, config.filestore(self.source))
        self.assertFalse(bad, "the source's filestore misses files: the drill would compare nothing")

        first = self.backup()
        self.assertEqual(len(first), 1)
        self.assertEqual({p.name for p in first[0].iterdir()}, {"db.dump", "filestore.tar.gz", "BACKUP", "SHA256SUMS"})
        # The nightly keeps BACKUP_KEEP backups (1 here): a second one replaces the first.
        second = self.backup()
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second[0].name, first[0].name)

        result = self.run_script("restore.sh", str(second[0]), self.restored)
        self.assertEqual(result.returncode, 0, result.stderr)
        with odoo.sql_db.db_connect(self.restored).cursor() as cr:
            after = counts(cr)
            restored_good, restored_bad = files_checked(cr, config.filestore(self.restored))
        self.assertEqual(after, before)
        self.assertEqual((restored_good, restored_bad), (good, []))

    def test_restore_refuses_an_existing_database_and_a_damaged_backup(self):
        backup = self.backup()[0]
        before = counts(self.env.cr)
        result = self.run_script("restore.sh", str(backup), self.source)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"the database {self.source} exists", result.stderr)
        self.assertEqual(counts(self.env.cr), before)

        with open(backup / "db.dump", "ab") as dump:
            dump.write(b"\0")
        result = self.run_script("restore.sh", str(backup), self.restored)
        self.assertEqual(result.returncode, 1)
        self.assertIn("is damaged: its checksums do not match", result.stderr)
        self.env.cr.execute(SQL("SELECT 1 FROM pg_database WHERE datname = %s", self.restored))
        self.assertFalse(self.env.cr.fetchone(), "a refused restore creates no database")
        self.assertFalse(os.path.exists(config.filestore(self.restored)))
