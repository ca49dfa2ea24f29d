#!/bin/bash
# Async handlers through a real nginx: a returned Promise is awaited,
# timers run before the response, rejections map like throws, a promise
# that never settles is a 500, a timer past request_timeout a clean 504,
# and transpiled async/await (Babel's preset-env) works.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

ASYNC="$SRCDIR/tests/fixtures/async/functions"
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[async]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $ASYNC
workers = 2
request_timeout = 1s
INI
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2

now_ms() { date +%s%3N; }
id_matches() {	# the body's requestId is the X-Request-Id header
	local id
	id=$(header x-request-id)
	[ -n "$id" ] && grep -q "\"requestId\":\"$id\"" "$T/body"
}
logged() { grep -q -a -- "$1" "$T/fnpool.log"; }

is "$(http /later)" \
    $'200\n{"later":true,"order":["microtask","immediate","timeout 0","timeout 100"]}' \
    "a Promise resolved after setTimeout(..., 0): its value, callbacks in Node's order"
is "$(header x-timer)" "ran" "ctx.response set in a timer applies"

is "$(http /thenable)" $'200\nfrom a thenable' "a thenable that is not a Promise is awaited"

# ---- rejections map like throws -------------------------------------------

r=$(http /rejected)
like "$r" $'^500\n\\{"error":"Internal Server Error","requestId":"[0-9a-f]{32}"\\}$' \
    "a rejected Promise: 500 with the request id"
check "  requestId matches X-Request-Id" id_matches
check "  logged as a rejection with the request id and the reason" \
    logged "rejected.js: rejected (request $(header x-request-id)): Error: database down"
r=$(http '/rejected?status=404')
like "$r" $'^404\n\\{"error":"no such thing","requestId":"[0-9a-f]{32}"\\}$' \
    "a rejection with err.status = 404: 404 with its message, like a throw"

r=$(http /throws_later)
like "$r" $'^500\n\\{"error":"Internal Server Error","requestId":"[0-9a-f]{32}"\\}$' \
    "a timer callback that throws: 500"
check "  logged as such" logged "throws_later.js: a setTimeout callback threw (request $(header x-request-id)): Error: thrown in a timer"

# ---- never settles, too slow ----------------------------------------------

t0=$(now_ms)
r=$(http /never)
t1=$(now_ms)
like "$r" $'^500\n\\{"error":"The function\'s promise never settled","requestId":"[0-9a-f]{32}"\\}$' \
    "a Promise that never settles: 500 saying so"
check "  at once, not at request_timeout ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 900
check "  logged with a clear message" \
    logged "never.js: never settled (request $(header x-request-id)): Error: the handler's promise never settled, and no timer or callback was left to settle it"

t0=$(now_ms)
r=$(http '/slow?ms=300')
t1=$(now_ms)
is "$r" $'200\ntoo late' "a timer within request_timeout is waited for"
check "  for its whole delay ($((t1 - t0)) ms >= 300)" test $((t1 - t0)) -ge 300

t0=$(now_ms)
r=$(http '/slow?ms=5000')
t1=$(now_ms)
like "$r" $'^504\n\\{"error":"Gateway Timeout: the function ran longer than request_timeout \\(1000 ms\\)","requestId":"[0-9a-f]{32}"\\}' \
    "a timer past request_timeout: the clean 504"
check "  after about 1 s ($((t1 - t0)) ms)" test $((t1 - t0)) -ge 900 -a $((t1 - t0)) -lt 4000
check "  requestId matches X-Request-Id" id_matches
check "  logged as a timeout" logged "slow.js: request $(header x-request-id) timed out after"
check "the worker is replaced" wait_for 50 workers_up 2

# ---- transpiled async/await -----------------------------------------------

is "$(http /await)" \
    $'200\n{"item":{"id":"1","name":"item 1"},"recovered":"expected failure","all":["a","item b"],"steps":["start","looked up","all"]}' \
    "Babel preset-env async/await: awaits, a caught rejection, Promise.all"
r=$(http '/await?id=missing')
like "$r" $'^404\n\\{"error":"no such id: missing","requestId":"[0-9a-f]{32}"\\}$' \
    "an async function that throws err.status = 404: 404"

# ---- background timers, module timers, unhandled rejections ---------------

t0=$(now_ms)
r=$(http /background)
t1=$(now_ms)
like "$r" $'^200\n\\{"calls":[0-9]+\\}$' "a synchronous handler that sets a timer"
like "$(header x-background)" '^done [0-9]+$' "  the timer ran before the response"
check "  which waited for it ($((t1 - t0)) ms >= 20)" test $((t1 - t0)) -ge 20
check "  the unhandled rejection is logged with the request id" \
    logged "background.js: unhandled promise rejection (request $(header x-request-id)): Error: nobody handles this"
check "a module-level timer is dropped with a log line saying where" \
    logged "setTimeout outside a request (module code or init) is dropped: timers run only while a request is served (at background.js:3)"
check "  and never runs" bash -c "! grep -q 'module timer ran' '$T/fnpool.log'"

is "$(http /later)" \
    $'200\n{"later":true,"order":["microtask","immediate","timeout 0","timeout 100"]}' \
    "the same worker state serves the next async request alike"
