#!/bin/bash
# Overload: with every worker busy, queued requests get a fast 503 after
# queue_timeout; a request whose client left is not run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
owner=
[ "$(id -u)" = 0 ] && owner="listen.owner = www-data"

PORT=$((20000 + RANDOM % 20000))
cat >"$T/fnpool.ini" <<INI
[global]
log_level = debug

[busy]
listen = $T/busy.sock
$owner
functions = $PM_FIXTURES
prefix = /busy
workers = 2
queue_timeout = 300ms
$RUN_AS

[tcp]
listen = 127.0.0.1:$PORT
functions = $PM_FIXTURES
prefix = /tcp
workers = 1
queue_timeout = 300ms
$RUN_AS

[patient]
listen = $T/patient.sock
$owner
functions = $PM_FIXTURES
prefix = /patient
workers = 1
$RUN_AS
INI
nginx_pools busy:"$T/busy.sock" patient:"$T/patient.sock"
cat >>"$T/server.conf" <<CONF
location /tcp/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass 127.0.0.1:$PORT;
}
CONF
fnpool_start "$T/fnpool.ini"
check "sockets appear" wait_for 50 is_socket "$T/patient.sock"
check "nginx starts" nginx_start
check "workers start" wait_for 50 workers_are 4

# request NAME PATH: in the background; code, time (ms) and body to files.
request() {
	(
		t0=$(now_ms)
		curl -s -D "$T/$1.headers" -o "$T/$1.body" -w '%{http_code}' \
		    --max-time 20 --unix-socket "$T/nginx.sock" \
		    "http://fnpool.test$2" >"$T/$1.code"
		echo $(( $(now_ms) - t0 )) >"$T/$1.ms"
	) &
	LOAD_PIDS="$LOAD_PIDS $!"
}

request slow1 "/busy/slow?ms=4000"
request slow2 "/busy/slow?ms=4000"
check "both workers are busy" wait_for 50 busy_are 2 busy
for i in 1 2 3; do request queued$i "/busy/hello"; done
wait $LOAD_PIDS
LOAD_PIDS=

for i in 1 2 3; do
	ms=$(cat "$T/queued$i.ms")
	is "$(cat "$T/queued$i.code")" "503" "queued request $i gets 503 while every worker is busy"
	# A loaded machine (a whole suite on 2 CPUs) has taken 1.8 s; the
	# workers free up only at 4 s.
	check "after queue_timeout, well before a worker is free ($ms ms; queue_timeout 300 ms)" \
	    test "$ms" -ge 250 -a "$ms" -lt 3000
done
h=$(tr -d '\r' <"$T/queued1.headers")
like "$h" $'\nRetry-After: [0-9]+\n' "the 503 has Retry-After"
like "$(cat "$T/queued1.body")" '^\{"error":"Every worker is busy: try again later","requestId":"[0-9a-f]{32}"\}$' \
    "the 503 body is JSON with the request id"
id=$(sed 's/.*"requestId":"\([0-9a-f]*\)".*/\1/' "$T/queued1.body")
check "the log has that request id and its wait" \
    log_has "pool busy: request $id: GET /busy/hello: every worker busy for [0-9]+ ms \(queue_timeout\): answered 503"
check "the log shows requests that run (so the next check can fail)" log_has "GET /busy/slow\\?ms=4000 -> 200"
check "no function ran for the rejected requests" \
    test "$(grep -c 'GET /busy/hello -> ' "$T/fnpool.log")" = 0
is "$(cat "$T/slow1.code")$(cat "$T/slow2.code")" "200200" "the slow requests still finish"
is "$(http /busy/hello)" $'200\nhello from ?' "with a free worker, requests run again"

# ---- the same on a TCP socket (queue length from TCP_INFO) ----------------
request tslow "/tcp/slow?ms=4000"
check "the TCP pool's worker is busy" wait_for 50 busy_are 1 tcp
request tqueued "/tcp/hello"
wait $LOAD_PIDS
LOAD_PIDS=
ms=$(cat "$T/tqueued.ms")
is "$(cat "$T/tqueued.code")" "503" "TCP pool: a queued request gets 503"
check "after queue_timeout, well before the worker is free ($ms ms)" test "$ms" -ge 250 -a "$ms" -lt 3000
is "$(cat "$T/tslow.code")" "200" "and the slow one finishes"

# ---- a client that left while queued ---------------------------------------
request hold "/patient/slow?ms=1500"
check "the patient pool's only worker is busy" wait_for 50 busy_are 1 patient
curl -s -o /dev/null --max-time 0.5 --unix-socket "$T/nginx.sock" \
    "http://fnpool.test/patient/slow?ms=10" || true
wait $LOAD_PIDS
LOAD_PIDS=
gone() { log_has "GET /patient/slow\?ms=10: the client went away while it waited; not run"; }
check "a request whose client left is skipped, not run" wait_for 30 gone
check "the function never ran for it" \
    test "$(grep -c 'GET /patient/slow?ms=10 -> ' "$T/fnpool.log")" = 0
is "$(cat "$T/hold.code")" "200" "the request ahead of it finished"

fnpool_stop
check "the pool's counters are logged when it stops: 3 answered 503" \
    log_has "pool busy \(generation 1\): [0-9]+ workers started, 0 crashed, 0 timed out, 0 recycled; 3 requests answered 503, [0-9]+ waited in the queue"
