#!/bin/bash
# fnpool invoke: one request run locally, printed as an HTTP response,
# through the same limits, routing and replies as a request from nginx.
. "$(dirname "$0")/lib.sh"

CONTRACT="$SRCDIR/tests/fixtures/contract"
LIMITS="$SRCDIR/tests/fixtures/limits"

# inv ARGS...: runs `fnpool invoke ARGS`; sets out (stdout, CRs removed),
# err (stderr) and rc.  Every stderr is kept in invoke.log for the
# sanitizer check.
inv() {
	"$FNPOOL" invoke "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	out=$(tr -d '\r' <"$T/out")
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/invoke.log"
}

# hdr NAME: a header of the last response.
hdr() {
	printf '%s\n' "$out" | awk -v n="$(echo "$1" | tr A-Z a-z)" \
	    'BEGIN{FS=": "} /^$/ {exit} tolower($1)==n {print substr($0, length($1)+3); exit}'
}

# body: what follows the blank line.
body() { printf '%s\n' "$out" | sed '1,/^$/d'; }

# ---- answers ---------------------------------------------------------------

inv --functions "$FIXTURES" '/query?a=1&a=2&b=x+y'
is "$rc" 0 "200: exit status 0"
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 200 OK" "200: HTTP/1.1 status line"
is "$(hdr Content-Type)" "application/json" "200: Content-Type"
is "$(hdr Content-Length)" "$(body | tr -d '\n' | wc -c)" "200: Content-Length matches the body"
like "$(hdr X-Request-Id)" '^[0-9a-f]{32}$' "200: X-Request-Id"
is "$(body)" '{"a":["1","2"],"b":"x y"}' "200: body, query string parsed"
od -c "$T/out" | grep -q '\\r  \\n  \\r  \\n'
is "$?" 0 "headers end with CRLF CRLF, as on the wire"

inv --functions "$FIXTURES" /no/such/function
is "$rc" 0 "404: exit status 0 (a 4xx is an answer)"
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 404 Not Found" "404: status line"
is "$(body)" "{\"error\":\"Not Found\",\"requestId\":\"$(hdr X-Request-Id)\"}" \
    "404: JSON error with the request id"

inv --functions "$FIXTURES" /_private/secret
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 404 Not Found" "private paths are not routable"

inv --functions "$FIXTURES" /throws
id=$(hdr X-Request-Id)
is "$rc" 1 "500: exit status 1"
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 500 Internal Server Error" "500: status line"
is "$(body)" "{\"error\":\"Internal Server Error\",\"requestId\":\"$id\"}" \
    "500: JSON error with the request id"
like "$err" "throws.js: threw \\(request $id\\): Error: deliberate failure +at throws.js:2" \
    "500: the log line with the request id, file and line goes to stderr"
like "$out" '^HTTP' "500: stdout has only the response"

inv --functions "$CONTRACT" '/log?tag=seen'
id=$(hdr X-Request-Id)
like "$err" "function=log request=$id: tag seen" "console.log goes to stderr with the request id"
is "$(body)" "$id" "and the response to stdout"

inv --functions "$FIXTURES" -X HEAD /text
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 200 OK" "HEAD: 200"
is "$(hdr Content-Length)" "10" "HEAD: Content-Length of the GET body"
is "$(body)" "" "HEAD: no body"

# ---- requests: -X, -H, -d ------------------------------------------------

inv --functions "$CONTRACT" -X PUT -H 'X-Custom: one' -H 'x-custom:  two ' \
    -H 'Accept: text/html' -H 'Cookie: a=1' -H 'Cookie: b=2' '/ctx?k=v'
is "$rc" 0 "-H: 200"
like "$out" '"method":"PUT"' "-X sets the method"
like "$out" '"custom":"one, two"' "-H: a repeated header is joined, values trimmed"
like "$out" '"accept":"text/html"' "-H: Accept"
like "$out" '"cookies":\{"a":"1","b":"2"\}' "-H: repeated Cookie headers make one cookie list"
like "$out" '"host":"localhost"' "Host: localhost unless -H says otherwise"
like "$out" '"url":"/ctx\?k=v"' "ctx.url: the URL as given"
like "$out" '"path":"/ctx","url":"/ctx\?k=v","query":\{"k":"v"\}' "ctx.path and ctx.query from it"
like "$out" '"ip":"127.0.0.1"' "ctx.ip is the loopback address"

inv --functions "$CONTRACT" -H 'X-Request-Id: trace-42' /ctx
is "$(hdr X-Request-Id)" "trace-42" "a sane X-Request-Id is kept"

inv --functions "$FIXTURES" -H 'Content-Type: text/plain' -d 'hello there' /body
is "$(body)" '{"body":"hello there","length":11,"type":"text/plain"}' \
    "-d DATA: POST with the body"

inv --functions "$FIXTURES" -d 'a=1' -d 'b=2' /body
is "$(body)" '{"body":{"a":"1","b":"2"},"length":7,"type":"application/x-www-form-urlencoded"}' \
    "-d twice: joined with '&', form type by default (as curl)"

printf 'a\000b\377c\n' >"$T/bytes.bin"
inv --functions "$CONTRACT" -H 'Content-Type: application/octet-stream' \
    -d "@$T/bytes.bin" /body
like "$out" '"rawLength":6' "-d @FILE: every byte of the file, NUL and newline included"

printf '{"x":[1,2]}' >"$T/body.json"
"$FNPOOL" invoke --functions "$FIXTURES" -H 'Content-Type: application/json' \
    -d @- /body <"$T/body.json" 2>>"$T/invoke.log" | tr -d '\r' >"$T/out"
is "$(sed '1,/^$/d' "$T/out")" '{"body":{"x":[1,2]},"length":11,"type":"application/json"}' \
    "-d @-: the body from stdin"

inv --functions "$FIXTURES" -X GET -d 'ignored=no' /body
like "$out" '"length":10' "-X GET with -d sends the body with GET"

inv --functions "$FIXTURES" -H 'Content-Type: application/json' -d '{"x":' /body
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 400 Bad Request" "malformed JSON: 400 as from nginx"
is "$rc" 0 "and exit status 0"

# ---- the pool's settings: -c, -p, prefix, limits -------------------------

cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[first]
listen = $T/first.sock
functions = $CONTRACT
$RUN_AS

[tight]
listen = $T/tight.sock
functions = $FIXTURES
prefix = /fn
max_body_size = 10
max_query_params = 2
env.GREETING = hi
$RUN_AS

[slow]
listen = $T/slow.sock
functions = $LIMITS
request_timeout = 500ms
$RUN_AS
INI

inv -c "$T/fnpool.ini" /ctx
like "$out" '"functionName":"ctx"' "-c without -p: the first pool"

inv -c "$T/fnpool.ini" -p tight /fn/env
is "$(body)" '{"GREETING":"hi"}' "-p: the pool's env and prefix"
inv -c "$T/fnpool.ini" -p tight /env
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 404 Not Found" "a path outside the prefix: 404"

inv -c "$T/fnpool.ini" -p tight -d '12345678901' /fn/body
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 413 Content Too Large" "max_body_size: 413"
inv -c "$T/fnpool.ini" -p tight -d '1234567890' /fn/body
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 200 OK" "a body at max_body_size passes"
inv -c "$T/fnpool.ini" -p tight '/fn/query?a=1&b=2&c=3'
is "$(body)" "{\"error\":\"more than 2 query parameters\",\"requestId\":\"$(hdr X-Request-Id)\"}" \
    "max_query_params: 400 with the limit named"

inv -c "$T/fnpool.ini" -p tight --functions "$CONTRACT" /fn/ctx
like "$out" '"functionName":"ctx"' "--functions overrides the pool's functions, keeps its prefix"

start=$(date +%s%N)
inv -c "$T/fnpool.ini" -p slow /loop
ms=$((($(date +%s%N) - start) / 1000000))
id=$(hdr X-Request-Id)
is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 504 Gateway Timeout" "request_timeout: 504"
is "$rc" 1 "504: exit status 1"
is "$(body)" "{\"error\":\"Gateway Timeout: the function ran longer than request_timeout (500 ms)\",\"requestId\":\"$id\"}" \
    "504: the JSON error with the request id"
like "$err" "loop.js: request $id timed out after [0-9]+ ms" "504: the log line goes to stderr"
check "504 within request_timeout + 1.5 s (took $ms ms)" test "$ms" -lt 2000

inv -c "$T/fnpool.ini" -p slow -H 'X-Request-Id: abc' /loop
is "$(body)" '{"error":"Gateway Timeout: the function ran longer than request_timeout (500 ms)","requestId":"abc"}' \
    "504 with a client's short X-Request-Id"
is "$(hdr Content-Length)" "$(body | wc -c)" "and a Content-Length that fits it"

# As root, the request runs as the pool's user, as in a worker.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$T/own"
	echo '{"secret":42}' >"$T/own/secret.json"
	chmod 600 "$T/own/secret.json"
	echo 'module.exports = function () { return require("./secret.json"); };' >"$T/own/reads.js"
	for u in root nobody; do
		printf '[p]\nlisten = %s/p.sock\nfunctions = %s/own\nuser = %s\n' "$T" "$T" "$u" >"$T/$u.ini"
	done
	inv -c "$T/root.ini" /reads
	is "$(body)" '{"secret":42}' "user = root: reads a file only root may read"
	inv -c "$T/nobody.ini" /reads
	is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 500 Internal Server Error" \
	    "user = nobody: the same request is refused the file"
	like "$err" "cannot read module 'secret.json': Permission denied" "and the log says why"
else
	ok "# SKIP running as the pool's user needs root and the nobody account"
fi

# A request whose process dies: a 502, as a web server would say.
"$FNPOOL" invoke --functions "$LIMITS" /loop >"$T/out" 2>>"$T/invoke.log" &
ipid=$!
child() { pgrep -P "$ipid" >/dev/null; }
if wait_for 50 child; then
	kill -KILL "$(pgrep -P "$ipid")"
	wait "$ipid"
	rc=$?
	out=$(tr -d '\r' <"$T/out")
	is "$(printf '%s\n' "$out" | head -1)" "HTTP/1.1 502 Bad Gateway" "a killed request: 502"
	like "$out" '"error":"Bad Gateway: the request.s process was killed by signal 9' \
	    "which says why, with the request id"
	is "$rc" 1 "502: exit status 1"
else
	not_ok "the request's process starts"
	kill "$ipid"
fi

# ./functions by default.
mkdir -p "$T/app/functions"
echo 'module.exports = function () { return "from ./functions"; };' >"$T/app/functions/here.js"
out=$(cd "$T/app" && "$FNPOOL" invoke /here 2>>"$T/invoke.log" | tr -d '\r')
is "$(body)" "from ./functions" "./functions without --functions or -c"

# ---- usage errors: exit 2 with a clear message ----------------------------

usage_err() {	# DESCRIPTION REGEX ARGS...
	local desc=$1 re=$2; shift 2
	inv "$@"
	is "$rc" 2 "usage: $desc: exit status 2"
	like "$err" "$re" "usage: $desc: says why"
	is "$out" "" "usage: $desc: prints no response"
}
usage_err "no PATH" "expected one PATH" --functions "$FIXTURES"
usage_err "two PATHs" "expected one PATH" --functions "$FIXTURES" /a /b
usage_err "PATH without /" "PATH 'hello' must start with '/'" --functions "$FIXTURES" hello
usage_err "space in PATH" "percent-encode" --functions "$FIXTURES" '/a b'
usage_err "-H without a colon" "-H 'X-Nothing': expected 'Name: value'" \
    --functions "$FIXTURES" -H 'X-Nothing' /text
usage_err "-H with a bad name" "'Bad Name' is not a header name" \
    --functions "$FIXTURES" -H 'Bad Name: x' /text
usage_err "-H Content-Length" "Content-Length': set from the body" \
    --functions "$FIXTURES" -H 'Content-Length: 5' /text
usage_err "-X not a token" "-X 'GE T'" --functions "$FIXTURES" -X 'GE T' /text
usage_err "-d @missing" "-d @$T/missing: No such file or directory" \
    --functions "$FIXTURES" -d "@$T/missing" /text
usage_err "--functions missing" "functions root $T/none: No such file or directory" \
    --functions "$T/none" /text
usage_err "--functions a file" "functions root $T/bytes.bin: not a directory" \
    --functions "$T/bytes.bin" /text
usage_err "-p without -c" "-p POOL needs -c FILE" --functions "$FIXTURES" -p x /text
usage_err "unknown option" "unrecognized option|invalid option" \
    --functions "$FIXTURES" --frobnicate /text

# ---- --env and --env-file: ctx.env without an ini file -------------------

inv --functions "$FIXTURES" --env JWT_SECRET=s3cret --env EMPTY= /env
is "$(body)" '{"JWT_SECRET":"s3cret","EMPTY":""}' "--env NAME=VALUE reaches ctx.env"
printf '# local secrets\nexport JWT_SECRET="from file"\nOTHER=x # note\n' >"$T/.env"
inv --functions "$FIXTURES" --env-file "$T/.env" --env OTHER=flag /env
is "$(body)" '{"JWT_SECRET":"from file","OTHER":"flag"}' \
    "--env-file, and a later --env over it"
inv -c "$T/fnpool.ini" -p tight --env GREETING=cli --env NEW=1 /fn/env
is "$(body)" '{"GREETING":"cli","NEW":"1"}' "--env over the pool's env.NAME keys"
usage_err "--env without =" "--env 'JWT': expected NAME=VALUE" \
    --functions "$FIXTURES" --env JWT /env
printf 'A=1\nB="open\n' >"$T/bad.env"
usage_err "--env-file with an error" "--env-file $T/bad.env:2: the value's double quote is never closed" \
    --functions "$FIXTURES" --env-file "$T/bad.env" /env
usage_err "--env-file missing" "--env-file $T/none.env: No such file or directory" \
    --functions "$FIXTURES" --env-file "$T/none.env" /env

# ---- configuration errors: exit 1, file:line ------------------------------

printf '[x]\nlisten = %s/x.sock\nfunctions = %s\nbogus = 1\n%s\n' "$T" "$FIXTURES" \
    "$RUN_AS" >"$T/bad.ini"
inv -c "$T/bad.ini" /text
is "$rc" 1 "an invalid configuration: exit status 1"
like "$err" "bad.ini:4: unknown key 'bogus'" "and the error names file:line"
inv -c "$T/fnpool.ini" -p nope /text
is "$rc" 1 "no such pool: exit status 1"
like "$err" "no pool named 'nope'" "and says so"
