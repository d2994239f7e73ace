#!/usr/bin/env bash
# Foundation benchmarks: cold start to /health/ready with the default demo data present, and the time to seed
# 5,000 and 100,000 employees (SQLite and PostgreSQL). Usage: bench/foundation.sh  (PostgreSQL from scripts/test.sh's
# cluster on port 55432 if running; start it with `scripts/test.sh --filter Nothing` first).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
dotnet publish "$repo/src/Senim.Web" -c Release -o "$out/app" --nologo -v quiet >/dev/null
app="$out/app/Senim.Web.dll"
now_ms() { date +%s%3N; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"

seed() { # provider connection employees
  local t0 t1
  t0=$(now_ms)
  Database__Provider="$1" ConnectionStrings__Senim="$2" dotnet "$app" seed --employees "$3" >/dev/null
  t1=$(now_ms)
  echo "seed $3 employees on $1: $((t1 - t0)) ms (process start, migrations and seeding)"
}

db="$out/senim.db"
seed Sqlite "Data Source=$db" 5000
for n in 100000; do
  rm -f "$out/big.db"; seed Sqlite "Data Source=$out/big.db" "$n"
done
if pg_isready -h 127.0.0.1 -p 55432 >/dev/null 2>&1; then
  for n in 5000 100000; do
    name="senim_bench_$n"
    psql -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    seed Postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=$name" "$n"
    psql -h 127.0.0.1 -p 55432 -U postgres -qc "DROP DATABASE $name" >/dev/null
  done
else
  echo "PostgreSQL on 127.0.0.1:55432 not running: PostgreSQL seeding skipped"
fi

# Cold start: a new process on the seeded 5,000-employee database, Development environment (migration check and
# demo-account check run as on `dotnet run`), until /health/ready answers 200. Five runs.
for i in 1 2 3 4 5; do
  port=$((5190 + i))
  t0=$(now_ms)
  ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Senim="Data Source=$db" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$app" >/dev/null 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.02; done
  t1=$(now_ms)
  echo "cold start $i to /health/ready: $((t1 - t0)) ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
rm -rf "$out"
