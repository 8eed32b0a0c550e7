#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database DATABASE_URL names
# (its tables are replaced) and the files into DANVAN_DATA_DIR/files.
#   deploy/restore.sh /var/backups/danvan/danvan-STAMP.dump [/var/backups/danvan/danvan-files-STAMP.tar.gz]
# Stop the web and the workers first; start them after. `make prod-check` tests it.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${DANVAN_DATA_DIR:?DANVAN_DATA_DIR is not set}"
dump=${1:?usage: restore.sh DUMP [FILES.tar.gz]}
files=${2:-}
pg_restore --list "$dump" >/dev/null   # a damaged dump stops here, before anything is touched
pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" "$dump"
if [ -n "$files" ]; then
  mkdir -p "$DANVAN_DATA_DIR"
  rm -rf "$DANVAN_DATA_DIR/files.restoring"
  mkdir "$DANVAN_DATA_DIR/files.restoring"
  tar -C "$DANVAN_DATA_DIR/files.restoring" -xzf "$files"
  if [ -d "$DANVAN_DATA_DIR/files" ]; then mv "$DANVAN_DATA_DIR/files" "$DANVAN_DATA_DIR/files.before-restore.$(date +%s)"; fi
  if [ -d "$DANVAN_DATA_DIR/files.restoring/files" ]; then
    mv "$DANVAN_DATA_DIR/files.restoring/files" "$DANVAN_DATA_DIR/files"
  else
    mkdir -p "$DANVAN_DATA_DIR/files"
  fi
  rmdir "$DANVAN_DATA_DIR/files.restoring" 2>/dev/null || rm -rf "$DANVAN_DATA_DIR/files.restoring"
fi
echo "restored $dump${files:+ and $files}"
