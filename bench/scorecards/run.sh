#!/usr/bin/env bash
# Scorecards at scale on PostgreSQL (issue 6): recompute every scorecard of a period, then a region's scorecard page
# under 32 concurrent readers. Own PostgreSQL cluster on 127.0.0.1:55435 (like bench/scoring on 55434).
#   1. seed N employees (`seed --employees N`), append ratings with bench/scoring/generate-ratings.sql (default 50 per
#      employee, spread over the last 365 days), `scores recompute` (rolling 12 months);
#   2. start Senim (Development, for the demo sign-ins; it installs the standard indicators and seeds the demo survey
#      waves; the demo scorecards are not computed at start-up);
#   3. time `scorecards recompute --period rolling12 --stored-scores` (the scores the step-1 recompute stored; goal < 10 s
#      at 100,000 employees and 2,000 units), and once more without --stored-scores (scores from the statistics);
#   4. wrk -t2 -c32 against /Scorecards/Region/almaty-city with an analyst's sign-in cookie (curl), reporting p95
#      (goal < 150 ms).
# Usage: bench/scorecards/run.sh [employees=100000] [ratings=50×employees] [wrk seconds=30] (SENIM_BENCH_UNITS=2000: at
# least that many units, extra local police posts per district). Needs Debian's postgresql and wrk.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
employees="${1:-100000}"; ratings="${2:-$((employees * 50))}"; seconds="${3:-30}"; units="${SENIM_BENCH_UNITS:-2000}"
pg_port="${SENIM_BENCH_PG_PORT:-55435}"; app_port="${SENIM_BENCH_APP_PORT:-55436}"
work="$(mktemp -d)"; db="senim_scorecards"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$work/pg"; app_pid=""
mkdir -p "$pg_dir"; chown postgres:postgres "$pg_dir" "$work"; chmod 755 "$work"
su postgres -s /bin/bash -c "'$pg_bin/initdb' -D '$pg_dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/bash -c "'$pg_bin/pg_ctl' -D '$pg_dir' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=128MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off\" start" >/dev/null
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $pg_dir -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
psql_ -qc "CREATE DATABASE $db" >/dev/null
dotnet publish "$repo/src/Senim.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Command Timeout=0;Maximum Pool Size=64"
export Database__Provider=Postgres ConnectionStrings__Senim="$conn" Logging__LogLevel__Default=Warning
senim() { dotnet "$work/app/Senim.Web.dll" "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')"

# 1. Organisation, ratings, stored scores.
senim seed --employees "$employees" --units "$units" | tail -n 1
rest="$ratings"; batch=1
while [ "$rest" -gt 0 ]; do
  n=$(( rest > 5000000 ? 5000000 : rest ))
  psql_ -d "$db" -q -v n="$n" -v batch="$batch" -f "$repo/bench/scoring/generate-ratings.sql"
  rest=$((rest - n)); batch=$((batch + 1))
done
psql_ -d "$db" -qc "VACUUM ANALYZE" >/dev/null
echo "$(psql_ -d "$db" -Atc 'SELECT count(*) FROM ratings') ratings, $(psql_ -d "$db" -Atc 'SELECT count(*) FROM employees') employees, $(psql_ -d "$db" -Atc 'SELECT count(*) FROM units') units"
senim scores recompute | tail -n 1

# 2. Senim itself (demo sign-ins, standard indicators, demo survey waves).
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development Indicators__ComputeDemoResults=false exec dotnet Senim.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1) &
app_pid=$!
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 600); do curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" 2>/dev/null | grep -q 200 && break; sleep 1; done
curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" | grep -q 200 || { echo "Senim did not start"; tail -n 40 "$work/app.log"; exit 1; }

# 3. The recompute, timed (process wall time including start-up, and the recompute's own time from its line).
measure() { # $1 label, rest: arguments
  local label="$1"; shift
  local out times
  echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  out=$(/usr/bin/time -o "$work/time.txt" -f 'wall_s=%e rss_kb=%M' dotnet "$work/app/Senim.Web.dll" scorecards recompute "$@" 2>"$work/stages.txt")
  times=$(cat "$work/time.txt")
  echo "  stages: $(grep -E '^[0-9.]+ s: ' "$work/stages.txt" | tr '\n' ' ')"
  echo "  $(echo "$out" | grep 'Scorecards recomputed')"
  echo "$label: process wall $(echo "$times" | grep -oE 'wall_s=[0-9.]+' | cut -d= -f2) s, peak RSS $(( $(echo "$times" | grep -oE 'rss_kb=[0-9]+' | cut -d= -f2) / 1024 )) MiB"
}
measure "scorecards recompute --period rolling12 --stored-scores" --period rolling12 --stored-scores
measure "scorecards recompute --period rolling12 --stored-scores (again)" --period rolling12 --stored-scores
measure "scorecards recompute --period rolling12 (scores from the statistics)" --period rolling12
echo "$(psql_ -d "$db" -Atc "SELECT count(*) FROM scorecard_results WHERE \"Period\" = 'rolling12'") scorecard results, $(psql_ -d "$db" -Atc "SELECT count(*) FROM scorecard_indicator_results WHERE \"Period\" = 'rolling12'") indicator values stored"

# 4. A region's scorecard page under 32 concurrent readers, signed in as the national analyst.
jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | grep -oE 'name="__RequestVerificationToken" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
curl -s -o /dev/null -c "$jar" -b "$jar" -X POST "$base/Account/Login" --data-urlencode "Input.UserName=analyst" \
  --data-urlencode "Input.Password=Senim-demo-2026" --data-urlencode "__RequestVerificationToken=$token"
cookie=$(grep -v '^# ' "$jar" | sed 's/^#HttpOnly_//' | awk 'NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
url="$base/Scorecards/Region/almaty-city?period=rolling12"
page=$(curl -s -H "Cookie: $cookie" "$url")
echo "$page" | grep -q 'id="scorecard"' || { echo "the region page shows no scorecard (sign-in failed?)"; exit 1; }
echo "region page: $(echo "$page" | wc -c) bytes, $(echo "$page" | grep -c '<tr') table rows"
echo "load average before wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c32 -d"${seconds}s" --latency -s "$repo/bench/scorecards/p95.lua" -H "Cookie: $cookie" "$url" | grep -E 'Requests/sec|Non-2xx|latency p50|Latency '
