#!/usr/bin/env bash
# Aggregation benchmark: Masam makes a fresh SQLite file (geography, catalogue, demo providers), then
# Masam.Bench.Aggregation bulk-inserts N feedback rows and, in one run, times the floor (one GROUP BY
# in the sqlite3 shell), the full recompute, and the incremental run after M new rows.
#   bench/aggregation.sh [rows=10000000] [new=10000]        (needs the sqlite3 shell: apt-get install sqlite3)
# With BENCH_DB=path, the file is kept there and reused by the next run (generation is skipped).
# With BENCH_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres" it runs on a fresh PostgreSQL
# database on that server instead (the floor is then one GROUP BY in psql).
# With BENCH_WEIGHTING=1 (SQLite, on a file whose figures are counted, e.g. BENCH_DB from an earlier run)
# it times the weighted figures instead: the published weighted rates against republishing, the staff's
# weighted rate of the nation and the ranking of all areas against one GROUP BY of their cells.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
new=${2:-10000}
port=5097
source bench/start-masam.sh

dotnet build -c Release bench/Masam.Bench.Aggregation -v quiet -nologo >/dev/null
if [ -n "${BENCH_POSTGRES:-}" ]; then
  start_masam --Masam:Figures:AggregateOnStart=false
  kill "$app"; wait "$app" 2>/dev/null || true; app=
  dotnet bench/Masam.Bench.Aggregation/bin/Release/net10.0/Masam.Bench.Aggregation.dll --postgres "$database" --rows "$rows" --new "$new"
  exit
fi
db=${BENCH_DB:-$work/masam.db}
if [ ! -f "$db" ]; then
  start_masam --Masam:Figures:AggregateOnStart=false
  kill "$app"; wait "$app" 2>/dev/null || true; app=
  [ "$db" = "$work/masam.db" ] || cp "$work"/masam.db* "$(dirname "$db")/"
fi
dotnet bench/Masam.Bench.Aggregation/bin/Release/net10.0/Masam.Bench.Aggregation.dll --db "$db" --rows "$rows" --new "$new" ${BENCH_WEIGHTING:+--weighting}
