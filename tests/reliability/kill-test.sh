#!/usr/bin/env bash
# Reliability: an acknowledged rating survives SIGKILL of the Senim process under load (PostgreSQL).
# Issues codes, posts ratings from 16 parallel clients, kills the server with SIGKILL mid-load, restarts it, and
# checks that every code answered 201 has its rating row. Needs the PostgreSQL started by scripts/test.sh
# (SENIM_TEST_PG) and a published Senim (SENIM_APP_DLL, or it publishes one).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
: "${SENIM_TEST_PG:?run through scripts/test.sh (starts PostgreSQL and sets SENIM_TEST_PG)}"
work="$(mktemp -d)"
trap 'kill -9 ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "${SENIM_APP_DLL:-}" ]; then
  dotnet publish "$repo/src/Senim.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
  SENIM_APP_DLL="$work/app/Senim.Web.dll"
fi
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$SENIM_TEST_PG")
db="senim_kill_$$"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $db" >/dev/null
cleanup_db() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; }
trap 'kill -9 ${pid:-0} 2>/dev/null || true; cleanup_db; rm -rf "$work"' EXIT
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Maximum Pool Size=60"
port=$((20000 + $$ % 10000))
key="snm_demo0development0only0key0000000000000"

start() {
  ASPNETCORE_ENVIRONMENT=Development Database__Provider=Postgres ConnectionStrings__Senim="$conn" Database__DemoEmployees=300 \
    Feedback__PerAddressPerMinute=1000000 Feedback__SameSourcePerDay=10000 Feedback__BurstCount=1000 \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning dotnet "$SENIM_APP_DLL" >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start"; cat "$work/server.log"; exit 1
}
start

unit=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -Atc "SELECT \"Code\" FROM units WHERE \"Kind\" = 4 ORDER BY \"Code\" LIMIT 1")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
n=3000
python3 - "$unit" "$now" "$n" >"$work/bulk.json" <<'PY'
import json, sys
unit, now, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(json.dumps([{"kind": "front-office-visit", "unitCode": unit, "occurredAt": now} for _ in range(n)]))
PY
curl -fs -H "X-Api-Key: $key" -H "Content-Type: application/json" --data-binary @"$work/bulk.json" \
  "http://127.0.0.1:$port/api/v1/interactions/bulk" | python3 -c 'import json,sys; [print(i["code"]) for i in json.load(sys.stdin)["items"]]' >"$work/codes.txt"
echo "issued $(wc -l <"$work/codes.txt") codes"

body='{"courtesy":4,"competence":5,"timeliness":4,"resolved":5,"trust":8}'
export port body
( xargs -P 16 -I{} sh -c 'code=$(curl -s -o /dev/null -w "%{http_code}" -m 10 -H "Content-Type: application/json" -d "$body" "http://127.0.0.1:$port/api/v1/feedback/{}"); echo "{} $code"' \
    <"$work/codes.txt" >"$work/results.txt" 2>/dev/null || true ) &
load=$!
# Kill mid-load: once at least 300 ratings were acknowledged (or after 60 s on a very slow machine), at least 4 s in.
sleep 4
for _ in $(seq 1 560); do
  [ "$(grep -c ' 201$' "$work/results.txt" 2>/dev/null || true)" -ge 300 ] && break
  sleep 0.1
done
kill -9 "$pid"
echo "killed the server with SIGKILL under load, after $(grep -c ' 201$' "$work/results.txt" || true) acknowledged ratings"
wait "$load" || true
start

acknowledged=$(awk '$2 == 201 {print $1}' "$work/results.txt" | sort)
ack_count=$(grep -c ' 201$' "$work/results.txt" || true)
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -Atc \
  "SELECT i.\"Code\" FROM ratings r JOIN interactions i ON i.\"Id\" = r.\"InteractionId\"" | sort >"$work/rows.txt"
rows=$(wc -l <"$work/rows.txt")
missing=$(comm -23 <(echo "$acknowledged" | sed '/^$/d') "$work/rows.txt" | wc -l)
echo "acknowledged (201): $ack_count; rating rows after restart: $rows; acknowledged but missing: $missing"
if [ "$ack_count" -lt 50 ]; then echo "FAIL: too few ratings before the kill to mean anything"; exit 1; fi
if [ "$missing" -ne 0 ]; then echo "FAIL: acknowledged ratings were lost"; exit 1; fi
# A rating committed in the instant before the kill may have lost only its response; more than a handful would be a bug.
if [ $((rows - ack_count)) -gt 16 ]; then echo "FAIL: $((rows - ack_count)) rows were never acknowledged"; exit 1; fi
echo "kill test: 1 passed, 0 failed"
