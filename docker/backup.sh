#!/usr/bin/env bash
# A backup of one database and its filestore; the newest BACKUP_KEEP are kept.
#
#   backup.sh [DB]              one backup now: $BACKUP_DIR/<DB>-<UTC time>/ holding
#                               db.dump (pg_dump custom format), filestore.tar.gz, SHA256SUMS
#   backup.sh --nightly [DB]    one backup every day at $BACKUP_AT (UTC), forever
#                               (the backup service of docker/compose.prod.yaml)
#
# Environment: PGHOST, PGPORT, PGUSER, and PGPASSWORD or PGPASSWORD_FILE (a secret file);
# COMASEC_DB (default comasec) when DB is not given; ODOO_DATA_DIR (default
# /var/lib/odoo: the filestore is its filestore/<DB>); BACKUP_DIR (default
# /var/backups/comasec); BACKUP_KEEP (default 14); BACKUP_AT (default 02:30).
# Restore with restore.sh (docs/operations.md).
set -euo pipefail
# Backups hold every cooperative's books: readable by their owner only.
umask 077

NIGHTLY=0
if [ "${1:-}" = --nightly ]; then NIGHTLY=1; shift; fi
DB="${1:-${COMASEC_DB:-comasec}}"
DATA_DIR="${ODOO_DATA_DIR:-/var/lib/odoo}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/comasec}"
KEEP="${BACKUP_KEEP:-14}"
if [ -n "${PGPASSWORD_FILE:-}" ]; then
    PGPASSWORD="$(<"$PGPASSWORD_FILE")"
    export PGPASSWORD
fi
case "$KEEP" in ''|*[!0-9]*|0) echo "backup.sh: BACKUP_KEEP must be a number of backups, at least 1 (got '$KEEP')" >&2; exit 2 ;; esac

backup_once() {
    local stamp target partial
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    target="$BACKUP_DIR/$DB-$stamp"
    partial="$target.partial"
    mkdir -p "$partial"
    # The database first, then the files: Odoo never deletes a file an entry of the dump
    # still names (its garbage collection only takes unreferenced ones), so every
    # attachment of the dump is in the archive; files added meanwhile are only extra.
    pg_dump --format=custom --no-owner --no-privileges --file="$partial/db.dump" "$DB"
    if [ -d "$DATA_DIR/filestore/$DB" ]; then
        tar -C "$DATA_DIR/filestore" -czf "$partial/filestore.tar.gz" "$DB"
    else
        echo "backup.sh: no filestore at $DATA_DIR/filestore/$DB: backing up the database alone" >&2
        tar -czf "$partial/filestore.tar.gz" -T /dev/null
    fi
    printf 'database=%s\ntaken=%s\npg_dump=%s\n' "$DB" "$stamp" "$(pg_dump --version)" > "$partial/BACKUP"
    (cd "$partial" && sha256sum db.dump filestore.tar.gz BACKUP > SHA256SUMS)
    # Only a complete backup gets its final name, and only complete ones are counted.
    mv "$partial" "$target"
    echo "backup.sh: $target ($(du -sh "$target" | cut -f1))"
    find "$BACKUP_DIR" -maxdepth 1 -type d -name "$DB-*" ! -name '*.partial' -printf '%f\n' \
        | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
            rm -rf "${BACKUP_DIR:?}/$old"
            echo "backup.sh: removed $old (keeping $KEEP)"
        done
}

if [ "$NIGHTLY" = 0 ]; then
    backup_once
    exit 0
fi
AT="${BACKUP_AT:-02:30}"
while true; do
    now=$(date -u +%s)
    next=$(date -u -d "today $AT" +%s)
    [ "$next" -gt "$now" ] || next=$(date -u -d "tomorrow $AT" +%s)
    echo "backup.sh: next backup of $DB at $(date -u -d "@$next" '+%F %H:%M') UTC"
    sleep $((next - now))
    # A failed night is reported and retried the next night; the service keeps running.
    backup_once || echo "backup.sh: the backup of $(date -u +%F) FAILED" >&2
done
