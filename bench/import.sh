#!/usr/bin/env bash
# Scorecard import benchmark: starts Masam (Release) on a fresh SQLite file on loopback, then
# Masam.Bench.Import imports one ODK export of N submissions x M indicators through the API and,
# in the same run, inserts the same rows with a prepared statement (the floor).
#   bench/import.sh [submissions=10000] [indicators=10]
set -euo pipefail
cd "$(dirname "$0")/.."
submissions=${1:-10000}
indicators=${2:-10}
port=5098
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }; rm -rf "$work"' EXIT

dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
dotnet build -c Release bench/Masam.Bench.Import -v quiet -nologo >/dev/null
dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll \
  --contentRoot "$PWD/src/Masam.Web" --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Masam="Data Source=$work/masam.db" \
  --Masam:Bootstrap:AdminEmail=bench-admin@masam.test --Masam:Bootstrap:AdminPassword="bench admin password" \
  --Masam:Scorecards:ImportMaxBytes=268435456 --Masam:Reminders:OverdueCheckEnabled=false \
  --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version)"
dotnet bench/Masam.Bench.Import/bin/Release/net10.0/Masam.Bench.Import.dll \
  --url "http://127.0.0.1:$port" --pid "$app" --submissions "$submissions" --indicators "$indicators"
