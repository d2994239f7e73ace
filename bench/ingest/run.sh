#!/usr/bin/env bash
# Rating ingest against PostgreSQL, side by side with pgbench's one-row INSERT on the same server, in one run.
# Usage: bench/ingest/run.sh [connections] [seconds]. Needs wrk (apt-get install wrk) and Debian's postgresql.
# Environment: SENIM_BENCH_PG_PORT (55433), SENIM_BENCH_BATCHES (40 × 10,000 codes), SENIM_BENCH_WARMUP (20 s before each
# closed-loop phase), SENIM_BENCH_PACED_WARMUP (5 s of the open-loop generator's own warm-up, not measured),
# SENIM_BENCH_LOG (a path to keep Senim's server log at).
# It starts its own durable cluster (fsync and synchronous_commit on, unlike the test cluster) on port 55433.
# Residents as in a real deployment behind a reverse proxy: Senim trusts the loopback as its proxy
# (Network:TrustedProxies) and every request carries its own resident address in X-Forwarded-For, so the per-address
# rate limit and the per-network anti-manipulation rule run with their default limits, as in production. Codes are
# issued for the staff of up to 500 front offices (one employee each), not one employee. Each measured phase follows a
# warm-up phase of its own (separate codes), so the figures are those of a running server, not of one still compiling.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
conns="${1:-32}"; secs="${2:-20}"
pg_port="${SENIM_BENCH_PG_PORT:-55433}"
work="$(mktemp -d)"; db="senim_ingest"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$work/pg"
mkdir -p "$pg_dir"; chown postgres:postgres "$pg_dir" "$work"; chmod 755 "$work"
su postgres -s /bin/bash -c "'$pg_bin/initdb' -D '$pg_dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/bash -c "'$pg_bin/pg_ctl' -D '$pg_dir' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB\" start" >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
trap '[ -z "${pid:-}" ] || kill "$pid" 2>/dev/null || true; su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $pg_dir -m immediate stop" >/dev/null 2>&1; rm -rf "$work"' EXIT
dotnet publish "$repo/src/Senim.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
psql_ -qc "CREATE DATABASE $db" >/dev/null
port=5299
start_senim() { # $1: group commit on (true) or off (false)
  ASPNETCORE_ENVIRONMENT=Development Database__Provider=Postgres Database__DemoEmployees=2000 \
    ConnectionStrings__Senim="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Maximum Pool Size=100" \
    Network__TrustedProxies__0=127.0.0.1 Feedback__GroupCommit="$1" ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    dotnet "$work/app/Senim.Web.dll" >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }; sleep 0.2; done
}
stop_senim() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
start_senim true
psql_ -d "$db" -Atc "SELECT DISTINCT ON (u.\"Code\") u.\"Code\" || ' ' || e.\"PersonnelNumber\" FROM units u JOIN employees e ON e.\"UnitId\" = u.\"Id\"
  WHERE u.\"Kind\" = 4 ORDER BY u.\"Code\", e.\"PersonnelNumber\" LIMIT 500" >"$work/staff.txt"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
: >"$work/codes.txt"
for batch in $(seq 1 "${SENIM_BENCH_BATCHES:-40}"); do
  python3 -c "
import json
staff = [l.split() for l in open('$work/staff.txt') if l.strip()]
print(json.dumps([{'kind': 'front-office-visit', 'unitCode': staff[i % len(staff)][0], 'personnelNumbers': [staff[i % len(staff)][1]],
                   'occurredAt': '$now'} for i in range($batch * 10000, $batch * 10000 + 10000)]))" >"$work/bulk.json"
  status=$(curl -sS -o "$work/bulk-answer.json" -w '%{http_code}' -H "X-Api-Key: snm_demo0development0only0key0000000000000" \
    -H "Content-Type: application/json" --data-binary @"$work/bulk.json" "http://127.0.0.1:$port/api/v1/interactions/bulk" || true)
  if [ "$status" != 200 ]; then # say what failed instead of a JSON error
    echo "bulk registration $batch answered '$status':"; head -c 2000 "$work/bulk-answer.json"; echo
    grep -A20 -E '^(fail|crit)' "$work/server.log" | head -60; exit 1
  fi
  python3 -c 'import json,sys; [print(i["code"]) for i in json.load(sys.stdin)["items"]]' <"$work/bulk-answer.json" >>"$work/codes.txt"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(wc -l <"$work/codes.txt") codes issued for $(wc -l <"$work/staff.txt") front offices; $conns connections, ${secs}s"

# A separate set of codes for each phase: 00 warm-up and 01 peak without group commit, 02 warm-up and 03 peak with it,
# 04 the paced run.
split -n l/5 -d "$work/codes.txt" "$work/codes-"
dotnet build "$repo/bench/Senim.LoadGen" -c Release -o "$work/loadgen" --nologo -v quiet >/dev/null
threads=2
rows() { psql_ -d "$db" -Atc "SELECT count(*) FROM ratings"; }
peak() { # $1: codes file; prints accepted ratings per second measured by rows written
  local before after out
  before=$(rows)
  out=$(cd "$work" && wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$repo/bench/ingest/post-ratings.lua" "http://127.0.0.1:$port" -- "$1" "$threads")
  after=$(rows)
  echo "$out" | grep -E "Requests/sec|p50_ms|Non-2xx" >&2 || true
  python3 -c "print(round(($after - $before) / $secs, 1))"
}

# 1) Senim, each rating its own transaction (group commit off): the previous design, for comparison.
warm=${SENIM_BENCH_WARMUP:-20}
warmup() { (cd "$work" && wrk -t"$threads" -c"$conns" -d"${warm}s" -s "$repo/bench/ingest/post-ratings.lua" "http://127.0.0.1:$port" -- "$1" "$threads" >/dev/null); }
stop_senim; start_senim false
warmup codes-00
single_rps=$(peak codes-01)
echo "senim without group commit: $single_rps ratings/s"
# 2) Senim with group commit (the default): peak rate with wrk (closed loop, $conns connections).
stop_senim; start_senim true
warmup codes-02
group_rps=$(peak codes-03)
echo "senim with group commit: $group_rps ratings/s"
# 3) Latency at 80% of that peak, open loop (requests sent on a fixed schedule, latency from when each was due).
rate=$(python3 -c "print(int($group_rps * 0.8))")
echo "paced phase from $(date -u +%H:%M:%S) UTC"
paced=$("$work/loadgen/Senim.LoadGen" --url "http://127.0.0.1:$port" --codes "$work/codes-04" --rate "$rate" --seconds "$secs" --warmup "${SENIM_BENCH_PACED_WARMUP:-5}" || true)
echo "at 80% of peak: $paced"
# Transfer size of the rating page (HTML + stylesheet, what a phone downloads on first visit).
page_bytes=$(curl -s -H "Accept-Language: kk" "http://127.0.0.1:$port/f/$(tail -n 1 "$work/codes-04")" | wc -c)
css_bytes=$(curl -s "http://127.0.0.1:$port/css/resident.css" | wc -c)
echo "rating page: $page_bytes bytes of HTML + $css_bytes bytes of CSS"
stop_senim
echo "server log: $(grep -cE '^(fail|crit)' "$work/server.log" || true) error lines, $(grep -c 'transient conflict' "$work/server.log" || true) batches written again after a transient conflict"
grep -m3 -A3 -E '^(fail|crit)' "$work/server.log" | cut -c1-200 | sed 's/^/  /' || true
[ -z "${SENIM_BENCH_LOG:-}" ] || cp "$work/server.log" "$SENIM_BENCH_LOG"
echo "PostgreSQL checkpoints (UTC):"; grep -E 'checkpoint (starting|complete)' "$pg_dir/server.log" | cut -c1-160 | sed 's/^/  /' || true

# 2) pgbench: one-row INSERT into a table shaped like ratings, same server, same connection count.
psql_ -d "$db" -qc "CREATE TABLE bench_ratings (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), interaction uuid, submitted timestamptz, c int, k int, t int, r int, trust int)"
cat >"$work/insert.sql" <<'SQL'
INSERT INTO bench_ratings (interaction, submitted, c, k, t, r, trust) VALUES (gen_random_uuid(), now(), 4, 5, 4, 5, 8);
SQL
pg=$(pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$conns" -j 2 -T "$secs" -f "$work/insert.sql" "$db" 2>&1)
pg_tps=$(echo "$pg" | grep -oE 'tps = [0-9.]+' | head -1 | awk '{print $3}')
echo "pgbench one-row INSERT tps: $pg_tps"
python3 -c "print('ratio senim/pgbench: without group commit %.3f, with group commit %.3f' % ($single_rps / $pg_tps, $group_rps / $pg_tps))"
