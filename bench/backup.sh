#!/usr/bin/env bash
# Backup and restore benchmark on SQLite: times `backup --to` of a database against two floors
# measured in the same run (sqlite3's own online .backup of the same file, and cp), then
# `restore --from` of that backup into an empty place against cp of the backup's database.
#   BENCH_DB=/path/to/masam.db bench/backup.sh      (a large file: bench/aggregation.sh makes one)
# Without BENCH_DB it backs up a fresh demo database (small: the fixed costs).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
# The command word comes first (backup, restore), then settings.
masam() { local command=$1; shift; dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll "$command" --contentRoot "$PWD/src/Masam.Web" --Logging:LogLevel:Default=Warning "$@"; }
seconds() { local start; start=$(date +%s.%N); "$@" >/dev/null; printf "%.2f" "$(echo "$(date +%s.%N) - $start" | bc)"; }

db=${BENCH_DB:-}
if [ -z "$db" ]; then
  db="$work/source.db"
  # A start with the demo makes and fills the database; stop it once it is ready.
  # exec: $! is the server itself, which the kill below then stops (not only the shell that started it).
  (exec dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll --urls=http://127.0.0.1:5098 --contentRoot "$PWD/src/Masam.Web" \
    --Logging:LogLevel:Default=Warning --ConnectionStrings:Masam="Data Source=$db" --Masam:SeedDemoData=true \
    --Masam:Jobs:SqlitePath="$work/hangfire.db" >/dev/null 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5098/health/ready >/dev/null && break; sleep 1; done
  kill "$pid"; wait "$pid" || true
fi
settings=(--ConnectionStrings:Masam="Data Source=$db" --Masam:Jobs:SqlitePath="$work/hangfire.db"
  --Masam:Publications:PublishedPath="$work/published" --Masam:Publications:DraftPath="$work/drafts")
echo "machine: $(nproc) cores; database $(du -h "$db" | cut -f1) ($db)"
cat "$db" >/dev/null # each step then starts from a warm page cache
echo "cp of the file:          $(seconds cp "$db" "$work/copy.db") s"; rm -f "$work/copy.db"
echo "sqlite3 .backup:         $(seconds sqlite3 "$db" ".backup '$work/floor.db'") s"; rm -f "$work/floor.db"
echo "masam backup:            $(seconds masam backup --to "$work/backup" "${settings[@]}" --allow-plain-keys) s (hashes every file too)"
echo "cp of the backup's db:   $(seconds cp "$work/backup/database/masam.db" "$work/copy.db") s"; rm -f "$work/copy.db"
echo "masam restore:           $(seconds masam restore --from "$work/backup" --ConnectionStrings:Masam="Data Source=$work/restored/masam.db" \
  --Masam:Jobs:SqlitePath="$work/restored/hangfire.db" --Masam:Publications:PublishedPath="$work/restored/published" \
  --Masam:Publications:DraftPath="$work/restored/drafts") s (checks every file, then the audit chain)"
