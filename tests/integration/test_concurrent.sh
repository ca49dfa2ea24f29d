#!/bin/bash
# max_concurrent: one worker serves several requests at once, each with
# its own ctx, request id and deadline, through a real nginx.  Requests
# waiting on timers or fetch interleave; one past request_timeout gets
# its 504 while the others finish; a function that never returns to the
# loop ends every request in flight (504 for it, 503 with Retry-After
# for the others) and its worker is replaced; reload and stop lose no
# request in flight; bad values are refused with file:line.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"

FX="$SRCDIR/tests/fixtures/concurrent"
UP=$(free_port)

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[cc]
listen = $T/cc.sock
listen.mode = 0666
$RUN_AS
functions = $FX/functions
workers = 1
max_concurrent = 64
request_timeout = 2s
memory_limit = 16M
access.log = $T/access.log
slowlog_timeout = 1500ms
slowlog = $T/slow.log
env.UP = http://127.0.0.1:$UP
status.listen = $T/status.sock
status.path = /_/status
metrics.path = /_/metrics

[rss]
listen = $T/rss.sock
listen.mode = 0666
$RUN_AS
functions = $FX/functions
prefix = /rss
workers = 1
max_concurrent = 8
max_rss = 1M

[q]
listen = $T/q.sock
listen.mode = 0666
$RUN_AS
functions = $FX/functions
prefix = /q
workers = 1
max_concurrent = 2
queue_timeout = 300ms

[up]
listen = $T/up.sock
listen.mode = 0666
$RUN_AS
functions = $FX/upstream
workers = 1
max_concurrent = 16
INI
cat >"$T/http.conf" <<CONF
server {
	listen 127.0.0.1:$UP;
	access_log off;
	location / {
		include /etc/nginx/fastcgi_params;
		fastcgi_pass unix:$T/up.sock;
	}
}
CONF
cat >"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
location /q/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/q.sock;
}
location /rss/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/rss.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/cc.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/up.sock"
check "nginx starts" nginx_start
check "the workers up" wait_for 50 workers_up 4
check "the upstream answers" wait_for 50 port_open "$UP"

# The pid of the cc pool's one worker (its process is named fnpool:cc).
cc_pid() {
	local p
	for p in $(worker_pids); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = "fnpool:cc" ] && echo "$p"
	done
}
cc_replaced() { local p; p=$(cc_pid); [ -n "$p" ] && [ "$p" != "$1" ]; }

# fire NAME PATH: a request in the background; its status in $T/s.NAME,
# headers in $T/h.NAME, body in $T/b.NAME; NAME is appended to
# $T/order when it is answered.
PIDS=
fire() {
	( curl -sS --max-time 20 --unix-socket "$T/nginx.sock" \
	    -D "$T/h.$1" -o "$T/b.$1" -w '%{http_code}' \
	    "http://fnpool.test$2" >"$T/s.$1" 2>/dev/null
	  echo "$1" >>"$T/order" ) &
	PIDS="$PIDS $!"
}
settle() { wait $PIDS; PIDS=; }
# started N PREFIX: N requests named PREFIX* have logged their start.
started() {
	[ "$(grep -a -c "request=[0-9a-f]*: start $2" "$T/fnpool.log")" -ge "$1" ]
}
hdr() {		# hdr NAME HEADER
	tr -d '\r' <"$T/h.$1" | awk -v n="$2" 'BEGIN{FS=": "}
	    tolower($1)==n {print substr($0, length($1)+3); exit}'
}
# own NAME: the body names the request and carries its X-Request-Id,
# and the request's log lines carry that id.
own() {
	local id
	id=$(hdr "$1" x-request-id)
	[ -n "$id" ] && grep -q "\"name\":\"$1\"" "$T/b.$1" &&
	    grep -q "\"id\":\"$id\"" "$T/b.$1" &&
	    grep -a -q "request=$id: start $1\$" "$T/fnpool.log" &&
	    grep -a -q "request=$id: end $1\$" "$T/fnpool.log"
}
count_status() {	# count_status STATUS NAME...: how many got STATUS
	local s=$1 n=0 name
	shift
	for name in "$@"; do
		[ "$(cat "$T/s.$name")" = "$s" ] && n=$((n + 1))
	done
	echo "$n"
}

# ---- interleaving on timers ------------------------------------------------

PID0=$(cc_pid)
: >"$T/order"
fire ia '/wait?name=ia&ms=700'
check "a request waiting on a 700 ms timer is in flight" wait_for 50 started 1 ia
fire ib '/wait?name=ib&ms=100'
settle
is "$(cat "$T/s.ia") $(cat "$T/s.ib")" "200 200" "both answered"
is "$(tr '\n' ' ' <"$T/order")" "ib ia " \
    "in the order their timers fired, not the order they came"
check "  the first one with its own ctx, request id and log lines" own ia
check "  the second one too" own ib
is "$(cc_pid)" "$PID0" "  by the one worker"

# ---- interleaving on fetch -------------------------------------------------

: >"$T/order"
fire fa '/upfetch?name=fa&ms=700'
check "a request waiting on a 700 ms fetch is in flight" wait_for 50 started 1 fa
fire fb '/upfetch?name=fb&ms=100'
settle
is "$(cat "$T/s.fa") $(cat "$T/s.fb")" "200 200" "both fetches answered"
is "$(tr '\n' ' ' <"$T/order")" "fb fa " "  in the order their upstream answered"
check "  each with its own ctx and request id" own fa
check "  the other one too" own fb
check "  and its own upstream answer" grep -q '"upstream":"fa"' "$T/b.fa"
t0=$(date +%s%3N)
for i in 1 2 3 4 5 6 7 8; do fire "fp$i" "/upfetch?name=fp$i&ms=400"; done
settle
t1=$(date +%s%3N)
is "$(count_status 200 fp1 fp2 fp3 fp4 fp5 fp6 fp7 fp8)" 8 \
    "8 requests each fetching a 400 ms upstream through one worker"
check "  side by side: $((t1 - t0)) ms, not 3.2 s" test $((t1 - t0)) -lt 1600

fire sf '/upfetch?name=sf&ms=1700'
settle
is "$(cat "$T/s.sf")" 200 "a fetch past slowlog_timeout, within request_timeout"
id=$(hdr sf x-request-id)
check "  is in the slow log, waiting on its fetch" grep -q \
    "has run upfetch.js for /upfetch (request $id) for 1[5-9][0-9][0-9] ms (slowlog_timeout 1500 ms), waiting on fetch to 127.0.0.1$" \
    "$T/slow.log"

# ---- one request's deadline ------------------------------------------------

fire ta '/wait?name=ta&ms=5000'
check "a request that waits past request_timeout (2 s) is in flight" \
    wait_for 50 started 1 ta
fire tb '/wait?name=tb&ms=300'
fire tc '/wait?name=tc&ms=2500'
settle
is "$(cat "$T/s.ta")" 504 "it gets its 504"
id=$(hdr ta x-request-id)
check "  with its request id" grep -q "\"requestId\":\"$id\"" "$T/b.ta"
check "  logged: the others go on" grep -a -q \
    "wait.js: request $id timed out after [0-9]* ms; answered 504, the other requests in flight go on" \
    "$T/fnpool.log"
is "$(cat "$T/s.tb")" 200 "a neighbour within its time finishes"
check "  as itself" own tb
is "$(cat "$T/s.tc")" 504 "a neighbour past its own deadline gets its own 504"
for n in ta tc; do
	id=$(hdr $n x-request-id)
	check "  the slow log has $n, by its own request id" grep -q \
	    "pool cc: slow request: worker $PID0 has run wait.js for /wait (request $id) for 1[5-9][0-9][0-9] ms (slowlog_timeout 1500 ms)" \
	    "$T/slow.log"
done
id=$(hdr tb x-request-id)
check "  but not the quick one" bash -c "! grep -q '$id' '$T/slow.log'"
is "$(cc_pid)" "$PID0" "the worker lives on"
fire tz '/wait?name=tz&ms=10'
settle
is "$(cat "$T/s.tz")" 200 "  and serves the next request"
check "  the timed-out request's timer never ran" bash -c \
    "! grep -a -q 'end ta' '$T/fnpool.log'"

# ---- memory_limit: one state, its requests in flight -----------------------

fire mw '/mem?name=mw&ms=800'
check "a request waits on a function's state" wait_for 50 started 1 mw
fire mg '/mem?name=mg&grow=1&ms=100'
fire mx '/wait?name=mx&ms=800'
settle
is "$(cat "$T/s.mg")" 500 "a request that fills the state past memory_limit: 500"
check "  saying so" grep -q "exceeded its memory limit" "$T/b.mg"
is "$(cat "$T/s.mw")" 500 "a request in flight on the same state: 500 too"
check "  saying so, with its own request id" bash -c \
    "grep -q 'exceeded its memory limit' '$T/b.mw' && grep -q \"\$(tr -d '\r' <'$T/h.mw' | sed -n 's/^X-Request-Id: //Ip')\" '$T/b.mw'"
is "$(cat "$T/s.mx")" 200 "a request on another function's state: 200"
fire mz '/mem?name=mz&ms=10'
settle
is "$(cat "$T/s.mz")" 200 "the function's next request gets a new state"

# ---- ctx.waitUntil ----------------------------------------------------------

t0=$(date +%s%3N)
fire bg '/bg?name=bg'
settle
t1=$(date +%s%3N)
is "$(cat "$T/s.bg")" 200 "ctx.waitUntil: the response first"
check "  at once ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 450
http /_/status >/dev/null
check "  the work is counted in flight meanwhile" grep -q '"requests_in_flight":1' "$T/body"
id=$(hdr bg x-request-id)
check "  then it runs to its end, with the request id" wait_for 50 \
    grep -a -q "request=$id: bg done bg" "$T/fnpool.log"
http /_/status >/dev/null
check "  and leaves the count" grep -q '"requests_in_flight":0' "$T/body"

# ---- queue_timeout: busy means at max_concurrent ---------------------------

fire q1 '/q/wait?name=q1&ms=1500'
check "a worker with max_concurrent = 2 has one request in flight" \
    wait_for 50 started 1 q1
fire q2 '/q/wait?name=q2&ms=10'
check "  it takes a second one, not the master's 503" wait_for 50 test -s "$T/s.q2"
is "$(cat "$T/s.q2")" 200 "  which it answers"
fire q3 '/q/wait?name=q3&ms=1500'
check "with two in flight it is busy" wait_for 50 started 1 q3
t0=$(date +%s%3N)
fire q4 '/q/wait?name=q4&ms=10'
wait_for 50 test -s "$T/s.q4"
t1=$(date +%s%3N)
is "$(cat "$T/s.q4")" 503 "  a third one waits in the backlog: 503 after queue_timeout"
check "  after about 300 ms ($((t1 - t0)) ms)" test $((t1 - t0)) -ge 250 -a $((t1 - t0)) -lt 1200
settle
is "$(cat "$T/s.q1") $(cat "$T/s.q3")" "200 200" "  the two in flight finish"

# ---- a runaway function ----------------------------------------------------

names=
for i in 1 2 3 4 5 6 7 8 9 10; do
	fire "rn$i" "/wait?name=rn$i&ms=10000"
	names="$names rn$i"
done
check "10 requests in flight" wait_for 100 started 10 rn
st=$(http /_/status?full)
check "  the status counts them" grep -q '"requests_in_flight":10' "$T/body"
check "  and so does the worker's entry" grep -q -E '"state":"busy"[^}]*"in_flight":10' "$T/body"
http /_/metrics >/dev/null
check "  and the metrics" grep -q '^fnpool_requests_in_flight{pool="cc"} 10$' "$T/body"
fire loop '/loop'
settle
is "$(cat "$T/s.loop")" 504 "an endless loop: 504"
id=$(hdr loop x-request-id)
check "  with its request id" grep -q "\"requestId\":\"$id\"" "$T/b.loop"
is "$(count_status 503 $names)" 10 "every neighbour: 503"
ok_all=1
for n in $names; do
	id=$(hdr "$n" x-request-id)
	[ -n "$id" ] && grep -q "\"requestId\":\"$id\"" "$T/b.$n" &&
	    [ "$(hdr "$n" retry-after)" = 1 ] || ok_all=0
done
is "$ok_all" 1 "  each with Retry-After and its own request id"
check "  the 503 says why" grep -q "another request in this worker ran longer than request_timeout" "$T/b.rn1"
check "the worker is replaced" wait_for 100 cc_replaced "$PID0"
check "  the master logs why" grep -a -q "(request_timeout: answered 504) while running" "$T/fnpool.log"
PID1=$(cc_pid)
fire after '/wait?name=after&ms=10'
settle
is "$(cat "$T/s.after")" 200 "the new worker serves"

# ---- reload and stop with 50 requests in flight ----------------------------

names=
for i in $(seq 1 50); do
	fire "hu$i" "/wait?name=hu$i&ms=700"
	names="$names hu$i"
done
check "50 requests in flight" wait_for 100 started 50 hu
kill -HUP "$FNPOOL_PID"
settle
is "$(count_status 200 $names)" 50 "a reload: all 50 answered 200"
check "  the old worker exits" wait_for 100 cc_replaced "$PID1"

names=
for i in $(seq 1 50); do
	fire "st$i" "/wait?name=st$i&ms=700"
	names="$names st$i"
done
check "50 requests in flight again" wait_for 100 started 50 st
kill -TERM "$FNPOOL_PID"
settle
is "$(count_status 200 $names)" 50 "a stop: all 50 answered 200"
fnpool_stop
is "$FNPOOL_RC" 0 "  and fnpool exits cleanly"

n=$(grep -c 'GET /wait?name=hu' "$T/access.log")
is "$n" 50 "the access log has one line per request"

# ---- max_rss: stop accepting, finish those in flight -----------------------

fnpool_start "$T/fnpool.ini"
check "fnpool starts again" wait_for 50 workers_up 4
check "  and nginx reaches it" wait_for 50 is_socket "$T/rss.sock"
RPID=
for p in $(worker_pids); do
	[ "$(cat /proc/"$p"/comm)" = "fnpool:rss" ] && RPID=$p
done
fire m1 '/rss/wait?name=m1&ms=600'
fire m2 '/rss/wait?name=m2&ms=300'
settle
is "$(cat "$T/s.m1") $(cat "$T/s.m2")" "200 200" \
    "a worker past max_rss finishes the requests in flight"
check "  and says so" grep -a -q "rss worker\[$RPID\]: RSS .* is over max_rss" "$T/fnpool.log"
check "  then exits to be replaced" wait_for 50 bash -c "! kill -0 $RPID 2>/dev/null"
fnpool_stop

# ---- bad values -------------------------------------------------------------

for v in 0 1025 -3 many 2.5; do
	printf '[bad]\nlisten = %s\nfunctions = %s\n%s\nmax_concurrent = %s\n' \
	    "$T/bad.sock" "$FX/functions" "$RUN_AS" "$v" >"$T/bad.ini"
	out=$("$FNPOOL" -t -c "$T/bad.ini" 2>&1)
	rc=$?
	like "$rc $out" "^1 .*bad.ini:5: bad value '$v' for max_concurrent: expected a whole number from 1 to 1024" \
	    "max_concurrent = $v: refused with file:line"
done
printf '[good]\nlisten = %s\nfunctions = %s\n%s\nmax_concurrent = 1024\n' \
    "$T/bad.sock" "$FX/functions" "$RUN_AS" >"$T/bad.ini"
check "max_concurrent = 1024 is taken" bash -c "\"$FNPOOL\" -t -c \"$T/bad.ini\" >/dev/null 2>&1"

