#!/bin/bash
# fnpool:db on a real PostgreSQL (pg.sh: initdb into the build tree, a unix
# socket, stopped at the end) through a real nginx: every type both ways,
# NULLs, transactions, a transaction left open, injection, errors with
# their SQLSTATE, db.max_rows and memory_limit, a statement past
# request_timeout (504, and cancelled on the server), reconnection after
# pg_ctl restart, a refused connection, and passwords in no log, message,
# status page or metrics.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
pg_start || skip_all "$PG_WHY"

DB_FIXTURES="$SRCDIR/tests/fixtures/db/functions"
PW=S3cr3tPw77 WRONG=Wr0ngPw99
# a server that accepts connections and never answers
HPORT=$(free_port)
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16); time.sleep(300)' "$HPORT" &
HANG_PID=$!
pg_sql "CREATE ROLE pwuser LOGIN PASSWORD '$PW'; GRANT ALL ON DATABASE fnpool TO pwuser"
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info
state_dir = $T/state

[pg]
listen = $T/fnpool.sock
$RUN_AS
$owner
functions = $DB_FIXTURES
workers = 2
request_timeout = 2s
slowlog = $T/slow.log
slowlog_timeout = 1s
memory_limit = 16M
db.max_rows = 5000
db.pg = $PG_URL
db.down = postgresql:///fnpool?host=$T/nothing-here
db.secret = postgresql://pwuser:$PW@/fnpool?host=$PG_SOCKDIR&port=$PG_PORT
db.wrongpw = postgresql://pwuser:$WRONG@/fnpool?host=$PG_SOCKDIR&port=$PG_PORT
db.hang = postgresql://fnpool@127.0.0.1:$HPORT/fnpool
status.listen = $T/status.sock
status.path = /_/status
metrics.path = /_/metrics
INI
cat >"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF
# the same functions over TCP too, for fetch
FPORT=$(free_port)
cat >"$T/http.conf" <<CONF
server {
	listen 127.0.0.1:$FPORT;
	location / {
		include /etc/nginx/fastcgi_params;
		fastcgi_pass unix:$T/fnpool.sock;
	}
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2

logged() { grep -q -a -F -- "$1" "$T/fnpool.log"; }
body() { sed 1d <<<"$1"; }
code() { echo "${1%%$'\n'*}"; }
json() { curl -sS --max-time 10 --unix-socket "$T/nginx.sock" \
    -H 'Content-Type: application/json' "$@"; }
has() { grep -q -F -- "$1" <<<"$t"; }

# ---- types -----------------------------------------------------------------

r=$(http /pg/types)
is "$(code "$r")" 200 "types: 200"
t=$(body "$r")
check "int2, int4 -> numbers; int8 beyond 2^53 -> string" has '"ints":[-32768,2147483647,"9007199254740993","string"]'
check "float4, float8 -> numbers" has '"floats":[1.5,-0.1]'
check "numeric -> string, exactly" has '"numeric":["12345678901234567890.123","string"]'
check "bool -> boolean" has '"bool":true'
check "text (UTF-8, quotes, backslash), varchar, uuid -> strings" has '"text":[true,"short","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"]'
check "json, jsonb: objects in, parsed values out" has '"json":[{"k":[1,"two",null]},{"a":{"deep":true},"b":2}]'
check "date, timestamp, timestamptz (a Date in) -> ISO 8601" has '"dates":["2024-02-29","2024-05-06T07:08:09.123456","2024-05-06T07:08:09.5Z"]'
check "bytea with NUL bytes: Buffer in, Buffer out" has '"bytea":[true,"000001ff005c78"]'
check "Uint8Array -> bytea" has '"typed":"070008"'
check "arrays of int4, text (quotes, NULL, \"NULL\", empty), bool, float8, int8" \
    has '"arrays":[[1,null,-3],["a b","c\"d","e\\f",null,"NULL",""],[true,false],[1.5,-2],[9007199254740992,1]]'
check "timestamptz[] -> ISO 8601 strings" has '"atz":["1970-01-01T00:00:00Z"]'
check "bytea[] -> Buffers and null" has '"aby":["0001",null,true]'
check "jsonb[] -> parsed values" has '"ajb":[{"x":1},[2]]'
check "int4[][] -> nested arrays" has '"a2":[[1,2],[3,4]]'
check "NULL from null and undefined, of every type" has '"nulls":[null,null,null,null,null]'
check "a number for a bool" has '"boolFromNumber":false'
check "int8 max as string, NaN, Infinity, infinity, an offset made UTC, text for bytea, small int8" \
    has '"edges":["9223372036854775807",true,null,"infinity","2024-05-06T01:38:09Z","615c62",42]'
check "rows.columns: the select order" has '"columns":["t","i4","b"]'
check "a NUL in a text parameter: refused with 22021 (never cut short)" has '"nulText":"22021"'

r=$(http /pg/stale)
is "$(body "$r")" '{"before":[{"a":1}],"after":[{"a":1,"b":7}]}' \
    "a kept statement after ALTER TABLE under it: prepared again, the new column seen"

# ---- transactions ------------------------------------------------------------

r=$(http '/pg/tx?tag=t1')
is "$(body "$r")" '{"value":"returned","committed":1,"thrown":"undo me","afterRollback":1,"inner":"23505","nested":["t1-1","t1-3","t1-5"],"constraint":["23505","items_name_key","items","string"]}' \
    "transaction: commit, rollback on throw, nested savepoints (an error inside), a failed commit with its fields"

open_tx() { pg_sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fnpool' AND state LIKE 'idle in transaction%'"; }
for how in throw return; do
	r=$(http "/pg/leave?how=$how&name=left-$how")
	id=$(header x-request-id)
	[ "$how" = throw ] && is "$(code "$r")" 500 "leave ($how): 500"
	[ "$how" = return ] && is "$(code "$r")" 200 "leave ($how): 200"
	check "  logged: rolled back" logged "pg/leave.js: request $id left a transaction open on database pg: rolled back"
	is "$(open_tx)" 0 "  no fnpool connection is idle in a transaction"
	out=$(pg_sql "SET lock_timeout = '300ms'; INSERT INTO items (name) VALUES ('left-$how') RETURNING 'inserted'" 2>&1)
	is "$out" inserted "  its row lock is gone: another session inserts the same key at once"
done

# ---- injection, errors ---------------------------------------------------------

evil="x'); DROP TABLE items; --"
r=$(json -w '\n%{http_code}' -d "{\"name\":\"$evil\",\"note\":\"' OR '1'='1\"}" \
    "http://fnpool.test/pg/items")
is "${r##*$'\n'}" 201 "an injection attempt as a parameter: stored"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "name=$evil" \
    "http://fnpool.test/pg/items")
like "$r" "^\\[\\{\"id\":[0-9]+,\"name\":\"x'\\); DROP TABLE items; --\",\"note\":\"' OR '1'='1\"\\}\\]$" \
    "  read back as data"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "name=' OR '1'='1" \
    "http://fnpool.test/pg/items")
is "$r" '[]' "  ' OR '1'='1 matches nothing"
is "$(pg_sql "SELECT to_regclass('items') IS NOT NULL")" t "  the table is still there"

r=$(http '/pg/fails?caught=1')
is "$(body "$r")" '{"code":"42601","name":"DatabaseError","message":"syntax error at or near \"SELEC\"","isError":true,"text":"DatabaseError [42601]: syntax error at or near \"SELEC\"","severity":"ERROR"}' \
    "an SQL error: an Error with the SQLSTATE and PostgreSQL's message"
r=$(http /pg/fails)
id=$(header x-request-id)
is "$(code "$r")" 500 "an uncaught SQL error: 500"
is "$(body "$r")" "{\"error\":\"Internal Server Error\",\"requestId\":\"$id\"}" "  with the request id"
check "  logged with function, request id and SQLSTATE" \
    logged "pg/fails.js: threw (request $id): DatabaseError [42P01]: relation \"no_such_table\" does not exist"

# ---- bounds ------------------------------------------------------------------------

pids=$(worker_pids)
r=$(http '/pg/rows?n=5000')
is "$(body "$r")" '{"rows":5000,"last":5000}' "db.max_rows rows are fine"
r=$(http '/pg/rows?n=2000000')
is "$(code "$r")" 500 "2,000,000 rows past db.max_rows: 500"
check "  logged as EMAXROWS" logged "DatabaseError [EMAXROWS]: the result has more than db.max_rows (5000) rows"
r=$(http '/pg/rows?n=4000&w=8000')
is "$(code "$r")" 500 "32 MB of rows in a 16M memory_limit: 500"
like "$(body "$r")" "memory limit" "  saying so"
r=$(http '/pg/rows?n=3')
is "$(body "$r")" '{"rows":3,"last":3}' "  the next request works, on a usable connection"
is "$(worker_pids)" "$pids" "  no worker died"

# ---- a statement past request_timeout ---------------------------------------------

sleeping() { pg_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"; }
none_sleeping() { [ "$(sleeping)" = 0 ]; }
start=$(date +%s%N)
r=$(http '/pg/slow?s=60')
ms=$((($(date +%s%N) - start) / 1000000))
id=$(header x-request-id)
is "$(code "$r")" 504 "pg_sleep(60) past request_timeout: 504"
like "$(body "$r")" "Gateway Timeout: the function ran longer than request_timeout \\(2000 ms\\)" "  the usual 504 body"
# request_timeout (2 s) and a second for a loaded machine: a statement
# that ran on to its own end would take many seconds more.
check "  within 3 s (${ms} ms)" test "$ms" -lt 3000
check "  logged" logged "pg/slow.js: request $id timed out after"
check "  the statement is cancelled on the server" wait_for 20 none_sleeping
r=$(http '/pg/rows?n=2')
is "$(body "$r")" '{"rows":2,"last":2}' "  the next request works"

# ---- the asynchronous calls ---------------------------------------------------------

r=$(http '/pg/async?t=results&tag=1')
is "$(body "$r")" '{"exec":"undefined","run":[2,"number"],"rows":[{"name":"a-1-x","k":7},{"name":"a-1-y","k":7}],"columns":["name","k"],"none":"undefined","all":[1,2,3],"sameAsSync":"[{\"name\":\"a-1-x\"},{\"name\":\"a-1-y\"}]"}' \
    "queryAsync, getAsync, runAsync, execAsync: the results of the synchronous calls; three at once queue in order"
r=$(http '/pg/async?t=error')
is "$(body "$r")" '{"code":"42601","name":"DatabaseError","message":"syntax error at or near \"SELEC\"","isError":true,"text":"DatabaseError [42601]: syntax error at or near \"SELEC\"","severity":"ERROR"}' \
    "an SQL error: the Promise rejects with the error the synchronous call throws"
r=$(http '/pg/async?t=params')
like "$(body "$r")" '"name":"RangeError","message":"fnpool:db: the statement has 1 parameter, and 0 were given"' \
    "wrong parameters: rejected, saying so"
r=$(http '/pg/async?t=stale')
is "$(body "$r")" '{"before":[{"a":1}],"after":[{"a":1,"b":7}]}' \
    "queryAsync of a kept statement after ALTER TABLE under it: prepared again, the new column seen"
r=$(http '/pg/async?t=many')
is "$(body "$r")" '{"right":70,"again":5}' \
    "70 statements through one connection's 64 kept ones: each right, the oldest deallocated as they go"
r=$(http '/pg/async?t=badparam')
is "$(body "$r")" '22P02' "a parameter PostgreSQL refuses (an object for an int): its SQLSTATE"
r=$(http '/pg/async?t=notsql')
is "$(body "$r")" 'TypeError: fnpool:db: queryAsync() takes the SQL text first (a string)' \
    "no SQL text: a TypeError rejection"
r=$(http '/pg/async?t=uncaught')
id=$(header x-request-id)
is "$(code "$r")" 500 "an unhandled rejection of queryAsync: 500"
check "  logged with the request id and SQLSTATE" \
    logged "pg/async.js: rejected (request $id): DatabaseError [42P01]: relation \"no_such_table\" does not exist"
r=$(http '/pg/async?t=down&db=down')
like "$(body "$r")" '^\{"code":"ECONNREFUSED","message":"cannot connect to database down' \
    "a server that is not there: rejected with ECONNREFUSED"
r=$(http '/pg/async?t=down&db=wrongpw')
like "$(body "$r")" '"code":"ECONNREFUSED".*postgresql://pwuser:\*\*\*\*@/fnpool.*password authentication failed' \
    "a wrong password: rejected, the URL masked in the message"
r=$(http '/pg/async?t=busy')
is "$(body "$r")" 'EBUSY: database pg has an asynchronous statement (queryAsync, ...) still running: await it before a synchronous call' \
    "a synchronous call while an asynchronous one runs: EBUSY, not a mixed-up connection"

r=$(http '/pg/async?t=overlap')
like "$(body "$r")" '^\{"order":\["timer true","query 1"\],"ms":[0-9]+\}$' \
    "pg_sleep(0.2) and a 50 ms timer: the timer fires first, while the query waits"
ms=$(body "$r" | sed 's/.*"ms":\([0-9]*\).*/\1/')
check "  together in about 200 ms ($ms ms)" test "$ms" -ge 195 -a "$ms" -lt 800
r=$(curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -G \
    --data-urlencode "url=http://127.0.0.1:$FPORT/pg/slow?s=0.3" \
    'http://fnpool.test/pg/async?t=fetch')
like "$r" '^\{"one":1,"status":200,"ms":[0-9]+\}$' \
    "Promise.all of getAsync(pg_sleep(0.3)) and a fetch of a 0.3 s function (the other worker)"
ms=$(sed 's/.*"ms":\([0-9]*\).*/\1/' <<<"$r")
check "  overlap: both in $ms ms, not their sum" test "$ms" -ge 295 -a "$ms" -lt 550
pg_sql "CREATE TABLE locked_a (x int)"
pg_sql "BEGIN; LOCK TABLE locked_a; SELECT pg_sleep(1.5); COMMIT" >/dev/null &
locker=$!
lock_held() { [ "$(pg_sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'locked_a' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ]; }
check "another session locks a table" wait_for 50 lock_held
r=$(http '/pg/async?t=locked')
is "$(body "$r")" '["timer true","query 0"]' \
    "a new statement on the locked table: the 50 ms timer fires while even its PREPARE waits"
wait "$locker"
check "a server that never answers is listening" wait_for 50 port_open "$HPORT"
r=$(http '/pg/async?t=hang')
id=$(header x-request-id)
is "$(code "$r")" 504 "queryAsync on a server that never answers: 504 at request_timeout"
fired() { grep -a -F -- "$id" "$T/fnpool.log" | grep -q -F 'timer fired while connecting'; }
check "  while it connected, a 50 ms timer fired" fired
kill "$HANG_PID" 2>/dev/null
r=$(http '/pg/async?t=slowwait')
id=$(header x-request-id)
is "$(body "$r")" '{"s":""}' "getAsync of pg_sleep(1.3)"
check "  the slow log says what it waits on" \
    wait_for 30 grep -q "has run pg/async.js for /pg/async (request $id) for [0-9]* ms (slowlog_timeout 1000 ms), waiting on query on database pg" "$T/slow.log"
r=$(http '/pg/async?t=two')
like "$(body "$r")" '^\{"a":\[1,2\],"ms":[0-9]+\}$' "two databases at once"
ms=$(body "$r" | sed 's/.*"ms":\([0-9]*\).*/\1/')
check "  wait together: 2 x pg_sleep(0.3) in $ms ms" test "$ms" -ge 295 -a "$ms" -lt 550

r=$(http '/pg/async?t=tx&tag=1')
is "$(body "$r")" '{"value":"returned","committed":1,"thrown":"undo me","afterRollback":1,"inner":"23505","names":["tx-1-1","tx-1-3","tx-1-5"]}' \
    "transactionAsync: commit, rollback on rejection, a nested one as a savepoint, a synchronous one inside"
r=$(http '/pg/async?t=leave&name=left-async')
id=$(header x-request-id)
is "$(body "$r")" 'left' "a transactionAsync the request left open"
check "  logged: rolled back" logged "pg/async.js: request $id left a transaction open on database pg: rolled back"
is "$(open_tx)" 0 "  no fnpool connection is idle in a transaction"

all_pg_pids=$(worker_pids)
r=$(http '/pg/async?t=abandon')
id=$(header x-request-id)
is "$(code "$r")" 500 "a request that ends (a timer threw) with a statement in flight: 500"
check "  logged: cancelled" logged "pg/async.js: request $id ended with 1 database statement pending: cancelled"
check "  the statement is cancelled on the server" wait_for 20 none_sleeping
good=0
for i in 1 2 3 4; do
	r=$(http '/pg/rows?n=2')
	[ "$(body "$r")" = '{"rows":2,"last":2}' ] && good=$((good + 1))
done
is "$good" 4 "  the next requests (both workers) work"
is "$(worker_pids)" "$all_pg_pids" "  no worker died"

start=$(date +%s%N)
r=$(http '/pg/async?t=slow')
ms=$((($(date +%s%N) - start) / 1000000))
id=$(header x-request-id)
is "$(code "$r")" 504 "getAsync of pg_sleep(60) past request_timeout: 504"
check "  within 3 s (${ms} ms)" test "$ms" -lt 3000
check "  logged" logged "pg/async.js: request $id timed out after"
check "  the statement is cancelled on the server" wait_for 20 none_sleeping
good=0
for i in 1 2 3 4; do
	r=$(http '/pg/async?t=results&tag=2')
	[ "$(code "$r")" = 200 ] && good=$((good + 1))
done
is "$good" 4 "  the next requests work"

# ---- reconnecting after pg_ctl restart ---------------------------------------------

# Four requests of 0.3 s at once: both workers serve, so both hold a
# connection when the server restarts, and both must notice.
together() {
	local i
	for i in 1 2 3 4; do
		curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 \
		    --unix-socket "$T/nginx.sock" 'http://fnpool.test/pg/slow?s=0.3' &
	done | sort | uniq -c | awk '{ print $2 "x" $1 }'	# the pipe waits
}
is "$(together)" 200x4 "4 requests at once, both workers connected"
check "pg_ctl restart" pg_restart
is "$(together)" 200x4 "after the restart: 4 requests at once work (both workers reconnect)"
good=0
for i in 1 2 3 4 5 6; do
	r=$(http '/pg/rows?n=1')
	[ "$(code "$r")" = 200 ] && good=$((good + 1))
done
is "$good" 6 "  and every request after them"
n=$(grep -c -F "database pg ($PG_URL): the connection was lost; reconnecting" "$T/fnpool.log")
is "$n" 2 "  each worker logged that it reconnected"
# Under load: only requests in flight during the restart may fail.
loaders=()
for c in 1 2; do
	( for i in $(seq 1 60); do
		printf '%s %s\n' "$(date +%s%N)" "$(curl -s -o /dev/null -w '%{http_code}' \
		    --max-time 10 --unix-socket "$T/nginx.sock" \
		    'http://fnpool.test/pg/rows?n=1')"
	done >"$T/restart.$c" ) &
	loaders+=($!)
done
sleep 0.3
pg_restart
after=$(date +%s%N)
wait "${loaders[@]}"
late_bad=$(cat "$T"/restart.* | awk -v t="$after" '$1 > t && $2 != 200' | wc -l)
late=$(cat "$T"/restart.* | awk -v t="$after" '$1 > t' | wc -l)
check "  requests ran after the restart under load ($late)" test "$late" -gt 5
is "$late_bad" 0 "  none started after the restart failed"

# ---- connections that fail, and passwords ------------------------------------------

r=$(http '/pg/conn?db=down')
like "$(body "$r")" '^\{"code":"ECONNREFUSED","message":"cannot connect to database down' \
    "a server that is not there: code ECONNREFUSED"
r=$(http '/pg/conn?db=secret')
is "$(body "$r")" '{"ok":"pwuser"}' "a password in the URL is used (scram-sha-256)"
r=$(http '/pg/conn?db=wrongpw')
like "$(body "$r")" '"code":"ECONNREFUSED"' "a wrong password: refused"
like "$(body "$r")" "postgresql://pwuser:\\*\\*\\*\\*@/fnpool" "  the message shows the URL masked"
like "$(body "$r")" 'password authentication failed for user' "  and libpq's reason"
# Some log lines with the URLs: an uncaught refusal, fnpool -t, a reload.
cat >"$T/fnpool-bad.ini" <<INI
[bad]
listen = $T/bad.sock
$RUN_AS
functions = $DB_FIXTURES
db.x = postgresql://pwuser:$PW@h:notaport/fnpool
INI
"$FNPOOL" -t -c "$T/fnpool-bad.ini" >"$T/test-config.log" 2>&1
check "fnpool -t refuses a bad URL" grep -q "bad URL 'postgresql://pwuser:\*\*\*\*@h:notaport/fnpool' for db.x" "$T/test-config.log"
check "  with file:line" grep -q "fnpool-bad.ini:5:" "$T/test-config.log"
r=$(http /_/status)
s=$(http /_/metrics)
for f in "$T"/*.log; do cat "$f"; done >"$T/all-logs"
echo "$r$s" >>"$T/all-logs"
check "the password is in no log, message, status page or metrics" \
    bash -c "! grep -q -e '$PW' -e '$WRONG' '$T/all-logs'"
check "  (the test can see them: the URLs were logged masked)" grep -q 'pwuser:\*\*\*\*@' "$T/all-logs"

r=$(http /_/metrics)
mt() { body "$r" | grep -F "$1" | awk '{print $NF}'; }
q=$(mt 'fnpool_db_queries_total{pool="pg",db="pg"}')
check "metrics: queries on db pg (${q:-none})" test "${q:-0}" -gt 100
e=$(mt 'fnpool_db_errors_total{pool="pg",db="down"}')
is "${e:-none}" 2 "metrics: the refused connections (query, queryAsync) are errors of db down"
