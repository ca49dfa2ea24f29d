#!/bin/bash
# fnpool:db's asynchronous PostgreSQL calls with max_concurrent above 1,
# on a real PostgreSQL (pg.sh) through a real nginx: requests awaiting
# queries on one worker are answered together, each with its own result
# and its own connection; a transaction in one request is not seen by an
# interleaved one before its commit; one request's 504 cancels its query
# on the server while its neighbours finish, and the worker serves on;
# a query and a fetch awaited together; past db.max_connections a call
# fails at once with EMAXCONN.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
pg_start || skip_all "$PG_WHY"

FX="$SRCDIR/tests/fixtures/dbcc/functions"
UP=$(free_port)
pg_sql "CREATE TABLE cc_items (tag text)" >/dev/null

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[cc]
listen = $T/cc.sock
listen.mode = 0666
$RUN_AS
functions = $FX
workers = 1
max_concurrent = 8
request_timeout = 2s
slowlog_timeout = 1s
slowlog = $T/slow.log
db.pg = $PG_URL
env.UP = http://127.0.0.1:$UP

[cap]
listen = $T/cap.sock
listen.mode = 0666
$RUN_AS
functions = $FX
prefix = /cap
workers = 1
max_concurrent = 8
db.max_connections = 2
db.pg = $PG_URL

[up]
listen = $T/up.sock
listen.mode = 0666
$RUN_AS
functions = $SRCDIR/tests/fixtures/concurrent/upstream
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
location /cap/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/cap.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/cc.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/up.sock"
check "nginx starts" nginx_start
check "the workers up" wait_for 50 workers_up 3
check "the upstream answers" wait_for 50 port_open "$UP"

cc_pid() {
	local p
	for p in $(worker_pids); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = "fnpool:cc" ] && echo "$p"
	done
}

# fire NAME PATH: a request in the background; status in $T/s.NAME,
# headers in $T/h.NAME, body in $T/b.NAME; NAME goes to $T/order when
# it is answered.
PIDS=
fire() {
	( curl -sS --max-time 20 --unix-socket "$T/nginx.sock" \
	    -D "$T/h.$1" -o "$T/b.$1" -w '%{http_code}' \
	    "http://fnpool.test$2" >"$T/s.$1" 2>/dev/null
	  echo "$1" >>"$T/order" ) &
	PIDS="$PIDS $!"
}
settle() { wait $PIDS; PIDS=; }
logged() { [ "$(grep -a -c "request=[0-9a-f]*: $2" "$T/fnpool.log")" -ge "$1" ]; }
hdr() {
	tr -d '\r' <"$T/h.$1" | awk -v n="$2" 'BEGIN{FS=": "}
	    tolower($1)==n {print substr($0, length($1)+3); exit}'
}
field() { sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$T/b.$1"; }
# own NAME: 200, the body names the request, carries its X-Request-Id
# and its own query's answer.
own() {
	local id
	id=$(hdr "$1" x-request-id)
	[ "$(cat "$T/s.$1")" = 200 ] && [ -n "$id" ] &&
	    grep -q "\"name\":\"$1\"" "$T/b.$1" &&
	    grep -q "\"got\":\"$1\"" "$T/b.$1" &&
	    grep -q "\"id\":\"$id\"" "$T/b.$1"
}
sleeping() { pg_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"; }
none_sleeping() { [ "$(sleeping)" = 0 ]; }

# ---- several requests awaiting queries on one worker ---------------------------

PID0=$(cc_pid)
fire warm '/sleep?name=warm&s=0'
settle
check "a first query through the worker" own warm
names=
t0=$(date +%s%3N)
for i in 1 2 3 4 5 6 7 8; do
	fire "q$i" "/sleep?name=q$i&s=0.3"
	names="$names q$i"
done
settle
t1=$(date +%s%3N)
n=0
for x in $names; do own "$x" && n=$((n + 1)); done
is "$n" 8 "8 requests each awaiting pg_sleep(0.3) on one worker (max_concurrent = 8): each its own result and request id"
check "  answered together: $((t1 - t0)) ms, not 8 x 300" test $((t1 - t0)) -lt 1500
pids=$(for x in $names; do field "$x" pid; echo; done | sort -u | wc -l)
is "$pids" 8 "  each on a connection of its own (8 server processes)"
[ "$pids" = 8 ] || diag "$(cat "$T/b.q1" "$T/b.q2")"
is "$(cc_pid)" "$PID0" "  by the one worker"
nconn=$(pg_sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fnpool'")
check "  which keeps them, at most max_concurrent ($nconn)" test "$nconn" -le 8

# ---- a transaction belongs to its request -------------------------------------

: >"$T/order"
fire tw '/tx?op=write&tag=t1&s=1'
check "a request's transaction has inserted a row and waits in it" \
    wait_for 50 logged 1 "inserted t1"
fire tr '/tx?op=read&tag=t1'
fire ts '/tx?op=readsync&tag=t1'
settle
is "$(cat "$T/b.tr")" '{"n":0}' "an interleaved request does not see it before the commit (queryAsync)"
is "$(cat "$T/b.ts")" '{"n":0}' "  nor with the blocking call"
is "$(tail -1 "$T/order")" tw "  both answered while the transaction waits"
is "$(cat "$T/s.tw") $(cat "$T/b.tw")" '200 {"committed":"t1"}' "the transaction commits"
fire tr2 '/tx?op=read&tag=t1'
settle
is "$(cat "$T/b.tr2")" '{"n":1}' "  and then its row is seen"

# ---- one request's deadline -----------------------------------------------------

: >"$T/order"
fire late '/sleep?name=late&s=10'
check "a request whose query runs past request_timeout (2 s) is in flight" \
    wait_for 50 logged 1 "start late"
fire n1 '/sleep?name=n1&s=0.3'
fire n2 '/sleep?name=n2&s=0.5'
settle
is "$(cat "$T/s.late")" 504 "it gets its 504"
id=$(hdr late x-request-id)
check "  with its request id" grep -q "\"requestId\":\"$id\"" "$T/b.late"
check "  logged: its statement cancelled" grep -a -q \
    "sleep.js: request $id ended with 1 database statement pending: cancelled" "$T/fnpool.log"
check "  and on the server" wait_for 30 none_sleeping
check "  the slow log has it, waiting on its query" grep -q \
    "has run sleep.js for /sleep (request $id) for 1[0-9][0-9][0-9] ms (slowlog_timeout 1000 ms), waiting on query on database pg$" \
    "$T/slow.log"
check "a neighbour finishes as itself" own n1
check "  and the other one" own n2
is "$(cc_pid)" "$PID0" "the worker lives on"
fire after '/sleep?name=after&s=0.1'
fire after2 '/tx?op=read&tag=t1'
settle
check "  and its next requests work" own after
is "$(cat "$T/b.after2")" '{"n":1}' "  on connections that are ready"

# ---- a query and a fetch at once ------------------------------------------------

t0=$(date +%s%3N)
fire both '/both?name=both&ms=400'
fire both2 '/both?name=both2&ms=400'
settle
t1=$(date +%s%3N)
is "$(cat "$T/s.both") $(cat "$T/b.both")" '200 {"name":"both","db":"both","upstream":"both"}' \
    "Promise.all of a query and a fetch in one request"
is "$(cat "$T/b.both2")" '{"name":"both2","db":"both2","upstream":"both2"}' "  beside another doing the same"
check "  both waited together: $((t1 - t0)) ms, not 4 x 400" test $((t1 - t0)) -lt 1200

# ---- db.max_connections -----------------------------------------------------------

for i in 1 2 3; do fire "c$i" "/cap/sleep?name=c$i&s=0.5"; done
settle
ok_n=0 cap_n=0
for i in 1 2 3; do
	grep -q '"got"' "$T/b.c$i" && ok_n=$((ok_n + 1))
	grep -q '"code":"EMAXCONN"' "$T/b.c$i" && cap_n=$((cap_n + 1))
done
is "$ok_n $cap_n" "2 1" "db.max_connections = 2: two requests query at once, the third is refused"
check "  saying why" grep -q 'database pg: all 2 connections of this worker are in use by its other requests in flight (db.max_connections)' "$T"/b.c[123]
fire c4 '/cap/sleep?name=c4&s=0'
settle
check "  and once they are given back, the next one works" grep -q '"got":"c4"' "$T/b.c4"

fnpool_stop
is "$FNPOOL_RC" 0 "fnpool exits cleanly"
