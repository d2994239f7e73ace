#!/usr/bin/env bash
# Full recompute of every employee and unit score against PostgreSQL's own GROUP BY over the same ratings, in one run,
# at two sizes (default 5,000,000 then 20,000,000 ratings, 100,000 employees). Reports both times, the ratio, and the
# recompute's peak memory (managed heap and process RSS) at each size.
# Usage: bench/scoring/run.sh [employees] [first ratings] [total ratings]. Needs Debian's postgresql.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
employees="${1:-100000}"; first="${2:-5000000}"; total="${3:-20000000}"
pg_port="${SENIM_BENCH_PG_PORT:-55434}"
work="$(mktemp -d)"; db="senim_scores"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$work/pg"
mkdir -p "$pg_dir"; chown postgres:postgres "$pg_dir" "$work"; chmod 755 "$work"
su postgres -s /bin/bash -c "'$pg_bin/initdb' -D '$pg_dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/bash -c "'$pg_bin/pg_ctl' -D '$pg_dir' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c synchronous_commit=off\" start" >/dev/null
trap 'su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $pg_dir -m immediate stop" >/dev/null 2>&1; rm -rf "$work"' EXIT
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
psql_ -qc "CREATE DATABASE $db" >/dev/null
dotnet publish "$repo/src/Senim.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Command Timeout=0"
senim() { Database__Provider=Postgres ConnectionStrings__Senim="$conn" Logging__LogLevel__Default=Warning dotnet "$work/app/Senim.Web.dll" "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')"
senim seed --employees "$employees" | tail -n 1

measure() { # $1: label
  psql_ -d "$db" -qc "VACUUM ANALYZE" >/dev/null
  echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local a_ms b_out b_s rss
  # (a) PostgreSQL's own aggregate: every employee's mean and count (best of two runs, the first warms the cache).
  for _ in 1 2; do
    a_ms=$(psql_ -d "$db" -At -c '\timing on' -c 'SELECT ie."EmployeeId", avg((r."Courtesy" + r."Competence" + r."Timeliness" + r."Resolved") / 4.0), count(*) FROM ratings r JOIN interaction_employees ie ON ie."InteractionId" = r."InteractionId" WHERE r."Status" = 0 GROUP BY ie."EmployeeId"' \
      | grep -oE 'Time: [0-9.]+' | awk '{print $2}')
  done
  # (b) Senim's full recompute: rebuild the statistics from every rating, compute every employee and unit score, store them.
  b_out=$( { /usr/bin/time -f 'rss_kb=%M wall_s=%e' bash -c "Database__Provider=Postgres ConnectionStrings__Senim='$conn' Logging__LogLevel__Default=Warning dotnet '$work/app/Senim.Web.dll' scores recompute"; } 2>&1 )
  echo "$b_out" | grep -E "Scores recomputed|rss_kb" | sed "s/^/  /"
  b_s=$(echo "$b_out" | grep -oE 'total [0-9.]+ s' | awk '{print $2}')
  rss=$(echo "$b_out" | grep -oE 'rss_kb=[0-9]+' | cut -d= -f2)
  # (b') the same from the statistics kept up to date by the incremental path (no rebuild).
  c_out=$(Database__Provider=Postgres ConnectionStrings__Senim="$conn" Logging__LogLevel__Default=Warning dotnet "$work/app/Senim.Web.dll" scores recompute --no-rebuild)
  c_s=$(echo "$c_out" | grep -oE 'total [0-9.]+ s' | awk '{print $2}')
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 -c "print('$1: (a) PostgreSQL GROUP BY %.2f s; (b) Senim full recompute incl. rebuild from every rating %.2f s, ratio b/a %.2f; (b\') from the maintained statistics %.2f s, ratio %.2f; peak RSS of (b) %.0f MiB' % ($a_ms / 1000, $b_s, $b_s / ($a_ms / 1000), $c_s, $c_s / ($a_ms / 1000), $rss / 1024))"
}

psql_ -d "$db" -q -v n="$first" -v batch=1 -f "$repo/bench/scoring/generate-ratings.sql"
echo "$(psql_ -d "$db" -Atc 'SELECT count(*) FROM ratings') ratings, $(psql_ -d "$db" -Atc 'SELECT count(*) FROM employees') employees, $(psql_ -d "$db" -Atc 'SELECT count(*) FROM units') units"
measure "$first ratings"
rest=$((total - first)); batch=2
while [ "$rest" -gt 0 ]; do
  n=$(( rest > 5000000 ? 5000000 : rest ))
  psql_ -d "$db" -q -v n="$n" -v batch="$batch" -f "$repo/bench/scoring/generate-ratings.sql"
  rest=$((rest - n)); batch=$((batch + 1))
done
echo "$(psql_ -d "$db" -Atc 'SELECT count(*) FROM ratings') ratings"
measure "$total ratings"
