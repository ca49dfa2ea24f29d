#!/bin/bash
# The master's status, ping and metrics endpoints: exact counts after
# known traffic, answers while every worker is busy, status.allowed_clients,
# Prometheus validity, and a pool that cannot serve.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
command -v python3 >/dev/null || skip_all "python3 not installed"
PROMCHECK="$SRCDIR/tests/helpers/promcheck.py"
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'

STATUS_PORT=$(free_port)
mkdir "$T/doomed"	# the broken pool's root, removed later
cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[www]
listen = $T/www.sock
$owner
functions = $PM_FIXTURES
prefix = /www
workers = 2
status.listen = $T/status.sock
status.path = /_/status
ping.path = /_/ping
metrics.path = /_/metrics
$RUN_AS

[locked]
listen = $T/locked.sock
$owner
functions = $PM_FIXTURES
workers = 1
status.listen = $T/locked-status.sock
ping.path = /_/ping
status.allowed_clients = 10.0.0.0/8, 2001:db8::/32
$RUN_AS

[timeouts]
listen = $T/timeouts.sock
$owner
functions = $PM_FIXTURES
prefix = /timeouts
workers = 1
request_timeout = 300ms
status.listen = 127.0.0.1:$STATUS_PORT
metrics.path = /tcp/_/metrics
$RUN_AS

[broken]
listen = $T/broken.sock
$owner
functions = $T/doomed
workers = 1
status.listen = $T/broken-status.sock
ping.path = /broken/_/ping
crash_limit = 2
$RUN_AS
INI
nginx_pools www:"$T/www.sock" timeouts:"$T/timeouts.sock"
# kept FastCGI connections: the master answers several requests on one
cat >"$T/http.conf" <<CONF
upstream status { server unix:$T/status.sock; keepalive 2; }
CONF
cat >>"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_keep_conn on;
	fastcgi_pass status;
}
location /tcp/_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass 127.0.0.1:$STATUS_PORT;
}
location /broken/_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/broken-status.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "the status socket appears" wait_for 50 is_socket "$T/status.sock"
check "nginx starts" nginx_start
check "workers start" wait_for 50 busy_are 0
www_ready() { [ "$(http /_/status | grep -c '"idle_workers":2')" = 1 ]; }
check "both www workers are idle" wait_for 50 www_ready

for i in 1 2 3 4 5; do r=$(http /_/ping); done
is "$r" $'200\nok' "requests on kept connections (fastcgi_keep_conn) are answered"
kept() { ss -xH state connected 2>/dev/null | grep -qF "$T/status.sock"; }
if command -v ss >/dev/null; then
	check "and the connection stays open between them" kept
fi

# ---- known traffic ----------------------------------------------------------
for i in 1 2 3; do http /www/hello >/dev/null; done
for i in 1 2; do http /www/no-such >/dev/null; done
http -X POST /www/hello >/dev/null	# a plain function answers any method

r=$(http /_/ping)
is "$r" $'200\nok' "ping: 200 ok"
r=$(http /_/status)
like "$r" '^200' "status: 200"
is "$(header Content-Type)" "application/json" "status: JSON by default"
json=$(sed 1d <<<"$r")
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d'"$1"')' <<<"$json"; }
jsonpy() { python3 -c 'import json,sys; d=json.load(sys.stdin); print('"$1"')' <<<"$json"; }
json_ok() { field '["pool"]' >/dev/null; }
check "status: valid JSON" json_ok
is "$(field '["pool"]')" "www" "status: pool name"
is "$(field '["accepted_requests"]')" "6" "status: 6 requests accepted"
is "$(field '["total_workers"]')" "2" "status: 2 workers"
is "$(field '["idle_workers"]') $(field '["active_workers"]')" "2 0" "status: idle and active"
is "$(field '["worker_starts"]') $(field '["worker_restarts"]') $(field '["worker_crashes"]')" "2 0 0" \
    "status: starts, restarts, crashes"
is "$(field '["listen_queue_len"]')" "511" "status: listen queue size"
like "$(field '["start_time"]')" '^[0-9]{10}$' "status: start time"
is "$(field '.get("workers")')" "None" "status: no workers without ?full"

r=$(http '/_/status?text')
like "$r" $'\naccepted conn: +6\n' "status ?text: PHP-FPM-like field names"
like "$r" $'\npool: +www\n' "status ?text: pool"
like "$r" $'\nstart time: +[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} [+-][0-9]{4}\n' "status ?text: start time as a date"
like "$(header Content-Type)" "^text/plain" "status ?text: text/plain"

r=$(http '/_/metrics')
sed 1d <<<"$r" >"$T/metrics.txt"
like "$(header Content-Type)" '^text/plain; version=0.0.4' "metrics: exposition content type"
check "metrics: valid Prometheus exposition" python3 "$PROMCHECK" "$T/metrics.txt"
python3 "$PROMCHECK" "$T/metrics.txt" 2>&1 | head -5 | sed 's/^/#   /'
# the checker itself refuses what it should
printf '# TYPE a counter\na{x="1"} 1\na{x="1"} 2\n' >"$T/bad1.txt"
printf '# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n' >"$T/bad2.txt"
printf 'a 1\nb 1\na{x="2"} 1\n' >"$T/bad3.txt"
printf 'a{x="unterminated} 1\n' >"$T/bad4.txt"
printf 'a -1\n# TYPE a counter\n' >"$T/bad5.txt"
refuses() { ! python3 "$PROMCHECK" "$1" 2>/dev/null; }
for i in 1 2 3 4 5; do
	check "the exposition checker refuses bad example $i" refuses "$T/bad$i.txt"
done
m() { grep -F "$1" "$T/metrics.txt" | awk '{print $NF}'; }
is "$(m 'fnpool_requests_total{pool="www",function="hello.js",code="2xx"}')" "4" "metrics: 4 requests of hello.js answered 2xx"
is "$(grep -c 'fnpool_requests_total{pool="www",function="hello.js"' "$T/metrics.txt")" "1" "metrics: and none of another class"
is "$(m 'fnpool_requests_total{pool="www",function="(none)",code="4xx"}')" "2" "metrics: 2 requests reached no function (404)"
is "$(m 'fnpool_request_duration_seconds_count{pool="www",function="hello.js"}')" "4" "metrics: duration histogram count"
is "$(m 'fnpool_workers{pool="www",state="idle"}')" "2" "metrics: workers by state"
like "$(m 'fnpool_function_memory_bytes{pool="www",function="hello.js"}')" '^[1-9][0-9]+$' "metrics: function memory"
is "$(grep -c '^fnpool_worker_state{pool="www"' "$T/metrics.txt")" "2" "metrics: one state series per worker"

# ---- every worker busy ------------------------------------------------------
request() {
	( curl -s -o "$T/$1.body" -w '%{http_code}' --max-time 20 \
	    --unix-socket "$T/nginx.sock" "http://fnpool.test$2" >"$T/$1.code" ) &
	LOAD_PIDS="$LOAD_PIDS $!"
}
request slow1 "/www/slow?ms=10000"
request slow2 "/www/slow?ms=10000"
busy2() { http /_/status | grep -q '"active_workers":2'; }
check "the status sees both workers busy" wait_for 50 busy2
# three more wait in the backlog (unix socket: length from sock_diag)
for i in 1 2 3; do request queued$i "/www/hello"; done
queue3() { http /_/status | grep -q '"listen_queue":3,'; }
check "the listen queue shows the 3 waiting connections" wait_for 50 queue3
t0=$(now_ms)
r=$(http /_/ping)
t1=$(now_ms)
full=$(http '/_/status?full')
metrics=$(http /_/metrics)
text=$(http '/_/status?text&full')
still=$(http /_/status)
is "$r" $'200\nok' "ping answers while every worker is busy"
check "without waiting for them ($((t1 - t0)) ms; they run 10 s)" test $((t1 - t0)) -lt 3000
like "$still" '"active_workers":2' "the workers were busy all along"
json=$(sed 1d <<<"$full")
is "$(field '["active_workers"]')" "2" "status answers while every worker is busy"
is "$(field '["workers"][0]["function"]')" "slow.js" "?full: the function is the file under the root"
is "$(field '["workers"][0]["uri"]')" "/www/slow" "?full: the request URI"
like "$(field '["workers"][0]["request_id"]')" '^[0-9a-f]{32}$' "?full: the request id"
like "$(field '["workers"][0]["request_ms"]')" '^[0-9]+$' "?full: time in the current request"
like "$(field '["workers"][1]["rss"]')" '^[1-9][0-9]+$' "?full: RSS"
is "$(field '["max_active_workers"]') $(field '["max_children_reached"]')" "2 1" \
    "status: max active workers and max children reached"
like "$metrics" $'\nfnpool_workers\\{pool="www",state="busy"\\} 2\n' "metrics answer while every worker is busy"
like "$metrics" $'\nfnpool_listen_queue\\{pool="www"\\} 3\n' "metrics: the listen queue"
like "$text" $'\nfunction: +slow.js\n' "?text&full: the function of a busy worker"
like "$text" $'\nlisten queue: +3\n' "?text: the listen queue"
wait $LOAD_PIDS
LOAD_PIDS=
is "$(cat "$T/slow1.code")$(cat "$T/slow2.code")" "200200" "the slow requests finish"
is "$(cat "$T/queued1.code")$(cat "$T/queued2.code")$(cat "$T/queued3.code")" "200200200" \
    "and the queued ones are served"
# (at least 3: a connection a busy moment kept in the backlog at a sample counts too)
drained() { http /_/status | grep -qE '"queued_requests":([3-9]|[1-9][0-9]+),'; }
check "the 3 requests are counted as having waited in the queue" wait_for 20 drained
json=$(http '/_/status?full' | sed 1d)
is "$(field '["listen_queue"]') $(field '["max_listen_queue"]')" "0 3" "listen queue now and the most seen"
is "$(jsonpy '"hello.js" in [w.get("last_function") for w in d["workers"]]')" "True" \
    "?full: an idle worker shows its last request's function"
like "$(jsonpy '[w for w in d["workers"] if w.get("last_function") == "hello.js"][0]["last_request_ms"]')" '^[0-9]+$' \
    "and how long it took"
check "their longest wait is measured ($(field '["queue_wait_ms_max"]') ms)" \
    test "$(field '["queue_wait_ms_max"]')" -ge 100
check "and their total" test "$(field '["queue_wait_ms_total"]')" -ge "$(field '["queue_wait_ms_max"]')"

# ---- peers that connect and send nothing -------------------------------------
# 40 idle connections (more than the master keeps, 32) must not hold the
# health check off: a new connection closes the one idle longest.
python3 - "$T/status.sock" 40 >"$T/idle.out" 2>&1 <<'PY' &
import socket, sys, time
held = []
for _ in range(int(sys.argv[2])):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    held.append(s)
print("holding", len(held), flush=True)
time.sleep(20)
PY
idle_pid=$!
check "40 idle connections to the status socket" wait_for 50 grep -q '^holding 40' "$T/idle.out"
t=$(curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -o "$T/body" \
    -w '%{http_code} %{time_total}' "http://fnpool.test/_/ping")
like "$t" '^200 0\.0[0-4]' "ping answers within 50 ms while they are held ($t s)"
kill "$idle_pid" 2>/dev/null; wait "$idle_pid" 2>/dev/null

# ---- access restriction and bad requests -------------------------------------
fcgi() { "$FCGI_POST" "$@" | tr -d '\r'; }
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=192.0.2.7)
like "$r" '^Status: 403' "allowed_clients: 403 for an address outside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=10.9.8.7)
like "$r" '^Status: 200' "allowed_clients: 200 for an IPv4 address inside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=2001:db8::42)
like "$r" '^Status: 200' "allowed_clients: 200 for an IPv6 address inside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=2001:db9::1)
like "$r" '^Status: 403' "allowed_clients: 403 for an IPv6 address outside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=::ffff:10.1.2.3)
like "$r" '^Status: 200' "allowed_clients: 200 for an IPv4-mapped address inside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping REMOTE_ADDR=::ffff:192.0.2.7)
like "$r" '^Status: 403' "allowed_clients: 403 for an IPv4-mapped address outside"
r=$(fcgi "$T/locked-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/_/ping)
like "$r" '^Status: 403' "allowed_clients: 403 without REMOTE_ADDR"
check "the refusal is logged" log_has "pool locked: status: client 192.0.2.7 is not in status.allowed_clients: 403"
r=$(http /_/nothing)
is "${r%%$'\n'*}" "404" "status socket: 404 for another path"
r=$(http -X POST /_/status)
is "${r%%$'\n'*}" "405" "status socket: 405 for POST"
# a client that sends half a request does not stall the master, and is
# closed after 5 s (also while a worker forked meanwhile: workers must not
# keep the master's connections open)
python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.send(b"\x01\x01\x00\x01\x00\x08")
s.settimeout(9); t=time.time()
try:
    d=s.recv(100)
except socket.timeout:
    d=None
print("closed" if d == b"" else "open", int(time.time()-t))' "$T/status.sock" >"$T/half.out" &
half=$!
sleep 0.2
t0=$(now_ms)
r=$(http /_/ping)
t1=$(now_ms)
is "$r" $'200\nok' "ping answers while another client sent half a request"
check "without waiting for it ($((t1 - t0)) ms; it would hold a stalled master 5 s)" \
    test $((t1 - t0)) -lt 3000
scan_workers
kill -KILL "${WORKERS[0]}"	# a new worker is forked while the client is connected
wait "$half"
like "$(cat "$T/half.out")" '^closed [4-6]$' "the half request is closed after 5 s"
check "the killed worker was replaced" wait_for 50 www_ready
# a client that shuts its side down after a whole request still gets the answer
r=$(python3 - "$T/status.sock" <<'PY'
import socket, struct, sys
def rec(t, c):
    return struct.pack(">BBHHBB", 1, t, 1, len(c), 0, 0) + c
def pair(k, v):
    return bytes([len(k), len(v)]) + k + v
p = pair(b"REQUEST_METHOD", b"GET") + pair(b"SCRIPT_NAME", b"/_/ping")
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(rec(1, b"\0\1\0\0\0\0\0\0") + rec(4, p) + rec(4, b"") + rec(5, b""))
s.shutdown(socket.SHUT_WR)
out = b""
while True:
    d = s.recv(4096)
    if not d:
        break
    out += d
print(out[8:8 + struct.unpack(">H", out[4:6])[0]].decode().split("\r\n")[0])
PY
)
is "$r" "Status: 200 OK" "a client that shut down its sending side gets its answer"

# ---- a pool that cannot serve ------------------------------------------------
r=$(http /broken/_/ping)
is "$r" $'200\nok' "ping: 200 while the broken pool's worker is up"
rmdir "$T/doomed"
for pid in $(pgrep -P "$FNPOOL_PID" -x 'fnpool:broken'); do kill -KILL "$pid"; done
backoff() { log_has "pool broken: .*crash loop: next respawn"; }
check "without its root, the broken pool's workers die as they start" wait_for 100 backoff
r=$(http /broken/_/ping)
is "${r%%$'\n'*}" "503" "ping: 503 for a pool whose workers cannot start"
r=$(fcgi "$T/broken-status.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/broken/_/ping)
like "$r" 'unavailable' "and says why"

# ---- worker exits by cause ------------------------------------------------------
r=$(http "/timeouts/slow?ms=3000")
is "${r%%$'\n'*}" "504" "a request past request_timeout gets 504"
replaced() { http /tcp/_/metrics | sed 1d >"$T/tm.txt" &&
    grep -q '^fnpool_workers{pool="timeouts",state="idle"} 1' "$T/tm.txt"; }
check "its worker is replaced (metrics from a TCP status socket)" wait_for 50 replaced
check "metrics: still valid" python3 "$PROMCHECK" "$T/tm.txt"
is "$(grep -F 'fnpool_worker_exits_total{pool="timeouts",cause="timeout"}' "$T/tm.txt" | awk '{print $2}')" "1" \
    "metrics: one worker exit by timeout"
is "$(grep -F 'fnpool_worker_crashes_total{pool="timeouts"}' "$T/tm.txt" | awk '{print $2}')" "0" \
    "metrics: not counted as a crash"
is "$(grep -F 'fnpool_requests_total{pool="timeouts",function="slow.js",code="5xx"}' "$T/tm.txt" | awk '{print $2}')" "1" \
    "metrics: the 504 is counted for its function (by the master)"
is "$(grep -F 'fnpool_worker_starts_total{pool="timeouts"}' "$T/tm.txt" | awk '{print $2}')" "2" \
    "metrics: two workers started"

mkdir "$T/doomed"	# a configuration that loads again

# ---- reload keeps the status socket and the counters -----------------------------
kill -HUP "$FNPOOL_PID"
gen2() { http /_/status | grep -q '"generation":2,'; }
check "after a reload the status socket answers for generation 2" wait_for 50 gen2
r=$(http /_/status)
like "$r" '"accepted_requests":11,' "the counters survive the reload (6 + 2 slow + 3 queued requests)"
# a reload that removes a pool's status socket closes it
sed -i '/^\[locked\]/,/^$/{/^status\.listen/d;/^ping\.path/d;/^status\.allowed_clients/d}' \
    "$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
gen3() { http /_/status | grep -q '"generation":3,'; }
check "another reload (generation 3)" wait_for 50 gen3
gone() { [ ! -e "$T/locked-status.sock" ]; }
check "the removed status socket is closed and its file removed" wait_for 50 gone
is "$(http /_/ping)" $'200\nok' "the others still answer"

# ---- a raw (not UTF-8) URI still gives valid JSON and metrics ---------------------
("$FCGI_POST" "$T/www.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/www/slow \
    QUERY_STRING=ms=3000 $'REQUEST_URI=/www/slow\xff\xfe?ms=3000' >/dev/null) &
LOAD_PIDS="$LOAD_PIDS $!"
rawbusy() { http '/_/status?full' | grep -q '"uri":"/www/slow'; }
check "a request with a raw URI runs" wait_for 50 rawbusy
json=$(http '/_/status?full' | sed 1d)
is "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([w["uri"] for w in d["workers"] if "uri" in w][0].encode("unicode_escape").decode())' <<<"$json")" \
    '/www/slow\ufffd\ufffd' "status ?full: invalid UTF-8 becomes U+FFFD"
wait $LOAD_PIDS
LOAD_PIDS=

# ---- configuration errors -----------------------------------------------------
bad() {
	printf '[p]\nlisten = %s/p.sock\nfunctions = %s\n%s\n%s\n' "$T" "$PM_FIXTURES" "$RUN_AS" "$1" >"$T/bad.ini"
	"$FNPOOL" -t -c "$T/bad.ini" 2>&1
}
like "$(bad 'status.path = /_/s')" "bad.ini:1: pool 'p': status.path needs status.listen" "status.path without status.listen"
like "$(bad "status.listen = $T/s.sock")" "status.listen serves nothing" "status.listen without paths"
like "$(bad 'status.allowed_clients = ::1')" "status.allowed_clients needs status.listen" "allowed_clients without status.listen"
like "$(bad $'status.listen = '"$T"$'/s.sock\nping.path = x')" "bad ping.path 'x'" "a path must start with /"
like "$(bad $'status.listen = '"$T"$'/s.sock\nping.path = /a\nstatus.path = /a')" "must differ" "two endpoints on one path"
like "$(bad $'status.listen = '"$T"$'/s.sock\nping.path = /a\nstatus.allowed_clients = 10.0.0.0/33')" \
    "bad status.allowed_clients '10.0.0.0/33'" "a bad network"
like "$(bad $'status.listen = '"$T"$'/p.sock\nping.path = /a')" "status.listen must differ from listen" \
    "status.listen on the pool's own socket"
