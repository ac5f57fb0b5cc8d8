#!/usr/bin/env bash
# Feedback intake benchmark: starts Masam (Release) on a fresh SQLite file on loopback with the
# rate limit off, then drives /health/live and POST /api/v1/feedback with the same number of
# connections, and checks that every accepted submission is in the database.
#   bench/intake.sh [connections=32] [seconds=20]
# BENCH_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres" runs it on PostgreSQL (bench/start-masam.sh).
# BENCH_SETTINGS="--Masam:Metrics:Enabled=false" passes more settings to the app (a baseline without metrics, say).
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-32}
seconds=${2:-20}
port=5099
source bench/start-masam.sh

dotnet build -c Release bench/Masam.Bench.Intake -v quiet -nologo >/dev/null
# shellcheck disable=SC2086 # BENCH_SETTINGS is a list of arguments
start_masam --Masam:RateLimit:FeedbackPerMinute=0 ${BENCH_SETTINGS:-}
dotnet bench/Masam.Bench.Intake/bin/Release/net10.0/Masam.Bench.Intake.dll \
  --url "http://127.0.0.1:$port" --connections "$connections" --seconds "$seconds" --db "$database"
