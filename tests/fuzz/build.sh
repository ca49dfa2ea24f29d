#!/bin/bash
# build.sh SRCDIR OUTDIR: builds fnpool's libFuzzer targets with clang.
# Exit 77 (with the reason on stderr) when clang or libFuzzer is missing.
set -eu
src=$1 out=$2
CLANG=${CLANG:-$(command -v clang-14 || command -v clang || true)}
[ -n "$CLANG" ] || { echo "clang not installed: apt-get install clang-14 libclang-rt-14-dev" >&2; exit 77; }
mkdir -p "$out"
probe=$out/probe.c
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' >"$probe"
if ! "$CLANG" -fsanitize=fuzzer "$probe" -o "$out/probe" 2>/dev/null; then
	echo "$CLANG cannot link libFuzzer: apt-get install libclang-rt-14-dev" >&2
	exit 77
fi
rm -f "$probe" "$out/probe"
CFLAGS="-g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$src/src $(pkg-config --cflags mujs)"
LIBS="$(pkg-config --libs mujs libpcre2-8) -lm"
common="$src/src/core/buf.c $src/src/core/fastcgi.c $src/src/core/log.c $src/src/http/request.c $src/src/core/proxies.c $src/src/core/utf8.c"
for t in query urlencoded multipart cookies path json fastcgi srcmap evalfix pkg_exports regexp dateparse dotenv cron utfscan; do
	extra=
	case $t in
	multipart) extra="$src/src/http/body.c" ;;
	path) extra="$src/src/http/router.c" ;;
	json) extra="$src/src/js/body_json.c" ;;
	srcmap) extra="$src/src/js/body_json.c $src/src/js/srcmap.c $src/src/core/vlq.c" ;;
	evalfix) extra="$src/src/js/evalfix.c" ;;
	pkg_exports) extra="$src/src/js/pkg_exports.c $src/src/js/pkg_json.c $src/src/js/body_json.c" ;;
	regexp) extra="$src/src/js/regexp_translate.c $src/src/js/regexp_surrogates.c $src/src/js/regexp_engine.c $src/src/js/jsstr.c" ;;
	dateparse) extra="$src/src/js/dateparse.c" ;;
	dotenv) extra="$src/src/cli/dotenv.c" ;;
	cron) extra="$src/src/core/cron.c $src/src/core/schedule_conf.c" ;;
	utfscan) extra="$src/src/js/utfscan.c" ;;
	esac
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS "$src/tests/fuzz/fuzz_$t.c" $common $extra $LIBS -o "$out/fuzz_$t"
done
echo "fuzz targets built in $out"
