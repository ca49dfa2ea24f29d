#!/bin/bash
# leakcheck.sh: one fnpool worker under valgrind handles every kind of
# request and error, then stops; valgrind's leak report must be clean.
#
#   bench/leakcheck.sh [BUILD_DIR]      (default: build/dev; needs valgrind)
#
# The kinds: text, JSON, module-level state, a thrown error, 404, a memory
# bomb, a caught memory bomb, endless string and array growth, a garbage-
# heavy request, runaway recursion, a JSON body nested 300000 deep, a
# syntax error.  (A timed-out request ends its worker with _exit by design,
# so it has nothing to check.)  The sanitizer build of tests/run.sh checks
# the same with LeakSanitizer on every test.
set -u
cd "$(dirname "$0")/.."
top=$PWD
build=${1:-build/dev}
export FNPOOL=$top/$build/src/fnpool SRCDIR=$top
command -v valgrind >/dev/null || { echo "leakcheck: valgrind not installed" >&2; exit 1; }
NGINX=${NGINX:-/usr/sbin/nginx}
. tests/integration/lib.sh

fns="$T/functions"
mkdir -p "$fns"
cp "$SRCDIR"/tests/fixtures/limits/*.js "$SRCDIR"/tests/fixtures/soak/report.js \
    "$SRCDIR"/tests/fixtures/soak/throws.js "$fns/"
printf 'module.exports = function ( {\n' >"$fns/syntax.js"
cat >"$T/fnpool.ini" <<INI
[global]
log_level = warn
[vg]
listen = $T/vg.sock
listen.mode = 0666
functions = $fns
workers = 1
memory_limit = 16M
request_timeout = 0	; valgrind is slow: let every request finish
INI
echo "location / { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$T/vg.sock; }" >"$T/server.conf"
valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    --log-file="$T/valgrind.%p" "$FNPOOL" -c "$T/fnpool.ini" >>"$T/fnpool.log" 2>&1 &
FNPOOL_PID=$!
check "fnpool (under valgrind) creates its socket" wait_for 300 is_socket "$T/vg.sock"
check "nginx starts" nginx_start
head -c 300000 /dev/zero | tr '\0' '[' >"$T/deep.json"
head -c 300000 /dev/zero | tr '\0' ']' >>"$T/deep.json"
for spec in hello:200 report:200 counter:200 counter:200 throws:500 missing:404 \
    'hog?bomb=1:500' hog_caught:500 bigstring:500 bigarray:500 churn:200 \
    recurse:500 syntax:500 hog:200; do
	r=$(curl -sS --max-time 120 --unix-socket "$T/nginx.sock" -o /dev/null \
	    -w '%{http_code}' "http://fnpool.test/${spec%:*}")
	is "$r" "${spec##*:}" "/${spec%:*} answers ${spec##*:}"
done
r=$(curl -sS --max-time 120 --unix-socket "$T/nginx.sock" -o /dev/null -w '%{http_code}' \
    -H 'Content-Type: application/json' --data-binary "@$T/deep.json" http://fnpool.test/parse)
is "$r" 500 "/parse with a body nested 300000 deep answers 500"
nginx_stop
fnpool_stop
# One report per process: the master and the worker.  Leaks count as
# errors (--errors-for-leak-kinds), so "0 errors" means no leak either.
for f in "$T"/valgrind.*; do
	diag "$(basename "$f"): $(grep -h -E 'in use at exit|All heap blocks' "$f" | sed 's/^==[0-9]*== *//')"
	if grep -q "ERROR SUMMARY: 0 errors" "$f"; then
		ok "valgrind: $(basename "$f") reports no leak and no error"
	else
		not_ok "valgrind: $(basename "$f") reports no leak and no error"
		sed 's/^/#   /' "$f" | tail -60
	fi
done
