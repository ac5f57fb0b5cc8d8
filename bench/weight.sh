#!/usr/bin/env bash
# What a phone downloads: each page's transfer size and, with the CSS, scripts and images it links,
# the total (Brotli accepted, as browsers ask; HTML is sent uncompressed on purpose, see README),
# and the size of each published PDF. Against a running Masam, by default the README's
# `dotnet run --project src/Masam.Web` on http://localhost:5080 once its demo is loaded.
#   bench/weight.sh [base-url] [path ...]
set -euo pipefail
base=${1:-http://localhost:5080}
shift || true
paths=("$@")
[ ${#paths[@]} -eq 0 ] && paths=(/ /feedback "/feedback?aimag=181&soum=MN18101" /aimag/181 /track /reports)
printf '%-36s %10s %12s\n' path "page (B)" "all (B)"
for path in "${paths[@]}"; do
  html=$(curl -sf --compressed "$base$path")
  page=$(curl -sf -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base$path")
  total=$page
  for asset in $(grep -oE '(href|src)="/[^"]+\.(css|js|svg|png|woff2?)(\?[^"]*)?"' <<<"$html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g' | sort -u); do
    total=$((total + $(curl -sf -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base$asset")))
  done
  printf '%-36s %10d %12d\n' "$path" "$page" "$total"
done
if [ -d reports/published ]; then
  echo
  find reports/published -name '*.pdf' -printf '%s %p\n' | sort -k2 | awk '{ printf "%-64s %8.1f KB\n", $2, $1 / 1024 }'
fi
