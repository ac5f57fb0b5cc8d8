#!/usr/bin/env bash
# Feedback intake benchmark: starts Masam (Release) on a fresh SQLite file on loopback with the
# rate limit off, then drives /health/live and POST /api/v1/feedback with the same number of
# connections, and checks that every accepted submission is in the database.
#   bench/intake.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-32}
seconds=${2:-20}
port=5099
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }; rm -rf "$work"' EXIT

dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
dotnet build -c Release bench/Masam.Bench.Intake -v quiet -nologo >/dev/null
DOTNET_PerfMapEnabled=${PERFMAP:-0} DOTNET_EnableWriteXorExecute=${WXE:-1} dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll \
  --contentRoot "$PWD/src/Masam.Web" --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Masam="Data Source=$work/masam.db" \
  --Masam:RateLimit:FeedbackPerMinute=0 \
  --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version)"
dotnet bench/Masam.Bench.Intake/bin/Release/net10.0/Masam.Bench.Intake.dll \
  --url "http://127.0.0.1:$port" --connections "$connections" --seconds "$seconds" --db "$work/masam.db"
