#!/usr/bin/env bash
# Service-visit benchmark: starts Masam (Release, SMS on so that visits are taken) on a fresh SQLite
# file on loopback, then Masam.Bench.Visits uploads one CSV of N visits through the API and, in the
# same run, inserts the same rows with a prepared statement (the floor), and runs the survey's round
# over them. The startup aggregation is off, so that the upload does not share the two cores with it.
#   bench/visits.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
port=5097
source bench/start-masam.sh

dotnet build -c Release bench/Masam.Bench.Visits -v quiet -nologo >/dev/null
start_masam --Masam:Bootstrap:AdminEmail=bench-admin@masam.test --Masam:Bootstrap:AdminPassword="bench admin password" \
  --Masam:Accounts:RequireAdminTwoFactor=false --Masam:Figures:AggregateOnStart=false \
  --Masam:Sms:GatewaySecret=bench-gateway-secret-0123456789 --Masam:Sms:PhoneHashKey=bench-phone-hash-key-0123456789-abcdef \
  --Masam:Visits:FileMaxBytes=2147483647
dotnet bench/Masam.Bench.Visits/bin/Release/net10.0/Masam.Bench.Visits.dll --url "http://127.0.0.1:$port" --pid "$app" --rows "$rows"
