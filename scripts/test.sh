#!/usr/bin/env bash
# Runs every Senim test. Installs and starts what the tests need when it is missing (idempotent):
# PostgreSQL server, Chromium for browser tests, R with the survey package (reference implementation for raking),
# DejaVu fonts (PDF cards), zbar-tools and poppler-utils (the tests decode QR codes and read rendered PDFs).
# All from Debian's packages. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

need_apt=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$pg_bin" ] && [ -x "$pg_bin/pg_ctl" ] || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survey)' >/dev/null 2>&1 || need_apt+=(r-base-core r-cran-survey)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

# A throw-away PostgreSQL cluster for the tests, owned by the postgres system user, on its own port.
pg_port="${SENIM_TEST_PG_PORT:-55432}"
pg_dir="${SENIM_TEST_PG_DIR:-/tmp/senim-test-pg}"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$pg_dir/PG_VERSION" ]; then
  mkdir -p "$pg_dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$pg_dir"
  as_pg "'$pg_bin/initdb' -D '$pg_dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
fi
if ! as_pg "'$pg_bin/pg_ctl' -D '$pg_dir' status" >/dev/null 2>&1; then
  as_pg "'$pg_bin/pg_ctl' -D '$pg_dir' -l '$pg_dir/server.log' -w -t 60 -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off\" start" >/dev/null
fi
export SENIM_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=120"

export SENIM_CHROMIUM="${SENIM_CHROMIUM:-/usr/bin/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Senim.slnx -c Release --nologo -v quiet
log="$(mktemp)"
set +e
dotnet test Senim.slnx -c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -vE '^\s+Passed '
status=${PIPESTATUS[0]}

# Reliability: acknowledged ratings survive SIGKILL of the server under load (PostgreSQL).
# Part of the full run; a run narrowed with arguments (e.g. --filter) leaves it out.
kill_status=0
if [ $# -eq 0 ]; then
  tests/reliability/kill-test.sh 2>&1 | grep -vE '^\s+at |Killed +ASPNETCORE' | tee -a "$log"
  kill_status=${PIPESTATUS[0]}
  [ "$kill_status" -eq 0 ] || status=$kill_status
fi
# The plain closing line CI reads: "N passed, N failed".
passed=$(grep -hoE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -hoE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ $# -eq 0 ]; then if [ "$kill_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; fi
skipped=$(grep -hoE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
