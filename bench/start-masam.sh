# Sourced by the benchmark scripts: builds Masam in Release and starts it on a fresh SQLite file in
# $work on 127.0.0.1:$port with any extra arguments given, waits until it is ready, and stops it
# (and removes $work) when the script exits. Sets $app to the server's process id.
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }; rm -rf "$work"' EXIT

start_masam() {
  dotnet build -c Release src/Masam.Web -v quiet -nologo >/dev/null
  DOTNET_PerfMapEnabled=${PERFMAP:-0} DOTNET_EnableWriteXorExecute=${WXE:-1} dotnet src/Masam.Web/bin/Release/net10.0/Masam.Web.dll \
    --contentRoot "$PWD/src/Masam.Web" --urls "http://127.0.0.1:$port" \
    --ConnectionStrings:Masam="Data Source=$work/masam.db" \
    --Masam:Jobs:SqlitePath="$work/hangfire.db" \
    --Logging:LogLevel:Default=Warning "$@" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
  done
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET SDK $(dotnet --version)"
}
