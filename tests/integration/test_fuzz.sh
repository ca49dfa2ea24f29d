#!/bin/bash
# A short libFuzzer run of each parser of untrusted input (the long runs
# are `make fuzz-run`).  Skipped, with the reason, when clang or its
# libFuzzer runtime is missing.
. "$(dirname "$0")/lib.sh"

secs=${FUZZ_SECONDS:-3}
bash "$SRCDIR/tests/fuzz/build.sh" "$SRCDIR" "$T/bin" >"$T/build.log" 2>&1
rc=$?
[ $rc = 77 ] && skip_all "$(tail -1 "$T/build.log")"
check "the fuzz targets build" test $rc = 0
[ $rc = 0 ] || exit 1

for t in query urlencoded multipart cookies path json fastcgi srcmap evalfix pkg_exports regexp dateparse dotenv cron utfscan; do
	mkdir -p "$T/corpus/$t"
	"$T/bin/fuzz_$t" -max_total_time="$secs" -artifact_prefix="$T/$t-" \
	    "$T/corpus/$t" "$SRCDIR/tests/fuzz/corpus/$t" >"$T/fuzz_$t.out" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz_$t.out")
	if [ $rc = 0 ] && [ -n "$runs" ] && [ "$runs" -gt 0 ]; then
		ok "fuzz_$t: $runs runs in ${secs}s without a finding"
	else
		not_ok "fuzz_$t: exit $rc"
		grep -E 'ERROR|SUMMARY|#[0-9] ' "$T/fuzz_$t.out" | head -15 | sed 's/^/#   /'
		ls "$T/$t-"* 2>/dev/null | sed 's/^/#   artifact: /'
	fi
done
