#!/usr/bin/env bash
# Testing day (issue #7): N candidates answering their computer test at once on PostgreSQL.
# Usage: bench/attestation/run.sh [candidates=2000] [minutes=3] [seconds-between-answers=5]
# It starts its own durable cluster (fsync and synchronous_commit on) on port 55435 and Senim on port 5301, seeds the
# candidates (`Senim.Bench seed-attestation N`, bench/Senim.Bench), then runs `Senim.LoadGen attestation`: sign-in (timed on its
# own), start + fetch questions, open-loop answer saves for the given minutes, and a read-back of every attempt
# (lost answers must be 0). Answer saves have no rate limit or per-candidate throttle in Senim, so none is raised.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
candidates="${1:-2000}"; minutes="${2:-3}"; every="${3:-5}"
pg_port="${SENIM_BENCH_PG_PORT:-55435}"; port="${SENIM_BENCH_PORT:-5301}"
work="$(mktemp -d)"; db="senim_testday"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$work/pg"
mkdir -p "$pg_dir"; chown postgres:postgres "$pg_dir" "$work"; chmod 755 "$work"
su postgres -s /bin/bash -c "'$pg_bin/initdb' -D '$pg_dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/bash -c "'$pg_bin/pg_ctl' -D '$pg_dir' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements\" start" >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
keep="${SENIM_BENCH_KEEP:-}"   # set to keep the work directory (logs) after the run
# SENIM_BENCH_CONN_EXTRA: appended to Senim's connection string, e.g. "Max Auto Prepare=32" (Npgsql prepared statements).
trap '[ -z "${pid:-}" ] || kill "$pid" 2>/dev/null || true; su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $pg_dir -m immediate stop" >/dev/null 2>&1; [ -n "$keep" ] && echo "kept $work" || rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')"
echo "load average before: $(uptime | sed 's/.*load average: //')"
t0=$(date +%s.%N)
dotnet publish "$repo/src/Senim.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
dotnet build "$repo/bench/Senim.LoadGen" -c Release -o "$work/loadgen" --nologo -v quiet >/dev/null
dotnet build "$repo/bench/Senim.Bench" -c Release -o "$work/bench" --nologo -v quiet >/dev/null
psql_ -qc "CREATE DATABASE $db" >/dev/null
psql_ -d "$db" -qc "CREATE EXTENSION pg_stat_statements" >/dev/null
employees=$(( candidates + 3000 ))
senim_env=(ASPNETCORE_ENVIRONMENT=Development Database__Provider=Postgres Database__DemoEmployees="$employees"
  ConnectionStrings__Senim="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Maximum Pool Size=100${SENIM_BENCH_CONN_EXTRA:+;$SENIM_BENCH_CONN_EXTRA}"
  ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning)
env "${senim_env[@]}" dotnet "$work/app/Senim.Web.dll" >>"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 900); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null
echo "published, migrated and demo-seeded ($employees employees) in $(python3 -c "print(round($(date +%s.%N) - $t0, 1))") s"
(cd "$work" && env "${senim_env[@]}" dotnet "$work/bench/Senim.Bench.dll" seed-attestation "$candidates" --out "$work/users.txt")
psql_ -d "$db" -qc "VACUUM ANALYZE" >/dev/null
psql_ -d "$db" -qc "SELECT pg_stat_statements_reset()" >/dev/null

log_lines=$(wc -l <"$work/server.log")
rc=0
"$work/loadgen/Senim.LoadGen" attestation --url "http://127.0.0.1:$port" --users "$work/users.txt" --minutes "$minutes" --every "$every" \
  --server-pid "$pid" --db-pid "$(head -1 "$pg_dir/postmaster.pid")" | tee "$work/loadgen.txt" || rc=$?
echo "load average after: $(uptime | sed 's/.*load average: //')"

# The database's own view, independent of the HTTP read-back: every acknowledged answer must be a row.
rows=$(psql_ -d "$db" -Atc "SELECT count(*) FROM attestation_answers")
acked=$(grep -oE 'acknowledged_answers=[0-9]+' "$work/loadgen.txt" | cut -d= -f2 || echo 0)
echo "database: $rows answer rows for ${acked:-0} acknowledged (attempt, question) answers; $(psql_ -d "$db" -Atc "SELECT count(*) FROM attestation_attempts") attempts"
echo "top statements by total time during the run (calls, mean ms, query):"
psql_ -d "$db" -Atc "SELECT calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" | sed 's/^/  /'
[ "$rows" -ge "${acked:-0}" ] || rc=1
echo "server errors logged during the run: $(tail -n +"$((log_lines + 1))" "$work/server.log" | grep -cE '^(fail|crit):' || true)"
exit "$rc"
