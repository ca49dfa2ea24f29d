#!/bin/bash
# The request/response contract through a real nginx: every ctx field, each
# kind of body, limits, method handlers, dynamic routes, ctx.response,
# header injection, thrown errors, CORS, the init hook and request-scoped
# console lines.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

C="$SRCDIR/tests/fixtures/contract"
owner=""
if [ "$(id -u)" = 0 ]; then
	owner="listen.owner = www-data
listen.group = www-data"
fi

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[c]
listen = $T/c.sock
$RUN_AS
$owner
functions = $C
workers = 2
env.GREETING = hello
trusted_proxies = 10.0.0.0/8, unix:
max_body_size = 1k
max_query_params = 5
max_headers = 20
max_multipart_parts = 3
max_json_keys = 20
cors.origins = https://app.example https://admin.example
cors.credentials = on
cors.max_age = 600

[e]
listen = $T/e.sock
$RUN_AS
$owner
functions = $C
prefix = /x
workers = 1
expose_errors = on
INI
cat >"$T/server.conf" <<CONF
client_max_body_size 10m;
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/c.sock;
}
location /x/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/e.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/e.sock"
check "nginx starts" nginx_start

body() { printf '%s' "${1#*$'\n'}"; }
status() { printf '%s' "${1%%$'\n'*}"; }

# ---- ctx ---------------------------------------------------------------
r=$(http -H 'Accept: text/x-test' -H 'X-Custom: v1' \
    -H 'Cookie: sid=abc123; theme="dark"; sp=a%20b; sid=second' \
    -H 'X-Forwarded-For: 203.0.113.9, 198.51.100.7, 10.1.2.3' \
    -H 'X-Request-Id: trace-42.a:b' \
    '/ctx?a=1&b=two+words&a=2&c=%C3%A9&empty')
is "$(status "$r")" 200 "ctx: 200"
is "$(body "$r")" '{"method":"GET","path":"/ctx","url":"/ctx?a=1&b=two+words&a=2&c=%C3%A9&empty","query":{"a":["1","2"],"b":"two words","c":"é","empty":""},"cookies":{"sid":"abc123","theme":"dark","sp":"a b"},"ip":"198.51.100.7","requestId":"trace-42.a:b","env":{"GREETING":"hello"},"functionName":"ctx","params":{},"accept":"text/x-test","custom":"v1","host":"fnpool.test"}' \
    "ctx: method, path, url, query, headers, cookies, ip via trusted proxies, requestId, env, functionName"
is "$(header x-request-id)" "trace-42.a:b" "a sane incoming X-Request-Id is echoed"

r=$(http -H 'X-Request-Id: bad id with spaces' /ctx)
like "$(header x-request-id)" '^[0-9a-f]{32}$' "an insane X-Request-Id is replaced by a new id"
like "$(body "$r")" "\"requestId\":\"$(header x-request-id)\"" "and ctx.requestId is the new id"

r=$(http -H 'X-Forwarded-For: 203.0.113.9' /x/ctx)
like "$(body "$r")" '"ip":"unix:"' "X-Forwarded-For is ignored from a peer not in trusted_proxies"
r=$(http -H 'X-Forwarded-For: not-an-ip' /ctx)
like "$(body "$r")" '"ip":"unix:"' "a malformed X-Forwarded-For is never taken"
r=$(http -H 'X-Real-IP: 192.0.2.5' /ctx)
like "$(body "$r")" '"ip":"192.0.2.5"' "X-Real-IP from a trusted proxy"

# ---- bodies ------------------------------------------------------------
r=$(http -H 'Content-Type: application/json' -d '{"n":1.5,"s":"\u00e9\u0000x","a":[true,null]}' /body)
is "$r" $'200\n{"kind":"object","body":{"n":1.5,"s":"\xc3\xa9\\u0000x","a":[true,null]},"files":{},"rawLength":45}' \
    "application/json -> parsed value, \\u0000 kept"
r=$(http -H 'Content-Type: application/json; charset=utf-8' -d '{"a": [1, 2,]}' /body)
is "$(status "$r")" 400 "malformed JSON -> 400"
like "$(body "$r")" 'invalid JSON at line 1 column 13' "with a clear message naming the place"
check "the function was not called for malformed JSON" \
    test "$(grep -c '"kind"' "$T/body")" = 0
r=$(http -H 'Content-Type: application/json' --data-binary $'{"a":"\xff"}' /body)
is "$(status "$r")" 400 "JSON with invalid UTF-8 -> 400"
r=$(http -H 'Content-Type: application/vnd.api+json' -d '[1]' /body)
like "$(body "$r")" '"body":\[1\]' "+json media types are JSON too"

r=$(http -d 'a=1&b=x+y&a=%26&c' /body)
like "$(body "$r")" '^\{"kind":"object","body":\{"a":\["1","&"\],"b":"x y","c":""\},"files":\{\}' \
    "application/x-www-form-urlencoded -> object, repeats as arrays"

printf 'hello file\n' >"$T/f1.txt"
printf '\x00\x01\xff\xfe' >"$T/f2.bin"
r=$(http -F 'title=Two files' -F 'a=@'"$T/f1.txt"';type=text/plain' \
    -F 'b=@'"$T/f2.bin"';filename=raw.bin;type=application/octet-stream' /body)
is "$(status "$r")" 200 "multipart: 200"
like "$(body "$r")" '"body":\{"title":"Two files"\}' "multipart: the field is in ctx.body"
like "$(body "$r")" '"a":\{"name":"a","filename":"f1.txt","type":"text/plain","size":11,"content":"hello file\\n"\}' \
    "multipart: the first file in ctx.files"
like "$(body "$r")" '"b":\{"name":"b","filename":"raw.bin","type":"application/octet-stream","size":4,"content":"\\u0000\\u0001'$'\xc3\xbf\xc3\xbe''"\}' \
    "multipart: a binary file, one character per byte"
r=$(http -H 'Content-Type: multipart/form-data; boundary=xyz' --data-binary $'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end' /body)
is "$(status "$r")" 400 "multipart without a closing boundary -> 400"
like "$(body "$r")" 'no closing boundary' "and says so"
r=$(http -H 'Content-Type: multipart/form-data' --data-binary 'x' /body)
is "$(status "$r")" 400 "multipart without a boundary parameter -> 400"

r=$(http -H 'Content-Type: text/plain' --data-binary $'caf\xc3\xa9' /body)
like "$(body "$r")" '^\{"kind":"string","body":"café","files":\{\},"rawLength":5\}' \
    "text/* -> string; rawBody counts bytes"
printf 'a\x00b\xffc' >"$T/odd"
r=$(http -H 'Content-Type: text/plain' --data-binary @"$T/odd" /codes)
is "$r" $'200\n{"body":[97,0,98,65533,99],"raw":[97,0,98,255,99]}' \
    "NUL is kept, invalid UTF-8 becomes U+FFFD in text; rawBody has every byte"
head -c 600 /dev/urandom >"$T/rand"
http -H 'Content-Type: application/octet-stream' --data-binary @"$T/rand" /echo-bytes >/dev/null
check "a binary body comes back byte for byte (ctx.response.binary)" cmp -s "$T/rand" "$T/body"
r=$(http -H 'Content-Type: application/octet-stream' --data-binary 'abc' /body)
like "$(body "$r")" '"body":"abc"' "other types: ctx.body is the unparsed body"

# ---- limits ------------------------------------------------------------
head -c 2000 /dev/zero | tr '\0' 'x' >"$T/2k"
r=$(http -H 'Content-Type: text/plain' --data-binary @"$T/2k" /body)
is "$(status "$r")" 413 "a body over max_body_size -> 413"
head -c 1024 /dev/zero | tr '\0' 'x' >"$T/1k"
r=$(http -H 'Content-Type: text/plain' --data-binary @"$T/1k" /body)
is "$(status "$r")" 200 "a body of exactly max_body_size is accepted"
# Straight to fnpool's socket: bodies that lie about their length.
fcgi() {
	"$FCGI_POST" "$T/c.sock" "$@" REQUEST_METHOD=POST SCRIPT_NAME=/body \
	    REQUEST_URI=/body CONTENT_TYPE=text/plain | tr -d '\r' | head -n1
}
is "$(fcgi 5000 CONTENT_LENGTH=10)" "Status: 413 Content Too Large" \
    "a body longer than its CONTENT_LENGTH and max_body_size -> 413 while reading"
is "$(fcgi 5000)" "Status: 413 Content Too Large" "a body without CONTENT_LENGTH is limited too"
is "$(fcgi 0 CONTENT_LENGTH=5000)" "Status: 413 Content Too Large" \
    "CONTENT_LENGTH over max_body_size -> 413 before reading"
is "$(fcgi 10 CONTENT_LENGTH=10)" "Status: 200 OK" "an honest small body passes"

r=$(http '/ctx?a=1&b=2&c=3&d=4&e=5&f=6')
is "$(status "$r")" 400 "too many query parameters -> 400"
like "$(body "$r")" 'more than 5 query parameters' "and says the limit"
r=$(http -d 'a=1&b=2&c=3&d=4&e=5&f=6' /body)
is "$(status "$r")" 400 "too many form fields -> 400"
hdrs=()
for i in $(seq 1 25); do hdrs+=(-H "X-H$i: v"); done
r=$(http "${hdrs[@]}" /ctx)
is "$(status "$r")" 431 "too many headers -> 431"
keys=$(for i in $(seq 1 21); do printf '"k%d":%d,' "$i" "$i"; done)
r=$(http -H 'Content-Type: application/json' -d "{${keys%,}}" /body)
is "$(status "$r")" 400 "more distinct JSON property names than max_json_keys -> 400"
like "$(body "$r")" 'more than 20 distinct property names' "and says the limit"
r=$(http -H 'Content-Type: application/json' -d '[{"a":1,"b":2},{"a":3,"b":4},{"a":5,"b":6}]' /body)
is "$(status "$r")" 200 "repeated property names count once"
r=$(http -F a=1 -F b=2 -F c=3 -F d=4 /body)
is "$(status "$r")" 400 "too many multipart parts -> 400"
like "$(body "$r")" 'more than 3 multipart parts' "and says the limit"
head -c 300000 /dev/urandom | base64 -w0 >"$T/big"
r=$(http -H 'Content-Type: text/plain' --data-binary @"$T/big" /x/echo-bytes)
check "a response body can be larger than max_body_size and any buffer" cmp -s "$T/big" "$T/body"

# ---- methods -----------------------------------------------------------
r=$(http '/rest?id=7')
is "$r" $'200\n{"got":"7"}' "exports.GET answers GET"
r=$(http -H 'Content-Type: application/json' -d '{"x":1}' /rest)
is "$r" $'201\n{"created":{"x":1}}' "exports.POST answers POST"
r=$(http -X DELETE /rest)
is "$r" "204" "exports.DELETE answers DELETE"
r=$(http -X PUT /rest)
is "$(status "$r")" 405 "a method without a handler -> 405"
is "$(header allow)" "GET, HEAD, POST, DELETE, OPTIONS" "405 carries Allow"
r=$(http -I '/rest?id=1')
is "$(status "$r")" 200 "HEAD runs GET"
is "$(header content-length)" 11 "HEAD: Content-Length of the GET body"
check "HEAD sends no body" test "$(grep -c '"got"' "$T/body")" = 0
r=$(http -X OPTIONS /rest)
is "$(status "$r")" 204 "OPTIONS -> 204"
is "$(header allow)" "GET, HEAD, POST, DELETE, OPTIONS" "OPTIONS carries Allow"
r=$(http -X OPTIONS /ctx)
is "$(header allow)" "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" "a single handler allows every method"

# ---- dynamic routes ----------------------------------------------------
r=$(http /users/42)
is "$r" $'200\n{"id":"42","fn":"users/[id]"}' "users/[id].js answers /users/42"
r=$(http /users/me)
is "$r" $'200\n{"exact":"me","params":{}}' "an exact file wins over a dynamic one"
r=$(http /shop/books/dune)
is "$r" $'200\n{"cat":"books","item":"dune"}' "dynamic directories and files combine"
r=$(http /users/42/extra)
is "$(status "$r")" 404 "a dynamic segment matches one segment only"

# ---- responses ---------------------------------------------------------
r=$(http /respond)
is "$r" $'201\nx,y\n1,2' "ctx.response.status and a string body"
is "$(header content-type)" "text/csv" "ctx.response.type"
is "$(header x-made-by)" "fnpool" "ctx.response.headers"
is "$(grep -ci '^set-cookie:' "$T/headers")" 3 "an array value repeats the header"
is "$(tr -d '\r' <"$T/headers" | grep -i '^set-cookie: sid=')" \
    "Set-Cookie: sid=x; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Path=/" \
    "a cookie's Expires from toUTCString is Node's HTTP date"
r=$(http /redirect)
is "$(status "$r")" 301 "ctx.redirect sets the status"
is "$(header location)" "/elsewhere?from=%2Fredirect" "and Location"
is "$(tr -d '\r' <"$T/headers" | grep -i '^location:')" \
    "Location: /elsewhere?from=%2Fredirect" "spelled Location, like fnpool's other headers"
r=$(http '/redirect?stale')
is "$(tr -d '\r' <"$T/headers" | grep -i '^location:')" \
    "Location: /elsewhere?from=%2Fredirect" "a location header set before ctx.redirect is replaced, not doubled"

for how in crlf lf nul name space status status99 redirect; do
	: >"$T/fnpool.log.mark"
	r=$(http "/inject?how=$how")
	is "$(status "$r")" 500 "header injection ($how) -> 500"
	check "($how) no injected header reaches the client" \
	    test "$(grep -ci 'x-injected' "$T/headers")" = 0
	check "($how) the body is not sent" test "$(grep -c 'not sent' "$T/body")" = 0
done
check "the log says which header was refused" \
    grep -q "inject.js: bad response (request .*): header 'X-A': header value contains CR" "$T/fnpool.log"
check "the log names a bad header name" \
    grep -q "header 'Bad Name': header name is not an HTTP token" "$T/fnpool.log"
check "the log names a bad status" \
    grep -q "ctx.response.status is not a whole number from 100 to 599" "$T/fnpool.log"

# ---- errors ------------------------------------------------------------
r=$(http '/errors?kind=status')
id=$(header x-request-id)
is "$r" $'404\n{"error":"no such widget","requestId":"'"$id"'"}' "an Error with status 404 -> 404 with its message"
r=$(http '/errors?kind=statusCode')
is "$(status "$r")" 422 "statusCode works too"
r=$(http '/errors?kind=plain')
id=$(header x-request-id)
is "$r" $'500\n{"error":"Internal Server Error","requestId":"'"$id"'"}' "any other error -> 500 without details"
check "the log has the message and stack with file:line" \
    grep -q "errors.js: threw (request $id): Error: secret detail.*errors.js:12" "$T/fnpool.log"
r=$(http '/x/errors?kind=plain')
like "$(body "$r")" '^\{"error":"secret detail","stack":"Error: secret detail\\n\\tat .*errors.js:12.*","requestId":"[0-9a-f]{32}"\}$' \
    "expose_errors = on: message and stack in the body"
r=$(http '/x/errors?kind=string')
like "$r" $'^500\n\\{"error":"a thrown string",' "a thrown string -> 500"

# ---- CORS --------------------------------------------------------------
r=$(http -X OPTIONS -H 'Origin: https://app.example' \
    -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: content-type' /rest)
is "$(status "$r")" 204 "CORS preflight -> 204"
is "$(header access-control-allow-origin)" "https://app.example" "preflight: allowed origin echoed"
is "$(header access-control-allow-methods)" "GET, HEAD, POST, DELETE, OPTIONS" "preflight: methods"
is "$(header access-control-allow-headers)" "content-type" "preflight: headers"
is "$(header access-control-allow-credentials)" "true" "preflight: credentials"
is "$(header access-control-max-age)" "600" "preflight: max age"
r=$(http -H 'Origin: https://admin.example' '/rest?id=1')
is "$(header access-control-allow-origin)" "https://admin.example" "CORS headers on a normal request"
is "$(header vary)" "Origin" "with Vary: Origin"
r=$(http -X OPTIONS -H 'Origin: https://evil.example' \
    -H 'Access-Control-Request-Method: POST' /rest)
is "$(header access-control-allow-origin)" "" "an unlisted origin gets no CORS headers"
r=$(http -H 'Origin: https://app.example' /x/ctx)
is "$(header access-control-allow-origin)" "" "a pool without cors.origins sends none"

# ---- init hook ---------------------------------------------------------
http /init >/dev/null
r=$(http /init)
is "$r" $'200\n{"inits":1,"warm":"init:hello"}' "exports.init runs once per state, with functionName and env"
r=$(http /initfail)
id=$(header x-request-id)
is "$(status "$r")" 503 "a throwing init -> 503"
check "the log says why init failed" \
    grep -q "initfail.js: init threw, function unavailable (request $id): Error: cannot reach the database" "$T/fnpool.log"

# ---- request-scoped logging -------------------------------------------
: >"$T/ids"
pids=()
for i in $(seq 1 20); do
	curl -s --unix-socket "$T/nginx.sock" "http://fnpool.test/log?tag=t$i" \
	    >"$T/id.$i" &
	pids+=($!)
done
wait "${pids[@]}"
good=0
for i in $(seq 1 20); do
	id=$(tr -d '"' <"$T/id.$i")
	n=$(grep -c "pool=c function=log request=$id: " "$T/fnpool.log")
	grep -q "request=$id: tag t$i\$" "$T/fnpool.log" && [ "$n" = 3 ] && good=$((good + 1))
done
is "$good" 20 "20 concurrent requests: each has its 3 console lines, found by request id"
check "console lines carry time and level" \
    grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ \[warn\] c worker\[[0-9]+\]: pool=c function=log request=' "$T/fnpool.log"
check "objects print as JSON with cycles marked" \
    grep -q 'object {"name":"cyclic","list":\[1,2\],"self":"\[Circular\]"}' "$T/fnpool.log"
check "a newline stays on one log line" grep -q 'multi\\nline$' "$T/fnpool.log"
r=$(http '/log?long=1')
id=$(body "$r")
check "a long line is cut, and says how much was cut" \
    grep -qE "request=$id: x{4096} \[cut: 5904 more bytes\]\$" "$T/fnpool.log"
r=$(http '/log?nul=1')
id=$(body "$r")
check "NUL in a logged string is escaped, not cut" \
    grep -qF "request=$id: a\\x00b {\"k\":\"x\\u0000y\"}" "$T/fnpool.log"
