#!/usr/bin/env bash
# Run every benchmark and print the figures the README quotes, and check the
# hostile-input targets (2 s CPU, 200 MB per file):
#   scripts/bench.sh            # 10,000 text and 1,000 PDF notices
#   BATCH_TEXT=2000 BATCH_PDF=200 scripts/bench.sh
# pdftotext (poppler-utils, poppler-data) is the baseline; it is installed
# when missing and apt-get is available. A throwaway PostgreSQL server is
# started (scripts/postgres.sh) unless ONSHI_TEST_POSTGRES_URL names one.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pdftotext >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends poppler-utils poppler-data >/dev/null
fi

echo "== start-up: one process on a one-line text (target: under 1 ms)"
cargo bench --locked --bench startup
echo
# A throwaway PostgreSQL server (default settings, fsync on) for the load
# into PostgreSQL, unless one is given.
if [ -z "${ONSHI_TEST_POSTGRES_URL:-}" ]; then
  postgres_env="$(bash scripts/postgres.sh start)"
  eval "$postgres_env"
  trap 'bash scripts/postgres.sh stop "$ONSHI_TEST_POSTGRES_DIR"' EXIT
fi

echo "== batch: convert throughput, peak memory, and the ratio to pdftotext"
cargo bench --locked --bench batch
echo
echo "== PDF extraction per corpus style"
cargo bench --locked --bench pdf
echo
echo "== parsing time against input size: 1 to 16 MB of each shape (linear: doubles with the size), and 64 MB"
LINEAR_MAX_MB=64 cargo bench --locked --bench linear
echo
echo "== era dates and periods"
cargo bench --locked --bench era
echo
echo "== municipality resolution"
cargo bench --locked --bench resolve
echo
# The tests bound each hostile input generously (30 s of CPU, 1 GiB); the
# targets themselves are checked here: each file's parse within 2 s of CPU
# time and 200 MB peak resident set (the process's own, see tests/support).
echo "== hostile inputs: CPU time and peak memory of each parse (targets: 2 s, 200 MB)"
ONSHI_HOSTILE_TARGETS=1 cargo test --release --locked --test hostile -- --test-threads=1 --nocapture 2>&1 \
  | grep -E '^hostile:|^test result|panicked|limit'
