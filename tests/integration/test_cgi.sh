#!/bin/bash
# `fnpool worker` as a plain CGI program: fd 0 is a pipe, not a socket.
. "$(dirname "$0")/lib.sh"

cgi() {
	local method=$1 uri=$2 body=${3:-}
	printf '%s' "$body" | env -i GATEWAY_INTERFACE=CGI/1.1 \
	    REQUEST_METHOD="$method" SCRIPT_NAME="${uri%%\?*}" \
	    QUERY_STRING="$(case $uri in *\?*) echo "${uri#*\?}";; esac)" \
	    REQUEST_URI="$uri" CONTENT_LENGTH="${#body}" \
	    CONTENT_TYPE=text/plain \
	    "$FNPOOL" worker --functions "$FIXTURES" 2>>"$T/fnpool.log" | tr -d '\r'
}

out=$(cgi GET '/json')
like "$out" $'^Status: 200 OK\n' "CGI: status line"
like "$out" $'Content-Type: application/json\n' "CGI: content type"
like "$out" $'\n\n\\{"ok":true,"method":"GET","path":"/json"\\}$' "CGI: body"

out=$(cgi POST '/body' 'hello cgi')
like "$out" '"body":"hello cgi","length":9' "CGI: request body from stdin"

out=$(cgi GET '/query?x=1&x=2')
like "$out" '\{"x":\["1","2"\]\}$' "CGI: query string"

out=$(cgi GET '/missing')
like "$out" $'^Status: 404 Not Found\n' "CGI: 404"

out=$(cgi GET '/throws')
like "$out" $'^Status: 500 Internal Server Error\n' "CGI: 500"

# A plain CGI start (no arguments, GATEWAY_INTERFACE set) uses FNPOOL_FUNCTIONS.
out=$(printf '' | env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
    SCRIPT_NAME=/text FNPOOL_FUNCTIONS="$FIXTURES" "$FNPOOL" | tr -d '\r')
like "$out" $'\n\nplain text$' "CGI: started with no arguments"

# A body shorter than its CONTENT_LENGTH is a 400, not a hang or a crash.
out=$(printf 'abc' | env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST \
    SCRIPT_NAME=/body CONTENT_LENGTH=10 "$FNPOOL" worker --functions "$FIXTURES" |
    tr -d '\r')
like "$out" $'^Status: 400 ' "CGI: truncated body -> 400"

# CONTENT_LENGTH is a number, and the body is exactly that many bytes.
out=$(printf 'abc' | env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST \
    SCRIPT_NAME=/body CONTENT_LENGTH=3x "$FNPOOL" worker --functions "$FIXTURES" |
    tr -d '\r')
like "$out" $'^Status: 400 Bad Request\n.*"error":"Bad Content-Length"' "CGI: CONTENT_LENGTH 3x -> 400"
out=$(printf 'abcdef' | env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST \
    SCRIPT_NAME=/body CONTENT_LENGTH=3 CONTENT_TYPE=text/plain \
    "$FNPOOL" worker --functions "$FIXTURES" | tr -d '\r')
like "$out" '"body":"abc","length":3' "CGI: bytes past CONTENT_LENGTH are not the body"

# request_timeout applies to a CGI request too: a complete 504.
cat >"$T/slow.ini" <<INI
[slow]
listen = $T/unused.sock
functions = $SRCDIR/tests/fixtures/limits
request_timeout = 300ms
$RUN_AS
INI
out=$(printf '' | env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
    SCRIPT_NAME=/loop "$FNPOOL" worker -c "$T/slow.ini" 2>>"$T/fnpool.log" |
    tr -d '\r')
like "$out" $'^Status: 504 Gateway Timeout\n' "CGI: request_timeout answers 504"
like "$out" '"error":"Gateway Timeout: the function ran longer than request_timeout \(300 ms\)"' \
    "CGI: with the JSON body"
check "CGI: the timeout is logged" grep -q "loop.js: request .* timed out after" "$T/fnpool.log"
