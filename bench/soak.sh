#!/bin/bash
# soak.sh: fnpool's full leak soak through a real nginx.
#
#   bench/soak.sh [BUILD_DIR]      (default: build/dev; takes minutes)
#
# Runs tests/integration/test_soak.sh with 1,000,000 requests across a mix
# of functions after a warm-up of 100,000, then 100,000 requests with
# module_cache = off (a new state for every request).
# Each run reports every worker's RSS after the warm-up and at the end.
# The bound of the million-request run is "under 1 MB per million
# requests", one byte per request, with no allowance for the allocator's
# settling (the short runs need one; see test_soak.sh).  Needs nginx and
# ab (apache2-utils).
set -u
cd "$(dirname "$0")/.."
top=$PWD
build=${1:-build/dev}
export FNPOOL=$top/$build/src/fnpool SRCDIR=$top
[ -x "$FNPOOL" ] || { echo "soak: no fnpool at $FNPOOL: build first" >&2; exit 1; }

status=0
# run TITLE ENV...: one soak; its TAP lines, and a failure for any "not ok".
run() {
	local title=$1 out; shift
	echo "soak: $title"
	out=$(env "$@" bash tests/integration/test_soak.sh 2>&1)
	grep -E '^(not ok|ok|#|1\.\.0)' <<<"$out"
	grep -q '^not ok' <<<"$out" && status=1
}
run "1,000,000 requests, module cache on (default)" \
    SOAK_REQUESTS=1000000 SOAK_WARMUP=100000 SOAK_SLACK_KB=0
run "100,000 requests, module_cache = off" \
    SOAK_REQUESTS=100000 SOAK_WARMUP=20000 SOAK_MODULE_CACHE=off
exit $status
