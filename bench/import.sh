#!/usr/bin/env bash
# Scorecard import benchmark: starts Masam (Release) on a fresh SQLite file on loopback, then
# Masam.Bench.Import imports one ODK export of N submissions x M indicators through the API and,
# in the same run, inserts the same rows with a prepared statement (the floor). The startup aggregation
# is off, so that the import does not share the two cores with it.
#   bench/import.sh [submissions=10000] [indicators=10]
set -euo pipefail
cd "$(dirname "$0")/.."
submissions=${1:-10000}
indicators=${2:-10}
port=5098
source bench/start-masam.sh

dotnet build -c Release bench/Masam.Bench.Import -v quiet -nologo >/dev/null
# The bench's Admin signs in by password: the import is measured, not the second factor an Admin needs elsewhere.
start_masam --Masam:Bootstrap:AdminEmail=bench-admin@masam.test --Masam:Bootstrap:AdminPassword="bench admin password" \
  --Masam:Accounts:RequireAdminTwoFactor=false --Masam:Scorecards:ImportMaxBytes=268435456 --Masam:Figures:AggregateOnStart=false
dotnet bench/Masam.Bench.Import/bin/Release/net10.0/Masam.Bench.Import.dll \
  --url "http://127.0.0.1:$port" --pid "$app" --submissions "$submissions" --indicators "$indicators"
