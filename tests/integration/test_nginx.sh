#!/bin/bash
# fnpool behind a real nginx: the function contract end to end.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

owner=""
if [ "$(id -u)" = 0 ]; then
	# As root, prove that nginx's unprivileged workers can use the socket.
	owner="listen.owner = www-data
listen.group = www-data"
fi

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[fixtures]
listen = $T/fnpool.sock
$owner
listen.mode = 0660
functions = $FIXTURES
workers = 1
$RUN_AS
env.GREETING = hello

[examples]
listen = $T/examples.sock
$owner
functions = $SRCDIR/functions
prefix = /fn/
workers = 2
$RUN_AS
INI
cat >"$T/http.conf" <<CONF
upstream fnpool_kept {
	server unix:$T/examples.sock;
	keepalive 8;
}
CONF
cat >"$T/server.conf" <<CONF
location /kept/ {
	rewrite ^/kept/(.*)$ /fn/\$1 break;
	include /etc/nginx/fastcgi_params;
	fastcgi_keep_conn on;
	fastcgi_pass fnpool_kept;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
location /fn/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/examples.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/examples.sock"
check "nginx starts" nginx_start
if [ "$(id -u)" = 0 ]; then
	is "$(stat -c '%U:%G %a' "$T/fnpool.sock")" "www-data:www-data 660" \
	    "socket owner, group and mode from listen.*"
fi

r=$(http /json)
is "$r" $'200\n{"ok":true,"method":"GET","path":"/json"}' "JSON function"
is "$(header content-type)" "application/json" "JSON content type"
like "$(header x-request-id)" '^[0-9a-f]{32}$' "X-Request-Id on a 200"

r=$(http /text)
is "$r" $'200\nplain text' "text function"
is "$(header content-type)" "text/plain; charset=utf-8" "text content type"

r=$(http /empty)
is "$r" "204" "undefined -> 204 with no body"

r=$(http /api/users)
is "$r" $'200\n[{"id":1,"name":"Ada"},{"id":2,"name":"Grace"}]' "nested path"

r=$(http /missing)
like "$r" $'^404\n\\{"error":"Not Found","requestId":"[0-9a-f]{32}"\\}$' "unknown function -> 404 JSON"
is "$(header content-type)" "application/json" "404 is JSON"
r=$(http /_private/secret)
is "${r%%$'\n'*}" "404" "_private is not routable"
r=$(http /json.js)
is "${r%%$'\n'*}" "404" "the file name itself is not a route"

r=$(http /throws)
id=$(header x-request-id)
is "$r" "500"$'\n''{"error":"Internal Server Error","requestId":"'"$id"'"}' \
    "throwing function -> 500 JSON with the request id"
check "the log names the file and line of the throw" \
    grep -q "throws.js.*deliberate failure.*throws.js:2" "$T/fnpool.log"
check "the log line carries the request id" grep -q "request $id" "$T/fnpool.log"
r=$(http /json)
is "${r%%$'\n'*}" "200" "the worker serves the next request after a throw"

r=$(http /syntax)
is "${r%%$'\n'*}" "500" "syntax error -> 500"
check "the log names the file and line of the syntax error" \
    grep -q "syntax.js:2" "$T/fnpool.log"
r=$(http /json)
is "${r%%$'\n'*}" "200" "the worker serves the next request after a syntax error"

r=$(http '/query?a=1&b=two+words&a=2&c=%C3%A9')
is "$r" $'200\n{"a":["1","2"],"b":"two words","c":"\xc3\xa9"}' "query string parsed"

r=$(http -X POST -H 'Content-Type: application/octet-stream' --data-binary 'raw body bytes' /body)
is "$r" $'200\n{"body":"raw body bytes","length":14,"type":"application/octet-stream"}' "POST body"
head -c 300000 /dev/zero | tr '\0' 'x' >"$T/big"
r=$(http -X POST --data-binary @"$T/big" /body)
like "$r" '"length":300000' "a 300 KB body arrives whole"

r=$(http /reqid)
is "${r#*$'\n'}" "$(header x-request-id)" "ctx.requestId matches X-Request-Id"

r=$(http /env)
is "$r" $'200\n{"GREETING":"hello"}' "ctx.env from env.* settings"

http /counter >/dev/null
http /counter >/dev/null
r=$(http /counter)
is "$r" $'200\n{"loads":1,"calls":3}' "module-level code runs once per worker"

r=$(http -I /text)
is "$(head -n1 <<<"$r")" "200" "HEAD answers"
check "HEAD sends no body" test "$(grep -c 'plain text' "$T/body")" = 0

# The example functions, through the /fn/ prefix on a second pool.
r=$(http '/fn/hello?name=Ada')
is "$r" $'200\n{"message":"Hello, Ada!"}' "example hello through a /fn/ prefix"
r=$(http -X POST -H 'Content-Type: application/json' -d '{"x":[1,2]}' '/fn/echo?k=v')
is "$r" $'200\n{"method":"POST","query":{"k":"v"},"contentType":"application/json","body":{"x":[1,2]}}' "example echo"
r=$(http /fn/counter)
like "$r" $'^200\n\\{"count":1,' "example counter"
r=$(http /fn/)
like "$r" $'^200\nfnpool is running' "example index at the prefix root"

# Many requests at once are all answered.
pids=()
for i in $(seq 1 40); do
	curl -s -o /dev/null -w '%{http_code}\n' --unix-socket "$T/nginx.sock" \
	    "http://fnpool.test/fn/hello?name=$i" >>"$T/codes" &
	pids+=($!)
done
wait "${pids[@]}"
is "$(sort "$T/codes" | uniq -c | awk '{print $1, $2}')" "40 200" \
    "40 concurrent requests all succeed"

# Responses around libfcgi's 8 KB buffer and FastCGI's 64 KB records
# (worker.c writes large ones itself), and one of several writes.
for n in 8192 8193 65528 65529 1500000; do
	curl -s --max-time 10 --unix-socket "$T/nginx.sock" \
	    "http://fnpool.test/large?n=$n" >"$T/large"
	want=$(yes 0123456789 | tr -d '\n' | head -c "$n" | md5sum)
	is "$(wc -c <"$T/large") $(md5sum <"$T/large")" "$n $want" "a $n-byte response arrives whole"
done

# nginx keeps FastCGI connections open (fastcgi_keep_conn, upstream
# keepalive 8 > 2 workers): idle kept connections must not stop the
# workers from serving new ones.
pids=()
: >"$T/codes"
for i in $(seq 1 60); do
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 --unix-socket "$T/nginx.sock" \
	    "http://fnpool.test/kept/hello?name=$i" >>"$T/codes" &
	pids+=($!)
	if [ $((i % 20)) = 0 ]; then
		wait "${pids[@]}"
		pids=()
	fi
done
is "$(sort "$T/codes" | uniq -c | awk '{print $1, $2}')" "60 200" \
    "60 requests over kept-alive FastCGI connections all succeed"
r=$(http '/kept/hello?name=kept')
is "$r" $'200\n{"message":"Hello, kept!"}' "a kept connection serves the right function"
