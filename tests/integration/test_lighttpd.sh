#!/bin/bash
# contrib/lighttpd-fnpool.conf with a real lighttpd (mod_fastcgi).
. "$(dirname "$0")/lib.sh"

LIGHTTPD=${LIGHTTPD:-/usr/sbin/lighttpd}
[ -x "$LIGHTTPD" ] || skip_all "lighttpd not installed: apt-get install lighttpd"

port=$(free_port) || skip_all "no free TCP port on 127.0.0.1"
fnpool_fixtures_config /fn
sed "s|/run/fnpool/www.sock|$T/fnpool.sock|" "$SRCDIR/contrib/lighttpd-fnpool.conf" \
    >"$T/fnpool-lighttpd.conf"
user=""
if [ "$(id -u)" = 0 ]; then
	user=$'server.username = "www-data"\nserver.groupname = "www-data"'
	# lighttpd opens its error log after dropping privileges
	touch "$T/lighttpd-error.log"
	chown www-data "$T/lighttpd-error.log"
fi
cat >"$T/lighttpd.conf" <<CONF
server.document-root = "$T"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$T/lighttpd-error.log"
$user
include "$T/fnpool-lighttpd.conf"
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
"$LIGHTTPD" -D -f "$T/lighttpd.conf" >>"$T/lighttpd-error.log" 2>&1 &
LIGHTTPD_PID=$!
check "lighttpd starts with the contrib config" wait_for 50 port_open "$port"
web_server_checks "http://127.0.0.1:$port/fn" lighttpd
kill "$LIGHTTPD_PID"
wait "$LIGHTTPD_PID" 2>/dev/null
