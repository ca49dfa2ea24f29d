#!/bin/bash
# run.sh: the whole fnpool test suite, from a clean checkout.
#
# Installs what is missing (tests/setup-deps.sh), builds twice -- once
# plainly with -Werror, once with AddressSanitizer and UndefinedBehavior-
# Sanitizer -- runs `make check` in each, checks `make install`, the
# distribution tarball and the Debian package, and ends with the line
# "N passed, M failed" (non-zero exit when M > 0).
set -u
cd "$(dirname "$0")/.."
top=$PWD
passed=0 failed=0 skipped=0

fail_stage() {
	echo "run.sh: FAILED: $*"
	failed=$((failed + 1))
}

# Counts the TAP results automake recorded in a build's .trs files.
count_results() {
	local dir=$1 p f s
	p=$(find "$dir/tests" -name '*.trs' -exec cat {} + 2>/dev/null |
	    grep -cE '^:test-result: (PASS|XFAIL)')
	f=$(find "$dir/tests" -name '*.trs' -exec cat {} + 2>/dev/null |
	    grep -cE '^:test-result: (FAIL|XPASS|ERROR)')
	s=$(find "$dir/tests" -name '*.trs' -exec cat {} + 2>/dev/null |
	    grep -cE '^:test-result: SKIP')
	echo "run.sh: $dir: $p passed, $f failed, $s skipped"
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

# stage NAME COMMAND...: one pass or one failure for a whole command.
stage() {
	local name=$1; shift
	if "$@" >"$top/build/$name.out" 2>&1; then
		echo "run.sh: $name: passed"
		passed=$((passed + 1))
	else
		tail -30 "$top/build/$name.out"
		fail_stage "$name (log: build/$name.out)"
	fi
}

# make install into a staging directory puts every piece where it belongs.
check_install() {
	local dest=$top/build/check/destdir
	rm -rf "$dest"
	make -C build/check install DESTDIR="$dest" prefix=/usr/local sysconfdir=/etc &&
	    test -x "$dest/usr/local/sbin/fnpool" &&
	    test -f "$dest/etc/fnpool/fnpool.ini" &&
	    test -f "$dest/usr/local/share/fnpool/functions/hello.js" &&
	    "$dest/usr/local/sbin/fnpool" --version
}

# build DIR CONFIGURE-ARGS...: configure, build and check out of tree.
build_and_check() {
	local dir=$1; shift
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! (cd "$dir" && "$top/configure" -q "$@" && make -j2 >/dev/null); then
		fail_stage "build in $dir"
		return
	fi
	(cd "$dir" && make -j2 check) >"$dir/check.out" 2>&1
	grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP)' "$dir/check.out" | grep -v '^PASS' | head -50
	count_results "$dir"
	if [ -f "$dir/test-suite.log" ] && grep -qE '^(FAIL|ERROR)' "$dir/check.out"; then
		sed -n '1,200p' "$dir/test-suite.log"
	fi
}

if ! bash tests/setup-deps.sh; then
	fail_stage "installing dependencies"
	echo "$passed passed, $failed failed"
	exit 1
fi
if ! autoreconf -fi >/dev/null 2>&1; then
	fail_stage "autoreconf"
	echo "$passed passed, $failed failed"
	exit 1
fi

build_and_check build/check --enable-werror
stage install check_install
# distcheck proves the tarball builds and installs from a clean copy; the
# unit tests run there, the integration tests already ran above and below.
stage distcheck make -C build/check distcheck \
    TESTS="$(grep -oE 'tests/unit/[a-z]+/test_[a-z0-9_]+' Makefile.am | sort -u | tr '\n' ' ')"
# The Debian package (make deb, from a distribution tarball), checked;
# installed and purged only where changing the machine is allowed
# (FNPOOL_TEST_DEB_INSTALL=1 or CI=true; see tests/packaging/test_deb.sh).
DEB_BUILD_OPTIONS=parallel=2 stage deb bash tests/packaging/test_deb.sh build/check
grep -h '# SKIP' build/deb.out 2>/dev/null | sed 's/^ok [0-9]* - # /run.sh: deb: /'
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
build_and_check build/sanitize --enable-werror \
    CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
    LDFLAGS="-fsanitize=address,undefined"

[ "$skipped" -gt 0 ] && echo "run.sh: $skipped skipped (see the reasons above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
