#!/bin/bash
# contrib/nginx-fnpool.conf with a real nginx.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

fnpool_fixtures_config /
cat >>"$T/fnpool.ini" <<INI
status.listen = $T/fnpool-status.sock
status.path = /_/status
ping.path = /_/ping
metrics.path = /_/metrics
INI
# The contrib server block, pointed at this test's sockets.
sed -e "s|/run/fnpool/www.sock|$T/fnpool.sock|" \
    -e "s|/run/fnpool/www-status.sock|$T/fnpool-status.sock|" \
    -e "s|listen 127.0.0.1:8080;|listen unix:$T/nginx.sock;|" \
    -e "s|include fastcgi_params;|include /etc/nginx/fastcgi_params;|" \
    "$SRCDIR/contrib/nginx-fnpool.conf" >"$T/http.conf"
: >"$T/server.conf"
# nginx_start adds a server block of its own: move it to another socket,
# so that requests to $T/nginx.sock reach the contrib block.

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
NGINX_SOCK=$T/other.sock
check "nginx starts with the contrib server block" nginx_start
web_server_checks_unix() {
	local r
	r=$(http /api/users)
	is "$r" $'200\n[{"id":1,"name":"Ada"},{"id":2,"name":"Grace"}]' "nginx: 200 from a nested function"
	r=$(http /no/such/function)
	is "${r%%$'\n'*}" "404" "nginx: 404 for a missing function"
	r=$(http -H 'Content-Type: text/plain' --data-binary 'posted through' /body)
	is "$r" $'200\n{"body":"posted through","length":14,"type":"text/plain"}' "nginx: POST body"
}
web_server_checks_unix
r=$(http /_/ping)
is "$r" $'200\nok' "nginx: /_/ping reaches the master's status socket"
r=$(http /_/status)
like "$r" '"pool":"fixtures"' "nginx: /_/status"
r=$(http /_/metrics)
like "$r" 'fnpool_up\{pool="fixtures"\} 1' "nginx: /_/metrics"
