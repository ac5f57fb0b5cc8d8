#!/usr/bin/env bash
# Publication benchmark: a national report for N providers, each format written in its own process
# (time, file size, peak working set).
#   bench/reports.sh [providers=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${1:-5000}
dotnet build -c Release bench/Masam.Bench.Reports -v quiet -nologo >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version)"
for format in xlsx pdf csv json; do
  dotnet bench/Masam.Bench.Reports/bin/Release/net10.0/Masam.Bench.Reports.dll --providers "$providers" --format "$format"
done
