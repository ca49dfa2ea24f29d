#!/bin/bash
# fetch against real upstreams on loopback: an nginx server block (static
# files, gzip, redirects, statuses, its connection serial) and a second
# fnpool pool behind it (echo, delay).  Methods, headers and bodies both
# ways, redirects, errors as Node shapes them, timeouts, size limits,
# fetch.allow/fetch.deny (redirects and names included), connection
# reuse, concurrency, request ids, counters, metrics and the slow log.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
command -v python3 >/dev/null || skip_all "python3 not installed"

FX="$SRCDIR/tests/fixtures/fetch"
PROMCHECK="$SRCDIR/tests/helpers/promcheck.py"
UP=$(free_port)
CLOSED=$(free_port)
while [ "$CLOSED" = "$UP" ]; do CLOSED=$(free_port); done
UPURL="http://127.0.0.1:$UP"

# ---- the upstream: files, and nginx's own answers ---------------------------
mkdir -p "$T/www"
printf '{"a":1,"list":[1,2,3],"s":"\\u00e9t\\u00e9"}' >"$T/www/data.json"
printf '\000\001\377\376A\000' >"$T/www/bin.dat"
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 64 + "\n") * 100)' \
    >"$T/www/medium.txt"			# 102,500 bytes
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 64 + "\n") * 2000)' \
    >"$T/www/big.txt"			# 2 MB, over fetch.max_response_size

cat >"$T/http.conf" <<CONF
server {
	listen 127.0.0.1:$UP;
	listen 127.0.0.2:$UP;
	access_log $T/up-access.log;
	keepalive_requests 10000;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	location /static/ { alias $T/www/; }
	location /gzip/ {
		alias $T/www/;
		gzip on;
		gzip_types text/plain application/json;
		gzip_min_length 0;
	}
	location = /status/404 { return 404 "nope\n"; }
	location = /status/500 { return 500 "boom\n"; }
	location = /r301 { return 301 /echo?from=301; }
	location = /r302 { return 302 /echo?from=302; }
	location = /r303 { return 303 /echo?from=303; }
	location = /r307 { return 307 /echo?from=307; }
	location = /r308 { return 308 /echo?from=308; }
	location = /loop { return 302 /loop; }
	location = /to-ftp { return 302 ftp://127.0.0.1/; }
	location = /to-denied { return 302 http://127.0.0.2:$UP/static/data.json?guard=redirect; }
	location = /to-localhost { return 302 http://localhost:$UP/echo; }
	location = /conn { return 200 "\$connection"; }
	location / {
		include /etc/nginx/fastcgi_params;
		fastcgi_pass unix:$T/up.sock;
	}
}
CONF
: >"$T/server.conf"
for p in fx deny allow allowip slow; do
	cat >>"$T/server.conf" <<CONF
location /$p/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/$p.sock;
}
CONF
done
cat >>"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
CONF

# ---- fnpool: the upstream pool and the pools that fetch --------------------
client() {	# client NAME WORKERS [LINE...]
	local name=$1 workers=$2
	shift 2
	printf '\n[%s]\nlisten = %s\nlisten.mode = 0666\n%s\n' "$name" \
	    "$T/$name.sock" "$RUN_AS"
	printf 'functions = %s\nprefix = /%s\nworkers = %s\n' "$FX/client" \
	    "$name" "$workers"
	printf 'env.UP = %s\nenv.UP_PORT = %s\nenv.CLOSED = %s\n' "$UPURL" \
	    "$UP" "$CLOSED"
	printf '%s\n' "$@"
}
{
	printf '[global]\npid = %s\nlog_level = info\n' "$T/fnpool.pid"
	printf '\n[up]\nlisten = %s\nlisten.mode = 0666\n%s\n' "$T/up.sock" "$RUN_AS"
	printf 'functions = %s\nworkers = 6\n' "$FX/upstream"
	client fx 2 "request_timeout = 5s" "fetch.timeout = 1500ms" \
	    "fetch.max_response_size = 1M" "fetch.max_redirects = 5" \
	    "fetch.deny = 169.254.0.0/16, fe80::/10, 127.0.0.2" \
	    "status.listen = $T/status.sock" "status.path = /_/status" \
	    "metrics.path = /_/metrics"
	client deny 1 "fetch.deny = 127.0.0.0/8 ::1"
	client allow 1 "fetch.allow = localhost"
	client allowip 1 "fetch.allow = 127.0.0.1"
	client slow 1 "request_timeout = 1s" "fetch.timeout = 10s" \
	    "slowlog = $T/slow.log" "slowlog_timeout = 300ms"
} >"$T/fnpool.ini"

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/slow.sock"
check "nginx starts" nginx_start
check "all 12 workers up" wait_for 50 workers_up 12
check "the upstream answers" wait_for 50 port_open "$UP"

logged() { grep -q -a -F -- "$1" "$T/fnpool.log"; }
body() { sed 1d <<<"$1"; }
now_ms() { date +%s%3N; }

# ---- GET: JSON, text, bytes, HEAD, statuses, gzip ---------------------------
is "$(http '/fx/basic?case=typeof')" \
    $'200\n["function","function","function","function","function","function","function"]' \
    "fetch, Headers, Request, Response, AbortController, AbortSignal and DOMException are functions"
is "$(http '/fx/basic?case=json')" \
    "200
{\"status\":200,\"ok\":true,\"statusText\":\"OK\",\"url\":\"$UPURL/static/data.json\",\"redirected\":false,\"type\":\"application/json\",\"json\":{\"a\":1,\"list\":[1,2,3],\"s\":\"été\"},\"bodyUsed\":true}" \
    "GET JSON: status, ok, statusText, content-type, url, json()"
is "$(http '/fx/basic?case=text')" $'200\n{"a":1,"list":[1,2,3],"s":"\\u00e9t\\u00e9"}' "text()"
like "$(http '/fx/basic?case=twice')" '"code":null|"error":"TypeError","message":"Body is unusable' \
    "a body read twice: TypeError"
is "$(http '/fx/basic?case=clone')" \
    $'200\n["{\\"a\\":1,\\"list\\":[1,2,3],\\"s\\":\\"\\\\u00e9t\\\\u00e9\\"}",{"a":1,"list":[1,2,3],"s":"été"}]' \
    "clone(): both bodies readable"
is "$(http '/fx/basic?case=bin')" $'200\n{"byteLength":6,"hex":"0001fffe4100"}' \
    "arrayBuffer(): binary with NUL and 0xFF bytes"
is "$(http '/fx/basic?case=buffer')" $'200\n{"isBuffer":true,"hex":"0001fffe4100"}' \
    "buffer(): a Buffer of the bytes"
is "$(http '/fx/basic?case=head')" $'200\n{"status":200,"length":"42","body":""}' \
    "HEAD: headers, no body"
is "$(http '/fx/basic?case=404')" \
    "200
{\"status\":404,\"ok\":false,\"statusText\":\"Not Found\",\"url\":\"$UPURL/status/404\",\"redirected\":false,\"type\":\"application/octet-stream\",\"body\":\"nope\\n\"}" \
    "a 404 resolves, ok false"
like "$(http '/fx/basic?case=500')" '"status":500,"ok":false,"statusText":"Internal Server Error"' \
    "a 500 resolves, ok false"
is "$(http '/fx/basic?case=gzip')" \
    $'200\n{"encoding":"gzip","chunked":"chunked","length":102500,"head":"0123456789ab"}' \
    "a gzip, chunked response: decoded by curl"
r=$(http '/fx/basic?case=headers')
is "$r" \
    $'200\n{"sent":"a b","accept":"application/json","ua":"fnpool/'"$(sed -n 's/^AC_INIT(\[fnpool\], \[\([^]]*\)\].*/\1/p' "$SRCDIR/configure.ac")"$'","echo":"yes","cookies":["a=1; Path=/","b=2; Path=/"],"joined":"a=1; Path=/, b=2; Path=/","sorted":true,"immutable":true}' \
    "headers both ways: sent, received, Set-Cookie, sorted, immutable"
is "$(http '/fx/basic?case=api')" \
    $'200\n{"get":"1, 3","has":true,"set":"4","deleted":false,"badName":"TypeError","badValue":"TypeError","first":["y","2"],"req":["POST","http://example.com/a%20b?x=1","text/plain;charset=UTF-8","follow"],"getBody":"TypeError","relative":"Failed to parse URL from /relative","res":[201,true,"text/plain;charset=UTF-8","b"],"json":"application/json","redirect":"http://example.com/n","badStatus":"RangeError","abort":[true,"AbortError",1],"signalTimeout":false,"body":{"x":1}}' \
    "Headers, Request, Response, AbortController without the network"

# ---- bodies and methods out -------------------------------------------------
is "$(http '/fx/send?case=postjson')" \
    $'200\n{"status":200,"method":"POST","type":"application/json","hex":"7b2261223a22c3a9222c226e223a317d","length":16,"query":{}}' \
    "POST JSON: method, content-type, UTF-8 bytes"
is "$(http '/fx/send?case=posttext')" \
    $'200\n{"status":200,"method":"POST","type":"text/plain;charset=UTF-8","hex":"706c61696e2074657874","length":10,"query":{}}' \
    "POST a string: text/plain;charset=UTF-8"
is "$(http '/fx/send?case=postbin')" \
    $'200\n{"status":200,"method":"POST","type":"","hex":"0001fffe4100","length":6,"query":{}}' \
    "POST a Buffer with NUL and 0xFF: the bytes, no content-type"
is "$(http '/fx/send?case=posttyped')" \
    $'200\n{"status":200,"method":"POST","type":"","hex":"ff0080","length":3,"query":{}}' \
    "POST an ArrayBuffer"
like "$(http '/fx/send?case=put')" '"method":"PUT",.*"hex":"70757420626f6479","length":8' "PUT with a body"
like "$(http '/fx/send?case=patch')" '"method":"PATCH",.*"length":10' "PATCH with a body"
like "$(http '/fx/send?case=delete')" '"method":"DELETE",.*"length":0' "delete: normalized to DELETE"
is "$(http '/fx/send?case=options')" $'200\n{"status":204,"allow":"GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"}' \
    "OPTIONS: the upstream's 204 and Allow"
like "$(http '/fx/send?case=emptypost')" '"method":"POST",.*"length":0' "POST without a body"
r=$(http '/fx/send?case=params')
if [ "$(body "$r")" = 'no URLSearchParams' ]; then
	ok "# SKIP URLSearchParams body: no URLSearchParams global in this build"
else
	like "$r" '"type":"application/x-www-form-urlencoded;charset=UTF-8","hex":"613d3126623d782b79"' \
	    "POST URLSearchParams: form-encoded"
fi
is "$(http '/fx/send?case=request')" $'200\n{"method":"POST","query":{"r":"1"},"length":14}' \
    "fetch(new Request(url, init))"
is "$(http '/fx/send?case=urlobj')" $'200\n{"method":"GET","query":{"u":"1"}}' \
    "fetch(new URL(path, base))"
is "$(http '/fx/send?case=framing')" $'200\n{"length":3,"ok":"y"}' \
    "Content-Length and Connection from the function: ignored (curl frames the request)"
like "$(http '/fx/send?case=getbody')" '"error":"TypeError","message":"Request with GET/HEAD method cannot have body.' \
    "GET with a body: TypeError"

# ---- redirects ---------------------------------------------------------------
for c in 301 302; do
	is "$(http "/fx/redirect?case=$c")" \
	    "200
{\"status\":200,\"redirected\":true,\"url\":\"$UPURL/echo?from=$c\",\"method\":\"GET\",\"length\":0,\"type\":null,\"auth\":\"Bearer x\"}" \
	    "$c after POST: GET without the body"
done
is "$(http '/fx/redirect?case=303&method=PUT')" \
    "200
{\"status\":200,\"redirected\":true,\"url\":\"$UPURL/echo?from=303\",\"method\":\"GET\",\"length\":0,\"type\":null,\"auth\":\"Bearer x\"}" \
    "303 after PUT: GET without the body"
is "$(http '/fx/redirect?case=307')" \
    "200
{\"status\":200,\"redirected\":true,\"url\":\"$UPURL/echo?from=307\",\"method\":\"POST\",\"length\":7,\"type\":\"text/plain;charset=UTF-8\",\"auth\":\"Bearer x\"}" \
    "307: the same method and body"
is "$(http '/fx/redirect?case=308&method=PUT')" \
    "200
{\"status\":200,\"redirected\":true,\"url\":\"$UPURL/echo?from=308\",\"method\":\"PUT\",\"length\":7,\"type\":\"text/plain;charset=UTF-8\",\"auth\":\"Bearer x\"}" \
    "308: the same method and body"
is "$(http '/fx/redirect?case=cross')" \
    "200
{\"status\":200,\"redirected\":true,\"url\":\"http://localhost:$UP/echo\",\"method\":\"GET\",\"length\":0,\"type\":null,\"auth\":null}" \
    "a redirect to another origin drops Authorization"
is "$(http '/fx/redirect?case=manual')" \
    "200
{\"status\":302,\"location\":\"$UPURL/echo?from=302\",\"redirected\":false}" \
    "redirect: 'manual': the 302 itself"
like "$(http '/fx/redirect?case=error')" '"error":"TypeError","message":"fetch failed","code":"ERR_REDIRECT"' \
    "redirect: 'error': TypeError, ERR_REDIRECT"
like "$(http '/fx/redirect?case=loop')" '"code":"ERR_TOO_MANY_REDIRECTS","causeMessage":"redirect count exceeded \(fetch.max_redirects = 5\)"' \
    "a redirect loop stops at fetch.max_redirects"
like "$(http '/fx/redirect?case=ftp')" '"code":"ERR_UNSUPPORTED_PROTOCOL"' \
    "a redirect to ftp: refused"
like "$(http '/fx/redirect?case=denied')" '"code":"ERR_DENIED","causeMessage":"127.0.0.2 is denied by fetch.deny"' \
    "a redirect to a denied address: ERR_DENIED"

# ---- failures -----------------------------------------------------------------
is "$(http '/fx/errors?case=refused')" \
    "200
{\"error\":\"TypeError\",\"message\":\"fetch failed\",\"code\":\"ECONNREFUSED\",\"causeMessage\":\"connect ECONNREFUSED 127.0.0.1:$CLOSED\"}" \
    "a refused port: TypeError('fetch failed'), cause ECONNREFUSED"
check "  logged with the request id, method, host and cause" \
    logged "errors: request $(header x-request-id): fetch GET 127.0.0.1 failed: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:$CLOSED)"
like "$(http '/fx/errors?case=notfound')" '"code":"ENOTFOUND","causeMessage":"getaddrinfo ENOTFOUND nonexistent.invalid"' \
    "an unknown host: ENOTFOUND"
like "$(http '/fx/errors?case=toolarge')" '"code":"ERR_TOO_LARGE"' \
    "a 2 MB file over fetch.max_response_size = 1M: ERR_TOO_LARGE"
like "$(http '/fx/errors?case=toolargegzip')" '"code":"ERR_TOO_LARGE"' \
    "  and the same file gzipped and chunked (no Content-Length)"
like "$(http '/fx/errors?case=metadata')" '"code":"ERR_DENIED","causeMessage":"169.254.169.254 is denied by fetch.deny"' \
    "169.254.169.254 (cloud metadata): ERR_DENIED"
like "$(http '/fx/errors?case=denied')" '"code":"ERR_DENIED"' "127.0.0.2 in fetch.deny: ERR_DENIED"
like "$(http '/fx/errors?case=scheme')" '"code":"ERR_UNSUPPORTED_PROTOCOL"' "ftp: refused"
like "$(http '/fx/errors?case=badurl')" '"error":"TypeError","message":"Failed to parse URL from http//no-colon"' \
    "a bad URL: TypeError"
is "$(http '/fx/errors?case=outside')" \
    $'200\n{"module":"fetch outside a request (module code or init): fetch runs only while a request is served"}' \
    "fetch in module code: rejected, with why"
r=$(http '/fx/errors?case=uncaught')
like "$r" $'^500\n\\{"error":"Internal Server Error","requestId":"[0-9a-f]{32}"\\}$' \
    "an uncaught fetch failure: 500 with the request id"
check "  logged as a rejection" logged "errors.js: rejected (request $(header x-request-id)): TypeError: fetch failed"

# ---- timeouts -----------------------------------------------------------------
r=$(http '/fx/timeout?case=fetch')
like "$r" '"code":"ETIMEDOUT","causeMessage":"no response within fetch.timeout \(1500 ms\)"' \
    "fetch.timeout: ETIMEDOUT"
ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$r")
check "  after about 1.5 s ($ms ms)" test "${ms:-0}" -ge 1400 -a "${ms:-0}" -lt 3000
r=$(http '/fx/timeout?case=signal')
like "$r" '"error":"TimeoutError","message":"The operation was aborted due to timeout"' \
    "AbortSignal.timeout(300): a TimeoutError DOMException"
ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$r")
check "  after about 300 ms ($ms ms)" test "${ms:-0}" -ge 280 -a "${ms:-0}" -lt 1200
r=$(http '/fx/timeout?case=abort')
like "$r" '"error":"AbortError","message":"This operation was aborted"' "AbortController.abort(): AbortError"
ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$r")
check "  after about 200 ms ($ms ms)" test "${ms:-0}" -ge 190 -a "${ms:-0}" -lt 1200
like "$(http '/fx/timeout?case=reason')" '"error":"Error","message":"changed my mind"' \
    "an aborted signal: rejected with its reason, nothing sent"
r=$(http '/fx/timeout?case=fast')
ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$r")
like "$r" '"status":200' "a long AbortSignal.timeout on a fast fetch"
check "  does not hold the response ($ms ms)" test "${ms:-9999}" -lt 1000
http '/slow/slow?ms=0' >/dev/null	# the state made, fetch.js compiled
t0=$(now_ms)
r=$(http '/slow/slow?ms=5000')
t1=$(now_ms)
like "$r" $'^504\n\\{"error":"Gateway Timeout: the function ran longer than request_timeout \\(1000 ms\\)"' \
    "a fetch pending at request_timeout: the usual 504"
check "  after about 1 s ($((t1 - t0)) ms)" test $((t1 - t0)) -ge 900 -a $((t1 - t0)) -lt 3000
check "the slow log says the request waits on fetch, and to which host" \
    wait_for 30 grep -q "slow request: worker .* has run slow.js for /slow/slow (request .*) for [0-9]* ms (slowlog_timeout 300 ms), waiting on fetch to 127.0.0.1" "$T/slow.log"
check "the timed-out worker is replaced" wait_for 50 workers_up 12

t0=$(now_ms)
r=$(http '/fx/cancel')
t1=$(now_ms)
like "$r" $'^500\n' "a request that fails with a fetch in flight: 500"
check "  at once, not when the fetch would end ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 2000
check "  the fetch is cancelled, with a log line" \
    logged "cancel: request $(header x-request-id) ended with 1 fetch in flight: cancelled"

# ---- fetch.allow, fetch.deny: names, addresses, resolution --------------------
guard() {	# guard POOL HOST NAME: fetch data.json from HOST, marked NAME
	http "/$1/guard?url=http://$2:$UP/static/data.json%3Fguard%3D$3"
}
like "$(guard deny localhost deny-localhost)" \
    '"code":"ERR_DENIED","causeMessage":"address (127.0.0.1|::1) is denied by fetch.deny"' \
    "a name that resolves to a denied address (localhost, fetch.deny = 127.0.0.0/8 ::1)"
like "$(guard deny 127.0.0.1 deny-address)" '"code":"ERR_DENIED"' "  and the address itself"
is "$(guard allow localhost allow-localhost)" $'200\n{"status":200}' \
    "fetch.allow = localhost: localhost allowed"
like "$(guard allow 127.0.0.1 allow-address)" \
    '"code":"ERR_DENIED","causeMessage":"127.0.0.1 is not in fetch.allow"' \
    "  127.0.0.1 by address is not"
is "$(guard allowip localhost allowip-localhost)" $'200\n{"status":200}' \
    "fetch.allow = 127.0.0.1: localhost, which resolves to it, allowed"
like "$(guard allowip 127.0.0.2 allowip-other)" \
    '"code":"ERR_DENIED","causeMessage":"address 127.0.0.2 is not in fetch.allow"' \
    "  127.0.0.2 is not"
is "$(grep -o 'guard=[a-z-]*' "$T/up-access.log" | sort | tr '\n' ' ')" \
    "guard=allow-localhost guard=allowip-localhost " \
    "the upstream saw the allowed fetches only, none of the denied ones"

# ---- request ids -------------------------------------------------------------
r=$(http -H 'X-Request-Id: trace-abc-1' '/fx/reqid')
is "$r" $'200\n{"mine":"trace-abc-1","sent":"trace-abc-1"}' \
    "the incoming X-Request-Id goes out with each fetch"
r=$(http '/fx/reqid')
like "$r" '^200
\{"mine":"([0-9a-f]{32})","sent":"\1"\}$' "  so does one fnpool made"
is "$(http '/fx/reqid?own=1')" "200
{\"mine\":\"$(header x-request-id)\",\"sent\":\"own-id-1\"}" \
    "  a header the function sets wins"

# ---- concurrency and connection reuse ------------------------------------------
http '/fx/concurrency?ms=0' >/dev/null	# warm: the upstream's states, connections
r=$(http '/fx/concurrency?ms=200')
ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$r")
ticks=$(sed -n 's/.*"ticks":\([0-9]*\).*/\1/p' <<<"$r")
like "$r" '"n":5' "Promise.all of 5 fetches to a 200 ms upstream"
check "  takes about 200 ms, not 1 s ($ms ms)" test "${ms:-9999}" -ge 190 -a "${ms:-9999}" -lt 700
check "  while a 20 ms timer keeps firing ($ticks ticks)" test "${ticks:-0}" -ge 5

for i in $(seq 100); do
	curl -sS --max-time 10 --unix-socket "$T/nginx.sock" "http://fnpool.test/fx/reuse"
	echo
done >"$T/conns"
is "$(grep -c . "$T/conns")" "100" "100 sequential requests that each fetch"
n=$(sort -u "$T/conns" | grep -c .)
check "  open one upstream connection per worker ($n for 2 workers)" test "$n" -le 2

# ---- counters and metrics ----------------------------------------------------------
r=$(http /_/status)
json=$(sed 1d <<<"$r")
jf() { python3 -c 'import json,sys; d=json.load(sys.stdin)["fetch"]; print('"$1"')' <<<"$json"; }
check "status JSON: fetch counts requests" test "$(jf 'd["requests"]')" -ge 100
check "  responses by class (2xx, 3xx, 4xx, 5xx)" \
    test "$(jf 'd["responses"]["2xx"]')" -ge 100 -a "$(jf 'd["responses"]["3xx"]')" -ge 1 \
    -a "$(jf 'd["responses"]["4xx"]')" -ge 1 -a "$(jf 'd["responses"]["5xx"]')" -ge 1
is "$(jf 'd["failures"]["refused"], d["failures"]["dns"], d["failures"]["too_large"], d["failures"]["denied"] >= 3, d["failures"]["timeout"], d["failures"]["aborted"] >= 1, d["failures"]["redirect"]')" \
    "2 1 2 True 2 True 3" "  failures by cause"
http /_/metrics | sed 1d >"$T/metrics"
check "metrics: valid Prometheus text" python3 "$PROMCHECK" "$T/metrics"
check "  fnpool_fetch_responses_total by code" \
    grep -qE '^fnpool_fetch_responses_total\{pool="fx",code="2xx"\} [0-9]{3}' "$T/metrics"
check "  fnpool_fetch_failures_total by cause" \
    grep -q '^fnpool_fetch_failures_total{pool="fx",cause="refused"} 2$' "$T/metrics"
check "  fnpool_fetch_duration_seconds histogram" \
    grep -q '^fnpool_fetch_duration_seconds_bucket{pool="fx",le="+Inf"}' "$T/metrics"
