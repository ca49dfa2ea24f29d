#!/bin/bash
# X-Accel-* response headers: nginx acts on them (X-Accel-Redirect jumps
# to an internal location such as the status page), so a function may
# send them only where its pool says allow_x_accel = on.  Refused, they
# are a 500 with the reason in the log, like Status; contrib's
# fastcgi_ignore_headers is the second line of defence.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid

[refuse]
listen = $T/refuse.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/inject
prefix = /refuse
workers = 1

[allow]
listen = $T/allow.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/inject
prefix = /allow
workers = 1
allow_x_accel = on
INI
cat >"$T/server.conf" <<CONF
location /refuse/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/refuse.sock;
}
location /allow/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/allow.sock;
}
location /ignored/ {
	rewrite ^/ignored/(.*)\$ /allow/\$1 break;
	include /etc/nginx/fastcgi_params;
	fastcgi_ignore_headers X-Accel-Redirect X-Accel-Expires X-Accel-Limit-Rate X-Accel-Buffering X-Accel-Charset;
	fastcgi_pass unix:$T/allow.sock;
}
location /internal/ {
	internal;
	return 200 "internal location\n";
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/allow.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2

r=$(http "/refuse/accel?to=/internal/x")
like "$r" '^500' "refused by default: 500"
like "$r" '"error":"Internal Server Error"' "  with the usual error body"
id=$(header x-request-id)
check "  and the reason in the log, with the request id" wait_for 30 grep -q \
    "accel.js: bad response (request $id): header 'X-Accel-Redirect': X-Accel-\* headers are nginx's" \
    "$T/fnpool.log"
r=$(http "/refuse/accel?to=/internal/x")
like "$r" '^500' "refused again (the worker is fine)"

is "$(http "/allow/accel?to=/internal/x")" $'200\ninternal location' \
    "allow_x_accel = on: nginx follows it to the internal location"
is "$(http "/ignored/accel?to=/internal/x")" $'200\nnot redirected' \
    "fastcgi_ignore_headers: nginx ignores it even when the pool allows it"
