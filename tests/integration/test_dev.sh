#!/bin/bash
# fnpool dev: the development HTTP server, with curl on loopback.  Routes,
# bodies (chunked too), 404 and 500 with its trace, a changed file picked
# up, HEAD, keep-alive, --env and --env-file, a malformed request, the
# command line's errors, and SIGTERM/SIGINT stopping it.
. "$(dirname "$0")/lib.sh"

DEV_PID=
FN="$T/fn"
mkdir -p "$FN/api"
cp "$FIXTURES/body.js" "$FIXTURES/env.js" "$FIXTURES/throws.js" \
    "$FIXTURES/counter.js" "$FN/"
cat >"$FN/api/[id].js" <<'JS'
module.exports = function (ctx) {
  return { id: ctx.params.id, method: ctx.method, q: ctx.query.q };
};
JS
echo 'module.exports = function () { return { version: 1 }; };' >"$FN/version.js"
echo 'module.exports = function () { for (;;) {} };' >"$FN/loop.js"

# dev_start ARGS...: starts fnpool dev on a free port (--listen 0) and
# waits for its start line; URL is where it serves.
dev_start() {
	: >"$T/dev.log"
	"$FNPOOL" dev --listen 127.0.0.1:0 "$@" >"$T/dev.out" 2>>"$T/dev.log" &
	DEV_PID=$!
	wait_for 100 grep -q 'serving .* on http://' "$T/dev.log"
	URL=$(sed -n 's|.* on \(http://[^ ]*/\)$|\1|p' "$T/dev.log" | head -1)
	URL=${URL%/}
}

dev_stop() {	# SIGNAL: sends it and waits; DEV_RC is the exit status
	[ -n "$DEV_PID" ] || return 0
	kill -"$1" "$DEV_PID" 2>/dev/null
	wait "$DEV_PID" 2>/dev/null
	DEV_RC=$?
	DEV_PID=
}
trap 'dev_stop KILL; cleanup' EXIT

# get [CURL ARGS...] PATH: "STATUS" then the body; headers in $T/headers.
get() {
	local path=${*: -1}
	set -- "${@:1:$#-1}"
	curl -sS --max-time 10 -D "$T/headers" -o "$T/body" -w '%{http_code}' \
	    "$@" "$URL$path"
	echo
	cat "$T/body"
}

# raw TEXT: sends TEXT (printf escapes) on a new connection; prints the
# first line of what comes back.
raw() {
	(
		trap '' PIPE
		exec 3<>"/dev/tcp/127.0.0.1/${URL##*:}" || exit 1
		printf "$1" >&3
		timeout 5 head -1 <&3 | tr -d '\r'
	)
}

dev_start --functions "$FN" --env FROM_FLAG=flag --env-file /dev/null
like "$URL" '^http://127\.0\.0\.1:[0-9]+$' "it says where it listens"
like "$(head -2 "$T/dev.log")" "not for production" \
    "its start line says it is for development"
check "it listens on loopback without a warning" \
    sh -c "! grep -q 'other machines' '$T/dev.log'"

# ---- routes and bodies ------------------------------------------------------

is "$(get '/api/42?q=x')" $'200\n{"id":"42","method":"GET","q":"x"}' \
    "a route with a parameter and a query"
like "$(header X-Request-Id)" '^[0-9a-f]{32}$' "each response has an X-Request-Id"
like "$(tr -d '\r' <"$T/dev.log" | grep '^GET /api/42?q=x 200 ')" \
    "^GET /api/42\?q=x 200 [0-9.]+ ms $(header X-Request-Id)\$" \
    "one log line: method, target, status, duration, request id"
check "no colour when stderr is not a terminal" \
    sh -c "! grep -q \$'\\033' '$T/dev.log'"
is "$(get -d 'a=1&b=two' /body)" \
    $'200\n{"body":{"a":"1","b":"two"},"length":9,"type":"application/x-www-form-urlencoded"}' \
    "a form body"
is "$(get -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
    --data-binary '{"chunked":true}' /body)" \
    $'200\n{"body":{"chunked":true},"length":16,"type":"application/json"}' \
    "a chunked request body arrives whole"
head -c 300000 /dev/zero | tr '\0' 'x' >"$T/big"
is "$(get -H 'Content-Type: text/plain' --data-binary @"$T/big" /body |
    sed -n 's/.*"length":\([0-9]*\).*/\1/p')" 300000 "a 300 kB body arrives whole"

# ---- errors -----------------------------------------------------------------

is "$(get /nope | head -1)" 404 "an unknown path: 404"
like "$(cat "$T/body")" '"error":"Not Found"' "  with fnpool's JSON error"
is "$(get /throws | head -1)" 500 "a function that throws: 500"
like "$(cat "$T/body")" '"stack":"Error: deliberate failure.*throws\.js:2' \
    "  with the trace in the response (expose_errors is on)"
like "$(cat "$T/dev.log")" 'throws\.js: threw .*deliberate failure' \
    "  and the function's error in the log"

# ---- env ----------------------------------------------------------------------

is "$(get /env)" $'200\n{"FROM_FLAG":"flag"}' "--env reaches ctx.env"

# ---- a changed file is picked up -----------------------------------------------

is "$(get /version)" $'200\n{"version":1}' "a function before it changes"
echo 'module.exports = function () { return { version: 2 }; };' >"$FN/version.js"
is "$(get /version)" $'200\n{"version":2}' "the next request runs the changed file"
echo 'module.exports = function () { return "new"; };' >"$FN/added.js"
is "$(get /added)" $'200\nnew' "a file added is routed at once"
rm "$FN/added.js"
is "$(get /added | head -1)" 404 "a file removed is gone at once"

# ---- HEAD, keep-alive ------------------------------------------------------------

# raw_all TEXT: like raw, but prints the whole answer (the server closes).
raw_all() {
	(
		trap '' PIPE
		exec 3<>"/dev/tcp/127.0.0.1/${URL##*:}" || exit 1
		printf "$1" >&3
		timeout 5 cat <&3
	)
}
get /version >/dev/null
length=$(header Content-Length)
raw_all 'HEAD /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >"$T/head.txt"
is "$(head -1 "$T/head.txt" | tr -d '\r')" "HTTP/1.1 200 OK" "HEAD: 200"
is "$(tr -d '\r' <"$T/head.txt" | sed -n 's/^Content-Length: //p')" "$length" \
    "HEAD: the Content-Length a GET has ($length)"
is "$(tail -c 4 "$T/head.txt" | od -An -c | tr -d ' ')" '\r\n\r\n' \
    "HEAD: nothing after the headers"
curl -sS --max-time 10 -v -o /dev/null -o /dev/null "$URL/api/1" "$URL/api/2" \
    2>"$T/curl-keepalive.txt"
check "keep-alive: two requests on one connection" \
    grep -q 'Re-using existing connection' "$T/curl-keepalive.txt"
is "$(grep -c '^< HTTP/1.1 200' "$T/curl-keepalive.txt")" 2 "keep-alive: both answered"

# ---- malformed requests get libmicrohttpd's 400 ------------------------------------

is "$(raw 'GET / FOO/1.1\r\nHost: x\r\n\r\n')" "HTTP/1.1 400 Bad Request" \
    "a malformed request line: 400"
is "$(raw 'GET /api/1 HTTP/1.1\r\n\r\n')" "HTTP/1.1 400 Bad Request" \
    "HTTP/1.1 without Host: 400"
is "$(raw 'GET /api/1 HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n')" \
    "HTTP/1.1 400 Bad Request" "a header line without a colon: 400"
is "$(get /api/3 | head -1)" 200 "and the server goes on serving"

# ---- stopping -------------------------------------------------------------------

dev_stop TERM
is "$DEV_RC" 0 "SIGTERM stops it with exit status 0"
like "$(tail -1 "$T/dev.log")" "stopping" "  and it says so"
check "  and the port is closed" sh -c "! (exec 3<>/dev/tcp/127.0.0.1/${URL##*:}) 2>/dev/null"

printf '# dotenv\nexport SECRET="s p a c e"\nPLAIN=v # note\n' >"$T/.env"
dev_start --functions "$FN" --env-file "$T/.env" --env PLAIN=flag
is "$(get /env)" $'200\n{"SECRET":"s p a c e","PLAIN":"flag"}' \
    "--env-file, with --env given after it winning"
dev_stop INT
is "$DEV_RC" 0 "SIGINT (Ctrl-C) stops it too"

printf '[p]\nlisten = %s/p.sock\nfunctions = %s\nenv.FROM_INI = ini\nenv.PLAIN = ini\n%s\n' \
    "$T" "$FN" "$RUN_AS" >"$T/dev.ini"
printf 'max_body_size = 100\nrequest_timeout = 300ms\n' >>"$T/dev.ini"
dev_start -c "$T/dev.ini" --env PLAIN=flag
is "$(get /env)" $'200\n{"FROM_INI":"ini","PLAIN":"flag"}' \
    "-c FILE: the pool's env, --env over it"
is "$(get -H 'Content-Type: text/plain' --data-binary "$(head -c 101 "$T/big")" /body | head -1)" \
    413 "-c FILE: the pool's max_body_size: 413"
is "$(get -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' \
    --data-binary "$(head -c 101 "$T/big")" /body | head -1)" \
    413 "  for a chunked body too"
is "$(get /loop | head -1)" 504 "-c FILE: the pool's request_timeout: 504"
like "$(cat "$T/dev.log")" "GET /loop 504 " "  logged"
is "$(get /env | head -1)" 200 "  and the next request is served"
dev_stop TERM

# Reachable from other machines: served, with a warning.
dev_start --functions "$FN" --listen 0.0.0.0:0
like "$(cat "$T/dev.log")" "warning: http://0\.0\.0\.0:[0-9]+/ can be reached from other machines" \
    "a non-loopback --listen is warned about"
URL="http://127.0.0.1:${URL##*:}"
is "$(get /version | head -1)" 200 "  and served"
dev_stop TERM

# ---- the command line's errors ----------------------------------------------------

# bad ARGS...: fnpool dev ARGS must fail at once; rc and err are set.
bad() {
	timeout 10 "$FNPOOL" dev "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/dev-errors.log"
}
bad --functions "$T/none"
is "$rc" 2 "a missing functions directory: exit status 2"
like "$err" "fnpool dev: functions root $T/none: No such file or directory" "  and says why"
bad --functions "$FN" extra
is "$rc" 2 "an unexpected argument: exit status 2"
like "$err" "unexpected argument 'extra'" "  and says why"
bad --functions "$FN" -p x
like "$err" "-p POOL needs -c FILE" "-p without -c is refused"
bad --functions "$FN" --env NOEQUALS
is "$rc" 2 "--env without '=': exit status 2"
like "$err" "fnpool dev: --env 'NOEQUALS': expected NAME=VALUE" "  and says why"
printf 'GOOD=1\nBAD LINE\n' >"$T/bad.env"
bad --functions "$FN" --env-file "$T/bad.env"
is "$rc" 2 "a broken --env-file: exit status 2"
like "$err" "fnpool dev: --env-file $T/bad.env:2: expected '=' after the name 'BAD'" \
    "  names file:line"
bad --functions "$FN" --env-file "$T/missing.env"
like "$err" "--env-file $T/missing.env: No such file or directory" "a missing --env-file"
bad --functions "$FN" --listen nonsense
is "$rc" 1 "a --listen that is no address: exit status 1"
like "$err" "--listen nonsense: expected HOST:PORT or PORT" "  and says why"
port=$(free_port)
"$FNPOOL" dev --functions "$FN" --listen "127.0.0.1:$port" >/dev/null 2>"$T/first.log" &
first=$!
wait_for 100 grep -q 'serving' "$T/first.log"
bad --functions "$FN" --listen "127.0.0.1:$port"
is "$rc" 1 "a port in use: exit status 1"
like "$err" "--listen 127.0.0.1:$port: Address already in use" "  and says why"
kill -TERM "$first"
wait "$first"
