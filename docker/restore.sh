#!/usr/bin/env bash
# Restore a backup of backup.sh as a database and its filestore.
#
#   restore.sh BACKUP NEW_DB
#
# BACKUP is a directory made by backup.sh; NEW_DB must not exist yet (nor its filestore):
# the same name as the lost database after a disaster, another name for a drill or a
# copy (then neutralize the copy: docs/operations.md). Nothing is left half-restored: a
# failure drops the new database and its filestore.
#
# Environment: as backup.sh (PGHOST, PGPORT, PGUSER, PGPASSWORD or PGPASSWORD_FILE,
# ODOO_DATA_DIR).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: restore.sh BACKUP_DIRECTORY NEW_DATABASE" >&2
    exit 2
fi
BACKUP="$1"
NEW_DB="$2"
DATA_DIR="${ODOO_DATA_DIR:-/var/lib/odoo}"
if [ -n "${PGPASSWORD_FILE:-}" ]; then
    PGPASSWORD="$(<"$PGPASSWORD_FILE")"
    export PGPASSWORD
fi
fail() { echo "restore.sh: $*" >&2; exit 1; }

[ -f "$BACKUP/SHA256SUMS" ] || fail "$BACKUP is not a backup of backup.sh (no SHA256SUMS)"
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS) || fail "$BACKUP is damaged: its checksums do not match"
OLD_DB="$(sed -n 's/^database=//p' "$BACKUP/BACKUP")"
case "$NEW_DB" in ''|*[!A-Za-z0-9_.-]*) fail "'$NEW_DB' is not a database name Odoo accepts (letters, digits, _ . -)" ;; esac
EXISTS="$(psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$NEW_DB'")"
[ -z "$EXISTS" ] || fail "the database $NEW_DB exists: restore under another name, or drop it first"
FILESTORE="$DATA_DIR/filestore/$NEW_DB"
[ ! -e "$FILESTORE" ] || fail "$FILESTORE exists: move it away or restore under another name"

cleanup() {
    echo "restore.sh: FAILED, dropping $NEW_DB and its filestore" >&2
    dropdb --if-exists --force "$NEW_DB" || true
    rm -rf "$FILESTORE" "$FILESTORE.partial"
}
trap cleanup ERR
createdb "$NEW_DB"
# As Odoo's own restore does: with unaccent on, Odoo marks unaccent(text) IMMUTABLE for
# its indexes, which pg_dump does not keep (an extension's functions are not dumped), so
# the indexes fail to restore unless the extension is made so first.
if pg_restore -l "$BACKUP/db.dump" | grep ' EXTENSION - unaccent' >/dev/null; then
    psql -X -q -v ON_ERROR_STOP=1 -d "$NEW_DB" \
        -c "CREATE EXTENSION IF NOT EXISTS unaccent" -c "ALTER FUNCTION unaccent(text) IMMUTABLE"
fi
pg_restore --exit-on-error --no-owner --no-privileges --jobs=2 -d "$NEW_DB" "$BACKUP/db.dump"
mkdir -p "$FILESTORE.partial"
tar -C "$FILESTORE.partial" -xzf "$BACKUP/filestore.tar.gz"
if [ -d "$FILESTORE.partial/$OLD_DB" ]; then
    mv "$FILESTORE.partial/$OLD_DB" "$FILESTORE"
    rmdir "$FILESTORE.partial"
else
    mv "$FILESTORE.partial" "$FILESTORE"
fi
trap - ERR
echo "restore.sh: $BACKUP restored as the database $NEW_DB, filestore $FILESTORE"
