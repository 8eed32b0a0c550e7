#!/usr/bin/env bash
# Nightly backup: the database (pg_dump custom format) and the files folder.
#   DATABASE_URL, DANVAN_DATA_DIR  from /etc/danvan/env
#   BACKUP_DIR (default /var/backups/danvan), KEEP_DAYS (default 14)
# Prints the two files it wrote. Restore with deploy/restore.sh.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${DANVAN_DATA_DIR:?DANVAN_DATA_DIR is not set}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/danvan}
KEEP_DAYS=${KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BACKUP_DIR"
dump="$BACKUP_DIR/danvan-$stamp.dump"
files="$BACKUP_DIR/danvan-files-$stamp.tar.gz"
pg_dump --format=custom --no-owner --file="$dump.part" "$DATABASE_URL"
mv "$dump.part" "$dump"
if [ -d "$DANVAN_DATA_DIR/files" ]; then
  tar -C "$DANVAN_DATA_DIR" -czf "$files.part" files
else
  tar -czf "$files.part" --files-from /dev/null
fi
mv "$files.part" "$files"
find "$BACKUP_DIR" -name 'danvan-*' -mtime +"$KEEP_DAYS" -delete
echo "$dump"
echo "$files"
