# Sourced by the benchmark scripts: builds Masam in Release and starts it (Production, with the demo
# providers seeded) on a fresh SQLite file in $work on 127.0.0.1:$port with any extra arguments given,
# waits until it is ready, and stops it (and removes $work) when the script exits. Sets $app to the server's process id.
# With BENCH_POSTGRES set to a server's connection string (tests/postgres.sh start prints one), it
# runs on a fresh PostgreSQL database there instead, named in $database (dropped at exit).
work=$(mktemp -d)
app=
database="$work/masam.db"
database_args=(--ConnectionStrings:Masam="Data Source=$work/masam.db" --Masam:Jobs:SqlitePath="$work/hangfire.db")
# An Npgsql connection string as psql's keywords (Host=h;Port=p;Username=u → host=h port=p user=u).
pg_conninfo() {
  echo "$1" | tr ';' '\n' | awk -F= 'tolower($1) ~ /^(host|port|password)$/ { printf "%s=%s ", tolower($1), $2 }
                                      tolower($1) == "username" { printf "user=%s ", $2 }'
}
if [ -n "${BENCH_POSTGRES:-}" ]; then
  pg_name="masam_bench_$$"
  psql "$(pg_conninfo "$BENCH_POSTGRES") dbname=postgres" -qc "CREATE DATABASE $pg_name" >/dev/null
  database="$BENCH_POSTGRES;Database=$pg_name"
  database_args=(--Database:Provider=Postgres --ConnectionStrings:Masam="$database")
fi
cleanup() {
  [ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }
  [ -n "${pg_name:-}" ] && psql "$(pg_conninfo "$BENCH_POSTGRES") dbname=postgres" -qc "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_masam() {
  dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
  DOTNET_PerfMapEnabled=${PERFMAP:-0} DOTNET_EnableWriteXorExecute=${WXE:-1} dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll \
    --contentRoot "$PWD/src/Masam.Web" --urls "http://127.0.0.1:$port" \
    "${database_args[@]}" --Masam:SeedDemoData=true \
    --Logging:LogLevel:Default=Warning "$@" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
  done
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version)"
}
