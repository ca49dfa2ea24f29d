#!/bin/bash
# contrib/apache-fnpool.conf with a real Apache 2.4 (mod_proxy_fcgi).
. "$(dirname "$0")/lib.sh"

APACHE=${APACHE:-/usr/sbin/apache2}
MODULES=/usr/lib/apache2/modules
[ -x "$APACHE" ] || skip_all "apache2 not installed: apt-get install apache2"
[ -f "$MODULES/mod_proxy_fcgi.so" ] || skip_all "mod_proxy_fcgi missing"

port=$(free_port) || skip_all "no free TCP port on 127.0.0.1"
fnpool_fixtures_config /fn
sed "s|/run/fnpool/www.sock|$T/fnpool.sock|" "$SRCDIR/contrib/apache-fnpool.conf" \
    >"$T/fnpool-apache.conf"
user=""
[ "$(id -u)" = 0 ] && user=$'User www-data\nGroup www-data'
cat >"$T/apache.conf" <<CONF
ServerRoot /etc/apache2
ServerName fnpool.test
Listen 127.0.0.1:$port
PidFile $T/apache.pid
ErrorLog $T/apache-error.log
Mutex file:$T
$user
LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule proxy_module $MODULES/mod_proxy.so
LoadModule proxy_fcgi_module $MODULES/mod_proxy_fcgi.so
DocumentRoot $T
Include $T/fnpool-apache.conf
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
APACHE_RUN_DIR=$T "$APACHE" -f "$T/apache.conf" -k start >>"$T/apache-error.log" 2>&1
check "apache starts with the contrib config" wait_for 50 port_open "$port"
web_server_checks "http://127.0.0.1:$port/fn" apache
APACHE_RUN_DIR=$T "$APACHE" -f "$T/apache.conf" -k stop >>"$T/apache-error.log" 2>&1
stopped() { ! port_open "$port"; }
wait_for 50 stopped
