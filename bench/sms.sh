#!/usr/bin/env bash
# SMS benchmark: N messages injected at Kannel's fake operator link as fast as Kannel takes them,
# through bearerbox and smsbox to Masam, every one stored once and answered through Kannel's
# sendsms back to the operator link. Beside it, in the same run, Kannel alone: the same messages
# handed by smsbox to Masam's /health/live (a no-op) instead.
#   bench/sms.sh [messages=100000]
# Needs Kannel (apt-get install -y kannel kannel-extras) and sqlite3. Masam runs as in the other
# benchmarks (bench/start-masam.sh: Release, Production, demo providers, a fresh SQLite file).
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-100000}
port=5098
secret=bench-gateway-secret-0123456789
source bench/start-masam.sh
fakesmsc=/usr/lib/kannel/test/fakesmsc
[ -x "$fakesmsc" ] || { echo "kannel-extras is not installed (apt-get install -y kannel kannel-extras)" >&2; exit 1; }
[ -z "${BENCH_POSTGRES:-}" ] || { echo "bench/sms.sh counts with sqlite3: run it on SQLite" >&2; exit 1; }
kannels=()
stop_kannels() { for k in "${kannels[@]}"; do tests/kannel.sh stop "$k" >/dev/null 2>&1 || true; done; cleanup; }
trap stop_kannels EXIT

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
now() { date +%s.%N; }
# Waits until smsbox's access log has $2 answered requests; prints the seconds since $3.
wait_answered() {
  local log=$1 want=$2 since=$3 n=0
  while :; do
    n=$(grep -c "reply: 200" "$log" 2>/dev/null || true)
    [ "$n" -ge "$want" ] && break
    sleep 0.2
  done
  echo "$(now) - $since" | bc
}

# Kannel for Masam (its replies go back through this one's sendsms), then Masam pointed at it.
kannel_masam=$(tests/kannel.sh start "$work/kannel-masam" "http://127.0.0.1:$port" "$secret"); kannels+=("$work/kannel-masam")
start_masam --Masam:Sms:GatewaySecret="$secret" --Masam:Sms:PhoneHashKey=bench-phone-hash-key-0123456789abcdef \
  --Masam:Sms:Gateway=kannel --Masam:Sms:MaxPerPhonePerHour=0 \
  --Masam:Sms:Kannel:SendUrl="$(field "$kannel_masam" sendsms)" --Masam:Sms:Kannel:UserName=masam \
  --Masam:Sms:Kannel:Password="$(field "$kannel_masam" password)" --Masam:Sms:Kannel:From=1411 \
  --Masam:Sms:Kannel:CallbackBaseUrl="http://127.0.0.1:$port"
code=$(sqlite3 "$database" 'SELECT "SmsCode" FROM "Providers" WHERE "SmsCode" IS NOT NULL ORDER BY "Id" LIMIT 1')
before=$(sqlite3 "$database" 'SELECT COUNT(*) FROM "Feedback"')
echo "messages: $messages, each 'unelgee 4 $code <random number>' from a random number"

# 1. Kannel alone.
kannel_sink=$(tests/kannel.sh start "$work/kannel-sink" "http://127.0.0.1:$port" "$secret" sink); kannels+=("$work/kannel-sink")
start=$(now)
"$fakesmsc" -H 127.0.0.1 -r "$(field "$kannel_sink" smsc)" -i 0 -m "$messages" -z 5 -v 2 "9911 1411 text unelgee 4 $code x" >"$work/fake-sink.log" 2>&1 &
fake=$!
alone=$(wait_answered "$work/kannel-sink/smsbox-access.log" "$messages" "$start")
kill "$fake" 2>/dev/null || true
tests/kannel.sh stop "$work/kannel-sink"
printf 'Kannel alone (smsbox -> /health/live): %d messages in %.1f s, %.0f msg/s\n' "$messages" "$alone" "$(echo "$messages / $alone" | bc -l)"

# 2. Through Masam: stored, answered, the answers delivered to the operator link.
start=$(now)
"$fakesmsc" -H 127.0.0.1 -r "$(field "$kannel_masam" smsc)" -i 0 -m "$messages" -z 5 -v 0 "9911 1411 text unelgee 4 $code x" >"$work/fake-masam.log" 2>&1 &
fake=$!
taken=$(wait_answered "$work/kannel-masam/smsbox-access.log" "$messages" "$start")
while [ "$(grep -c 'Got message' "$work/fake-masam.log" || true)" -lt "$messages" ]; do sleep 0.2; done
answered=$(echo "$(now) - $start" | bc)
kill "$fake" 2>/dev/null || true
printf 'Masam (each stored, its reply queued): %d messages in %.1f s, %.0f msg/s (%.2f x Kannel alone)\n' \
  "$messages" "$taken" "$(echo "$messages / $taken" | bc -l)" "$(echo "$alone / $taken" | bc -l)"
printf '  every reply at the operator link after %.1f s, %.0f msg/s\n' "$answered" "$(echo "$messages / $answered" | bc -l)"

# Every message stored once and answered once; the delivery reports come back a little after the replies.
counts() { sqlite3 -separator ' ' "$database" "SELECT
  (SELECT COUNT(*) FROM \"Feedback\") - $before,
  (SELECT COUNT(*) FROM \"SmsInbound\" WHERE \"Command\" = 'feedback'),
  (SELECT COUNT(*) FROM \"Outbox\" WHERE \"Channel\" = 'Sms'),
  (SELECT COUNT(*) FROM \"Outbox\" WHERE \"Channel\" = 'Sms' AND \"State\" = 'Delivered')"; }
for _ in $(seq 1 120); do
  read -r stored inbound replies delivered < <(counts)
  [ "$delivered" -ge "$messages" ] && break
  sleep 1
done
echo "stored: $stored feedback, $inbound inbound records, $replies replies ($delivered reported delivered)"
[ "$stored" -eq "$messages" ] && [ "$inbound" -eq "$messages" ] && [ "$replies" -eq "$messages" ] \
  || { echo "FAILED: not every message was stored and answered once" >&2; exit 1; }
