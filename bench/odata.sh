#!/usr/bin/env bash
# OData query feed benchmark: typical analyst queries against a Masam file with many feedback rows
# (the aggregation benchmark's file: BENCH_DB=/tmp/agg10m/masam.db bench/aggregation.sh first),
# each run N times in a row after a first run; prints p50 and p95 of the response times, and the first run's
# (the satisfaction figures are built on the first request after each aggregation run, then kept in memory).
# Then the floors of the two counts over raw feedback: the same SQL in the sqlite3 shell.
#   BENCH_DB=/tmp/agg10m/masam.db bench/odata.sh [runs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
db=${BENCH_DB:?set BENCH_DB to a Masam SQLite file, e.g. the one bench/aggregation.sh keeps}
port=5096
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }; rm -rf "$work"' EXIT
dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll --contentRoot "$PWD/src/Masam.Web" --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Masam="Data Source=$db" --Masam:Jobs:SqlitePath="$work/hangfire.db" --Masam:Figures:AggregateOnStart=false \
  --Masam:Bootstrap:AdminEmail=bench-analyst@masam.test --Masam:Bootstrap:AdminPassword="bench analyst password" \
  --Masam:Accounts:RequireAdminTwoFactor=false \
  --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"
token=$(curl -sf -X POST "$base/api/v1/auth/sign-in" -H 'Content-Type: application/json' \
  -d '{"email":"bench-analyst@masam.test","password":"bench analyst password"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
rows=$(sqlite3 "$db" "SELECT count(*) FROM Feedback;")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version); $rows feedback rows"

measure() {
  local name=$1 url=$2
  local first
  first=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$url") || { echo "$name: failed"; return; }
  local times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$url")")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
p = lambda q: t[min(len(t) - 1, int(round(q * (len(t) - 1))))]
print(f'$name: p50 {p(0.5):8.1f} ms   p95 {p(0.95):8.1f} ms   ({len(t)} runs; first {float(\"$first\") * 1000:.0f} ms)')"
}

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="=&$/(),"))' "$1"; }
measure "filter + sort, top 100 (Feedback, one aimag)" "/odata/Feedback?$(enc "\$filter=AimagCode eq '181' and Score le 2&\$orderby=ReceivedAt desc&\$top=100")"
measure "filter + sort, top 100 (Feedback, one provider)" "/odata/Feedback?$(enc "\$filter=ProviderId eq 5&\$orderby=ReceivedAt desc&\$top=100")"
measure "count (Feedback, closed)" "/odata/Feedback/\$count?$(enc "\$filter=Status eq 'closed'")"
measure "apply over the figures (aimags, by dimension)" "/odata/SatisfactionFigures?$(enc "\$apply=filter(PeriodType eq 'year' and Level eq 'aimag')/groupby((Period,Dimension),aggregate(N with sum as Responses))")"
measure "filter + top 100 (SatisfactionFigures, soums of an aimag)" "/odata/SatisfactionFigures?$(enc "\$filter=AimagCode eq '181' and Level eq 'soum' and Dimension eq 'all'&\$orderby=Rate desc&\$top=100")"
measure "apply over raw feedback (count by aimag)" "/odata/Feedback?$(enc "\$apply=groupby((AimagCode),aggregate(\$count as N))")"
measure "apply over the stored counts (valid feedback by aimag)" "/odata/FeedbackCounts?$(enc "\$apply=filter(Dimension eq 'all')/groupby((AimagCode),aggregate(N with sum as N))")"

# The floors: the same counts asked of the file directly in the sqlite3 shell, best of three (indexes warm).
floor() {
  local name=$1 sql=$2
  local best
  best=$(for _ in 1 2 3; do
    local start; start=$(date +%s%N); sqlite3 "$db" "$sql" >/dev/null; echo $(( ($(date +%s%N) - start) / 1000000 ))
  done | sort -n | head -1)
  echo "$name: floor $best ms (the sqlite3 shell, start included, best of three)"
}
floor "count (Feedback, closed)" "SELECT count(*) FROM Feedback WHERE Status = 'Closed';"
floor "count by aimag (Feedback)" "SELECT AimagCode, count(*) FROM Feedback GROUP BY AimagCode;"
