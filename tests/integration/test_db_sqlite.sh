#!/bin/bash
# fnpool:db on SQLite through a real nginx: state_dir made by the master,
# every type both ways, transactions, a lock left by a handler that threw,
# SQL injection through parameters, 2 workers x 1,000 concurrent inserts
# with none lost, a query past request_timeout (504), db.max_rows and
# memory_limit, SQL errors, the slow log and the metrics.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

DB_FIXTURES="$SRCDIR/tests/fixtures/db/functions"
STATE="$T/state/sub"	# missing: the master makes it
run_as=$RUN_AS owner=
if [ "$(id -u)" = 0 ]; then
	run_as="user = nobody"		# the directory is made for this account
	owner=$'listen.owner = www-data\nlisten.group = www-data'
fi
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info
state_dir = $STATE

[db]
listen = $T/fnpool.sock
$run_as
$owner
functions = $DB_FIXTURES
workers = 2
request_timeout = 2s
memory_limit = 16M
db.max_rows = 5000
db.slowlog_timeout = 30ms
slowlog = $T/slow.log
slowlog_timeout = 10s
status.listen = $T/status.sock
metrics.path = /_/metrics

[notes]
listen = $T/notes.sock
$run_as
$owner
functions = $T/functions
workers = 2
INI
cp -r "$SRCDIR/functions" "$T/functions"	# deployed to, below
cat >"$T/server.conf" <<CONF
location /notes {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/notes.sock;
}
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF

# The workers append slow queries to the slow log: it must be theirs to write.
: >"$T/slow.log"
[ "$(id -u)" = 0 ] && chown nobody "$T/slow.log"
fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
check "all workers up" wait_for 50 workers_up 4

logged() { grep -q -a -F -- "$1" "$T/fnpool.log"; }
body() { sed 1d <<<"$1"; }
code() { echo "${1%%$'\n'*}"; }
json() { curl -sS --max-time 10 --unix-socket "$T/nginx.sock" \
    -H 'Content-Type: application/json' "$@"; }

# ---- state_dir ----------------------------------------------------------------

check "state_dir is made by the master" test -d "$STATE"
is "$(stat -c %a "$STATE")" "750" "  with mode 0750"
if [ "$(id -u)" = 0 ]; then
	is "$(stat -c %U "$STATE")" "nobody" "  owned by the pool's user"
else
	is "$(stat -c %U "$STATE")" "$(id -un)" "  owned by the pool's user"
fi
check "  and logged" logged "pool db: made $STATE for its SQLite databases"

# ---- types -----------------------------------------------------------------

r=$(http /sqlite/types)
is "$(code "$r")" 200 "types: 200"
t=$(body "$r")
m() { grep -o "\"$1\":[^]}]*[]}]" <<<"$t"; }
is "$(m integer)" '"integer":[42,"number","integer"]' "INTEGER -> number"
is "$(m big)" '"big":["9007199254740993","string"]' "INTEGER beyond 2^53 -> string"
is "$(m huge)" '"huge":{"m":"9223372036854775807","n":"-9223372036854775808"}' "INTEGER at the int64 limits -> strings"
is "$(m real)" '"real":[1.5,"real"]' "REAL -> number"
is "$(grep -o '"negreal":[^,]*' <<<"$t")" '"negreal":-0.25' "negative REAL"
is "$(m text)" '"text":[true,"text"]' "TEXT (UTF-8, astral) -> the same string"
is "$(m textnul)" '"textnul":[true,3]' "TEXT with a NUL character comes back whole"
is "$(m blob)" '"blob":[true,"000001ff00",5,"blob"]' "Buffer with NUL bytes -> BLOB -> Buffer"
is "$(grep -o '"typed":"[0-9a-f]*"' <<<"$t")" '"typed":"070008"' "Uint8Array -> BLOB"
is "$(m nul)" '"nul":[null,"null"]' "null -> NULL -> null"
is "$(grep -o '"undef":[a-z]*' <<<"$t")" '"undef":null' "undefined -> NULL"
is "$(m bool)" '"bool":[1,0]' "booleans -> 1 and 0"
is "$(grep -o '"object":"[^"]*\\"a\\":\[1,\\"x\\"\]}"' <<<"$t")" '"object":"{\"a\":[1,\"x\"]}"' "object -> JSON text"
has() { grep -q -F -- "$1" <<<"$t"; }
check "array -> JSON text" has '"array":["[1,2]","text"]'
is "$(grep -o '"date":"[^"]*"' <<<"$t")" '"date":"2024-05-06T07:08:09.000Z"' "Date -> ISO 8601 text"
is "$(m empty)" '"empty":["","","blob",0]' "empty string and empty Buffer stay empty, not NULL"
is "$(m columns)" '"columns":["n","i","t"]' "rows.columns: the select order"

# ---- transactions ------------------------------------------------------------

r=$(http '/sqlite/async?tag=1')
is "$(body "$r")" '{"exec":"undefined","run":[1,"number"],"inner":"SQLITE_CONSTRAINT_UNIQUE","value":"returned","thrown":"undo me","names":["async-1-1","async-1-2"],"columns":["name"],"error":"DatabaseError SQLITE_ERROR","order":["get","timer"],"engine":"sqlite"}' \
    "queryAsync, getAsync, runAsync, execAsync, transactionAsync on SQLite: settled at once (before a 0 ms timer), the results and errors of the plain calls"

r=$(http '/sqlite/tx?tag=t1')
is "$(body "$r")" '{"value":"returned","committed":1,"thrown":"undo me","afterRollback":1,"inner":"inner","nested":["t1-1","t1-3","t1-5"],"constraint":"SQLITE_CONSTRAINT_UNIQUE"}' \
    "transaction: commit, rollback on throw, nested savepoints, fn's value, a failed commit"

# A handler that throws (or returns) with the write lock held: the next
# writer, on either worker, must not wait for it.
for how in throw return tx; do
	r=$(http "/sqlite/leave?how=$how&name=left-$how")
	id=$(header x-request-id)
	if [ "$how" = return ]; then
		is "$(code "$r")" 200 "leave ($how): answered"
	else
		is "$(code "$r")" 500 "leave ($how): 500"
		like "$(body "$r")" "\"requestId\":\"$id\"" "  with the request id"
	fi
	[ "$how" = tx ] || check "  logged: the transaction it left was rolled back" \
	    logged "sqlite/leave.js: request $id left a transaction open on database default: rolled back"
	# another process takes the write lock at once: nothing may hold it
	check "  another process can write at once (no lock left)" python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=0.2, isolation_level=None)
c.execute('BEGIN IMMEDIATE')
c.execute('INSERT INTO items (name, note) VALUES (?, ?)', ('outside-' + sys.argv[2], 'x'))
c.execute('COMMIT')" "$STATE/db.db" "$how"
	r=$(json -o /dev/null -w '%{http_code}' -d "{\"name\":\"after-$how\"}" \
	    "http://fnpool.test/sqlite/items")
	is "$r" 201 "  and so can the next request"
	r=$(http "/sqlite/items?name=left-$how")
	is "$(body "$r")" '[]' "  its insert was rolled back"
done

# ---- injection through parameters ---------------------------------------------

evil="x'); DROP TABLE items; --"
r=$(json -w '\n%{http_code}' -d "{\"name\":\"$evil\",\"note\":\"' OR '1'='1\"}" \
    "http://fnpool.test/sqlite/items")
is "${r##*$'\n'}" 201 "an injection attempt as a parameter: stored"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "name=$evil" \
    "http://fnpool.test/sqlite/items")
like "$r" "^\\[\\{\"id\":[0-9]+,\"name\":\"x'\\); DROP TABLE items; --\",\"note\":\"' OR '1'='1\"\\}\\]$" \
    "  read back as data, byte for byte"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "name=' OR '1'='1" \
    "http://fnpool.test/sqlite/items")
is "$r" '[]' "  ' OR '1'='1 matches nothing"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "like=%' OR 1=1 --" \
    "http://fnpool.test/sqlite/items")
is "$r" '[]' "  a named parameter (:p) is data too"
r=$(http '/sqlite/items?note=none')
like "$(body "$r")" '"tables":1' "  the table is still there"

# ---- errors --------------------------------------------------------------------

r=$(http '/sqlite/fails?caught=1')
is "$(body "$r")" '{"code":"SQLITE_CONSTRAINT_PRIMARYKEY","name":"DatabaseError","message":"UNIQUE constraint failed: items.id","isError":true,"text":"DatabaseError [SQLITE_CONSTRAINT_PRIMARYKEY]: UNIQUE constraint failed: items.id"}' \
    "an SQL error: an Error with the extended result code and SQLite's message"
r=$(http /sqlite/fails)
id=$(header x-request-id)
is "$(code "$r")" 500 "an uncaught SQL error: 500"
is "$(body "$r")" "{\"error\":\"Internal Server Error\",\"requestId\":\"$id\"}" "  with the request id"
check "  logged with function, request id and code" \
    logged "sqlite/fails.js: threw (request $id): DatabaseError [SQLITE_ERROR]: no such table: no_such_table"

# ---- bounds: db.max_rows, memory_limit --------------------------------------------

pids=$(worker_pids)
r=$(http '/sqlite/rows?n=5000')
is "$(body "$r")" '{"rows":5000,"last":5000}' "db.max_rows rows are fine"
r=$(http '/sqlite/rows?n=5001')
is "$(code "$r")" 500 "db.max_rows + 1 rows: 500"
check "  logged as EMAXROWS" logged "DatabaseError [EMAXROWS]: the result has more than db.max_rows (5000) rows"
r=$(http '/sqlite/rows?n=4000&w=8000')
is "$(code "$r")" 500 "32 MB of rows in a 16M memory_limit: 500"
like "$(body "$r")" "memory limit" "  saying so"
r=$(http '/sqlite/rows?n=3')
is "$(body "$r")" '{"rows":3,"last":3}' "  the next request works"
is "$(worker_pids)" "$pids" "  no worker died"

# ---- a query past request_timeout -----------------------------------------------

start=$(date +%s%N)
r=$(http /sqlite/slow)
ms=$((($(date +%s%N) - start) / 1000000))
id=$(header x-request-id)
is "$(code "$r")" 504 "a query past request_timeout: 504"
like "$(body "$r")" "Gateway Timeout: the function ran longer than request_timeout \\(2000 ms\\)" "  the usual 504 body"
# request_timeout (2 s) and a second for a loaded machine: a statement
# that ran on to its own end would take many seconds more.
check "  within 3 s (${ms} ms)" test "$ms" -lt 3000
check "  logged" logged "sqlite/slow.js: request $id timed out after"
r=$(http '/sqlite/rows?n=2')
is "$(body "$r")" '{"rows":2,"last":2}' "  the next request works"
check "  the worker is replaced" wait_for 50 workers_up 4

# ---- 2 workers x 1,000 concurrent inserts ---------------------------------------

for i in $(seq 1 2000); do
	[ "$i" -gt 1 ] && echo next
	printf 'url = "http://fnpool.test/sqlite/items"\nunix-socket = "%s"\n' "$T/nginx.sock"
	printf 'header = "Content-Type: application/json"\n'
	printf 'data = "{\\"name\\":\\"load-%d\\",\\"note\\":\\"load\\"}"\n' "$i"
	printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
done >"$T/load.cfg"
curl -s -Z --parallel-max 32 -K "$T/load.cfg" >"$T/load.codes" 2>/dev/null
is "$(grep -c '^201$' "$T/load.codes")" 2000 "2,000 concurrent inserts (32 at a time): all 201"
r=$(http '/sqlite/items?note=load')
is "$(body "$r")" '{"n":2000,"names":2000,"tables":1}' "  none lost: 2,000 rows"
check "  no SQLITE_BUSY logged" bash -c "! grep -q SQLITE_BUSY '$T/fnpool.log'"

# ---- slow log, metrics -----------------------------------------------------------

r=$(http '/sqlite/slow?n=1000000&secret=p4r4m-v4lu3')
is "$(code "$r")" 200 "a query of ~0.1 s"
check "slow log: the query with its SQL" wait_for 20 grep -q -F \
    "slow query on database default: " "$T/slow.log"
check "  names the function" grep -q -F "function sqlite/slow.js, request" "$T/slow.log"
check "  has the SQL text" grep -q -F 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?)' "$T/slow.log"
check "  never its parameters" bash -c "! grep -q p4r4m '$T/slow.log' '$T/fnpool.log'"

r=$(http /_/metrics)
mt() { body "$r" | grep -F "$1" | awk '{print $NF}'; }
q=$(mt 'fnpool_db_queries_total{pool="db",db="default"}')
check "metrics: queries on db default (${q:-none})" test "${q:-0}" -gt 2000
e=$(mt 'fnpool_db_errors_total{pool="db",db="default"}')
check "metrics: errors counted (${e:-none})" test "${e:-0}" -ge 3
h=$(mt 'fnpool_db_query_duration_seconds_count{pool="db",db="default"}')
check "metrics: duration histogram (${h:-none})" test "${h:-0}" = "${q:-x}"

# ---- the notes example (functions/notes): the user trial of issue 18 ------------

nb() { json -w '\n%{http_code}' "$@"; }
ids=()
for i in 1 2 3 4; do
	r=$(nb -d "{\"title\":\"note $i\",\"content\":\"text $i\",\"tags\":[\"t$i\"]}" \
	    "http://fnpool.test/notes")
	ids+=("$(grep -o '"id":[0-9]*' <<<"$r" | cut -d: -f2)")
	[ "${r##*$'\n'}" = 201 ] || break
done
is "${r##*$'\n'}" 201 "notes: 4 POSTs to notes/index.js: 201"
r=$(http "/notes/${ids[2]}")
is "$(code "$r")" 200 "  GET /notes/:id (notes/[id].js, another state) finds the note"
like "$(body "$r")" '"title":"note 3"' "  with its fields"
is "$(header Location)" "" "  (GET sends no Location)"
ok_all=1
for i in 1 2 3 4 5 6 7 8; do	# both workers, each function
	r=$(http "/notes/${ids[$(((i - 1) % 4))]}")
	[ "$(code "$r")" = 200 ] || ok_all=0
done
is "$ok_all" 1 "  every note from every worker"
r=$(http /notes)
like "$(body "$r")" '"total":4' "  the list has all 4, whichever worker answers"
r=$(nb -X PATCH -d '{"content":"changed"}' "http://fnpool.test/notes/${ids[0]}")
like "$r" '"content":"changed"' "  PATCH changes a field"
like "$r" '"title":"note 1"' "  and keeps the others"
r=$(nb -X PUT -d '{"title":"replaced"}' "http://fnpool.test/notes/${ids[1]}")
like "$r" '"title":"replaced","content":"","tags":\[\]' "  PUT replaces every field"
r=$(nb -d '{"title":"  "}' "http://fnpool.test/notes")
like "$r" '^\{"error":"title: required, a non-empty string".*400$' "  validation: 400 with the reason"
r=$(nb -d '{"title":"x","tags":"no"}' "http://fnpool.test/notes")
like "$r" '"error":"tags: an array.*400$' "  bad tags: 400"
r=$(http '/notes?limit=abc')
is "$(code "$r")" 400 "  bad limit: 400"
r=$(http /notes/999999)
is "$(code "$r")" 404 "  a missing note: 404"
r=$(http /notes/abc)
is "$(code "$r")" 404 "  a malformed id: 404"
r=$(nb -X DELETE "http://fnpool.test/notes/${ids[3]}")
is "${r##*$'\n'}" 204 "  DELETE: 204"
r=$(http "/notes/${ids[3]}")
is "$(code "$r")" 404 "  then 404"
r=$(http '/notes?q=changed')
like "$(body "$r")" '"total":1' "  search finds the changed note"
r=$(curl -sS --unix-socket "$T/nginx.sock" -G --data-urlencode "q=%' OR 1=1 --" http://fnpool.test/notes)
like "$r" '"total":0' "  a search with SQL in it is only text"

# A worker replaced, and a deploy: the notes stay.
victim=$(pgrep -P "$FNPOOL_PID" -x "fnpool:notes" | head -1)
check "  a notes worker" test -n "$victim"
kill -KILL "$victim"
check "  a worker killed is replaced" wait_for 50 workers_up 4
touch "$T/functions/hello.js"		# a deploy: every state dropped
r=$(http /notes)
like "$(body "$r")" '"total":3' "  after a worker died and a deploy, the notes are all there"
check "  in state_dir/notes.db" test -f "$STATE/notes.db"
