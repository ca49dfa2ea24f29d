#!/bin/bash
# Fault isolation through a real nginx: memory budgets, request timeouts
# with a clean 504, engine errors, a worker killed mid-request, rlimits.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

LIMITS="$SRCDIR/tests/fixtures/limits"
# Under AddressSanitizer the address space is huge and startup slower.
sanitized=
ldd "$FNPOOL" 2>/dev/null | grep -q libasan && sanitized=1
rlimit_as="rlimit_as = 8G"
[ -n "$sanitized" ] && rlimit_as=""
# The worker killed below must die of its SIGSEGV, not report it.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:handle_segv=0"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[mem]
listen = $T/mem.sock
$RUN_AS
listen.mode = 0666
functions = $LIMITS
workers = 1
memory_limit = 16M
request_timeout = 30s
rlimit_nofile = 256
rlimit_core = 0
$rlimit_as

[time]
listen = $T/time.sock
$RUN_AS
listen.mode = 0666
functions = $LIMITS
workers = 3
request_timeout = 1s
INI
cat >"$T/server.conf" <<CONF
location /mem/ {
	rewrite ^/mem/(.*)$ /\$1 break;
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/mem.sock;
}
location /time/ {
	rewrite ^/time/(.*)$ /\$1 break;
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/time.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/time.sock"
check "nginx starts" nginx_start
check "all 4 workers up" wait_for 50 workers_up 4

now_ms() { date +%s%3N; }
# The pid of the worker that logged the last line matching $1.
logged_pid() {
	grep -a "$1" "$T/fnpool.log" | tail -1 | sed -n 's/.*worker\[\([0-9]*\)\].*/\1/p'
}
id_matches() {	# the body's requestId is the X-Request-Id header
	local id
	id=$(header x-request-id)
	[ -n "$id" ] && grep -q "\"requestId\":\"$id\"" "$T/body"
}

# ---- memory --------------------------------------------------------------

is "$(http /mem/counter)" $'200\n{"count":1}' "counter starts"
is "$(http /mem/counter)" $'200\n{"count":2}' "counter counts"
mem_pid=$(logged_pid 'function=counter .*: counter 2')
is "$(http /mem/hog)" $'200\n{"ok":true,"calls":1}' "hog answers normally"

t0=$(now_ms)
r=$(http '/mem/hog?bomb=1')
t1=$(now_ms)
like "$r" $'^500\n\\{"error":"The function exceeded its memory limit \\(memory_limit = 16777216 bytes\\)","requestId":"[0-9a-f]{32}"\\}' \
    "memory bomb: 500 saying the memory limit was hit"
check "memory bomb: requestId matches X-Request-Id" id_matches
check "memory bomb: answered within 10 s ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 10000
diag "memory bomb answered in $((t1 - t0)) ms"
check "memory bomb: logged with function and request id" \
    grep -q "hog.js: request $(header x-request-id) hit memory_limit" "$T/fnpool.log"
is "$(http /mem/hog)" $'200\n{"ok":true,"calls":1}' "next request to the same function works, on a rebuilt state"
is "$(http /mem/counter)" $'200\n{"count":3}' "another function's module-level counter is intact"
is "$(logged_pid 'function=counter .*: counter 3')" "$mem_pid" "the same worker process served it"

r=$(http /mem/hog_caught)
like "$r" $'^500\n\\{"error":"The function exceeded its memory limit' \
    "a function that catches 'out of memory' still gets a 500"
like "$(http /mem/bigstring)" $'^500\n.*memory limit' "endless string doubling: 500"
like "$(http /mem/bigarray)" $'^500\n.*memory limit' "endless array: 500"
like "$(http /mem/asyncbomb)" $'^500\n.*memory limit' \
    "an endless async function as fnpool build's output runs it (asyncRun): 500"
like "$(http /mem/genbomb)" $'^500\n.*memory limit' \
    "an endless generator as fnpool build's output runs it: 500"
is "$(http /mem/hog)" $'200\n{"ok":true,"calls":2}' "and another function after them works, on its own state"
is "$(http /mem/churn)" $'200\n{"length":30000}' \
    "a request making megabytes of garbage within a 16M budget succeeds"

# ---- engine errors -------------------------------------------------------

r=$(http /mem/recurse)
like "$r" $'^500\n\\{"error":"Internal Server Error","requestId":"[0-9a-f]{32}"\\}' "runaway recursion: 500"
check "runaway recursion: logged as a stack overflow" \
    grep -q "recurse.js: threw (request $(header x-request-id)): .*stack overflow" "$T/fnpool.log"
head -c 300000 /dev/zero | tr '\0' '[' >"$T/deep.json"
head -c 300000 /dev/zero | tr '\0' ']' >>"$T/deep.json"
# As a JSON body, fnpool's parser refuses it before the function runs.
r=$(http -H 'Content-Type: application/json' --data-binary "@$T/deep.json" /mem/parse)
like "$r" $'^400\n\\{"error":"invalid JSON at line 1 column 129: nested deeper than 128"' \
    "JSON nested 300000 deep as a JSON body: 400 before the function runs"
# As text, the function's own JSON.parse recurses into the engine's limit.
r=$(http -H 'Content-Type: text/plain' --data-binary "@$T/deep.json" /mem/parse)
like "$r" $'^500\n\\{"error":"Internal Server Error"' "JSON nested 300000 deep, parsed by the function: 500"
is "$(http -H 'Content-Type: application/json' --data-binary '[[1]]' /mem/parse)" \
    $'200\n{"type":"object"}' "a shallow JSON body still parses"
is "$(http /mem/counter)" $'200\n{"count":4}' "after all of these the counter is still intact"
is "$(logged_pid 'function=counter .*: counter 4')" "$mem_pid" "and the worker never died"

# ---- rlimits -------------------------------------------------------------

limits=$(cat "/proc/$mem_pid/limits" 2>/dev/null)
like "$limits" 'Max open files +256 +256' "rlimit_nofile applied to the worker"
like "$limits" 'Max core file size +0 +0' "rlimit_core applied to the worker"
if [ -n "$sanitized" ]; then
	ok "# SKIP rlimit_as: AddressSanitizer needs terabytes of address space"
else
	like "$limits" 'Max address space +8589934592 +8589934592' "rlimit_as applied to the worker"
fi

# ---- time ----------------------------------------------------------------

before=$(worker_pids | tr '\n' ' ')
# Other functions on the same pool keep answering while one loops.
for i in 1 2 3 4; do
	( for j in 1 2 3 4 5 6 7 8; do
		curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -o /dev/null \
		    -w '%{http_code}\n' "http://fnpool.test/time/hello"
	done ) >"$T/side.$i" 2>&1 &
done
# curl times the request itself: no process start-up in the figure.
took=$(curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -D "$T/headers" \
    -o "$T/body" -w '%{time_total}' "http://fnpool.test/time/loop")
r=$(printf '%s\n' "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' "$T/headers")"; cat "$T/body")
took_ms=$(awk -v t="$took" 'BEGIN {printf "%d", t * 1000}')
has_8_lines() { [ "$(wc -l <"$1")" -eq 8 ]; }
for i in 1 2 3 4; do wait_for 100 has_8_lines "$T/side.$i"; done
like "$r" $'^504\n\\{"error":"Gateway Timeout: the function ran longer than request_timeout \\(1000 ms\\)","requestId":"[0-9a-f]{32}"\\}' \
    "infinite loop: a complete 504 with JSON"
check "504: requestId matches X-Request-Id" id_matches
is "$(header content-type)" "application/json" "504: JSON content type"
check "504 within timeout + 500 ms (took $took_ms ms)" test "$took_ms" -lt 1500
diag "time to 504: $took_ms ms (request_timeout = 1000 ms)"
is "$(cat "$T"/side.* | sort | uniq -c | sed 's/^ *//')" "32 200" \
    "32 concurrent requests to another function all succeeded"
id=$(header x-request-id)
like "$(grep -a "request $id timed out" "$T/fnpool.log")" \
    "loop.js: request $id timed out after 1[0-9]{3} ms; answered 504" \
    "the log names the function, the request id and the elapsed time"
# The 504 is sent before the worker exits: wait for the set to change,
# not only for the count (which is 4 before the exit too).
pids_changed() { test "$(worker_pids | tr '\n' ' ')" != "$before"; }
check "one worker pid changed" wait_for 50 pids_changed
check "the timed-out worker is replaced" wait_for 50 workers_up 4
grep -q "nginx.*upstream prematurely closed\|recv() failed" "$T/nginx-error.log" &&
    not_ok "nginx saw no broken upstream connection" || ok "nginx saw no broken upstream connection"
is "$(http /time/hello)" $'200\nhello' "the pool serves after the timeout"

# ---- crash containment ---------------------------------------------------

http /mem/loop >"$T/crash.out" 2>&1 &
crash_client=$!
wait_for 100 grep -q "mem worker.*function=loop .*looping" "$T/fnpool.log"
busy=$(logged_pid 'mem worker.*function=loop .*looping')
is "$busy" "$mem_pid" "the mem pool's worker is busy in the loop"
# Timed with shell builtins only ($EPOCHREALTIME, read): forking a
# pgrep per poll would take longer than the respawn being measured.
t0=${EPOCHREALTIME/./}
kill -SEGV "$busy"
while :; do
	read -r -a kids </proc/"$FNPOOL_PID"/task/"$FNPOOL_PID"/children
	[ "${#kids[@]}" -eq 4 ] && [[ " ${kids[*]} " != *" $busy "* ]] && break
	[ $((${EPOCHREALTIME/./} - t0)) -gt 5000000 ] && break
done
t1=${EPOCHREALTIME/./}
refill_ms=$(((t1 - t0) / 1000))
wait "$crash_client"
is "$(head -1 "$T/crash.out")" "502" "the killed worker's request gets a 502"
# The figure is measured here and reported; its target lives in bench/
# (respawn), since a loaded machine must not fail the suite.  The bound
# only says "replaced, not stuck" (the loop above gives up at 5 s).
diag "pool refilled in $refill_ms ms"
check "pool refilled with a new worker (took $refill_ms ms)" test "$refill_ms" -lt 5000
diag "time to refill: $refill_ms ms (from kill to a full pool)"
check "the death is logged with its signal" \
    grep -q "worker $busy killed by signal 11" "$T/fnpool.log"
is "$(http /mem/counter)" $'200\n{"count":1}' "the new worker serves (with fresh states)"

# ---- a module stuck at preload -------------------------------------------

nginx_stop
fnpool_stop
cat >"$T/preload.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[stuck]
listen = $T/stuck.sock
$RUN_AS
functions = $SRCDIR/tests/fixtures/limits-preload
workers = 1
preload = on
request_timeout = 500ms
INI
fnpool_start "$T/preload.ini"
check "preload: a module stuck in a loop is stopped after request_timeout" \
    wait_for 100 grep -q "stuck.js: loading it at start (preload) timed out after [0-9]* ms; the worker exits" "$T/fnpool.log"
check "preload: the master sees the worker exit with code 124" \
    wait_for 50 grep -q "pool stuck: worker [0-9]* exited with code 124" "$T/fnpool.log"
