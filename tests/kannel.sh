#!/usr/bin/env bash
# A real Kannel for the tests: bearerbox and smsbox from Debian's kannel package, with a fake
# operator link (an SMSC of type "fake", which kannel-extras' fakesmsc connects to), on free ports.
#   tests/kannel.sh start DIR MASAM_URL SECRET [sink]
#       writes DIR/kannel.conf, starts both boxes and waits for them; prints one line
#       "smsc=PORT sendsms=URL username=masam password=PASSWORD admin=PORT"
#       smsbox hands every SMS to MASAM_URL/api/v1/sms/kannel (get-url) with the gateway secret;
#       with "sink" it hands them to MASAM_URL/sink instead (the benchmark's gateway-alone baseline)
#   tests/kannel.sh stop DIR       stops both boxes and removes DIR
# Inject messages as an operator would:
#   /usr/lib/kannel/test/fakesmsc -H 127.0.0.1 -r SMSC_PORT -i 0 -m 1 "99112233 1411 text unelgee 4 ULI01"
# (fakesmsc stays connected and prints the replies: "Got message 1: <1411 99112233 ucs-2 %04...>").
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder}

free_port() {
  local port=$((20000 + RANDOM % 30000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || [[ " ${taken:-} " == *" $port "* ]]; do port=$((port + 1)); done
  taken="${taken:-} $port"
  echo "$port"
}

case "$action" in
  start)
    masam=${3:?Masam\'s base URL}
    secret=${4:?the gateway secret}
    target=${5:-masam}
    command -v bearerbox >/dev/null || { echo "Kannel is not installed (apt-get install -y kannel kannel-extras)" >&2; exit 1; }
    rm -rf "$dir"; mkdir -p "$dir"
    taken=""
    admin=$(free_port); taken="$taken $admin"
    box=$(free_port); taken="$taken $box"
    smsc=$(free_port); taken="$taken $smsc"
    sendsms=$(free_port); taken="$taken $sendsms"
    password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    if [ "$target" = sink ]; then
      url="$masam/health/live?from=%p&id=%I"
    else
      url="$masam/api/v1/sms/kannel?key=$secret&from=%p&to=%P&text=%a&id=%I"
    fi
    cat >"$dir/kannel.conf" <<CONF
group = core
admin-port = $admin
admin-password = $password
admin-interface = 127.0.0.1
smsbox-port = $box
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "$dir/bearerbox.log"
log-level = 2
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = operator
port = $smsc
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $box
sendsms-port = $sendsms
sendsms-interface = 127.0.0.1
log-file = "$dir/smsbox.log"
log-level = 2
# One line per message handed to the service, with its HTTP status: the benchmark counts them.
# (It holds numbers and texts: a production smsbox should not keep one.)
access-log = "$dir/smsbox-access.log"
mo-recode = true
max-pending-requests = 512

group = sendsms-user
username = masam
password = $password
max-messages = 1

# Every SMS goes to Masam; its HTTP answer is not sent back (max-messages = 0): Masam replies
# through sendsms, from its outbox, with delivery reports. Masam answers in plain text; smsbox 1.4.5
# sets the coding of a reply from every answer, and logs "Tried to set Coding field, denied" for
# each message unless the service accepts X-Kannel headers (Masam sends none).
group = sms-service
keyword = default
catch-all = true
get-url = "$url"
max-messages = 0
accept-x-kannel-headers = true
CONF
    bearerbox "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 & echo $! >"$dir/bearerbox.pid"
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$box") 2>/dev/null && break; sleep 0.1; done
    smsbox "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 & echo $! >"$dir/smsbox.pid"
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$sendsms") 2>/dev/null && break; sleep 0.1; done
    (exec 3<>"/dev/tcp/127.0.0.1/$sendsms") 2>/dev/null || { echo "Kannel did not start; see $dir" >&2; exit 1; }
    echo "smsc=$smsc sendsms=http://127.0.0.1:$sendsms/cgi-bin/sendsms username=masam password=$password admin=$admin"
    ;;
  stop)
    for box in smsbox bearerbox; do
      [ -f "$dir/$box.pid" ] && kill "$(cat "$dir/$box.pid")" 2>/dev/null || true
    done
    sleep 0.5
    for box in smsbox bearerbox; do
      [ -f "$dir/$box.pid" ] && kill -9 "$(cat "$dir/$box.pid")" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
