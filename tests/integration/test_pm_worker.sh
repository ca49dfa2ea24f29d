#!/bin/bash
# `fnpool worker` under spawn-fcgi behind nginx; workers drop privileges.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"

# ---- spawn-fcgi ------------------------------------------------------------
SPAWN_FCGI=$(command -v spawn-fcgi || true)
if [ -n "$SPAWN_FCGI" ]; then
	nginx_pools sf:"$T/sf.sock"
	# -n: no fork, spawn-fcgi binds the socket onto fd 0 and execs.
	"$SPAWN_FCGI" -n -s "$T/sf.sock" -M 0666 -- \
	    "$FNPOOL" worker --functions "$PM_FIXTURES" --prefix /sf \
	    >>"$T/fnpool.log" 2>&1 &
	SF_PID=$!
	check "spawn-fcgi binds the socket" wait_for 50 is_socket "$T/sf.sock"
	check "nginx starts" nginx_start
	is "$(http /sf/hello)" $'200\nhello from ?' "fnpool worker serves the socket spawn-fcgi passed on fd 0"
	r=$(http "/sf/slow?ms=10")
	is "$r" $'200\n{"slept":10}' "with query strings"
	r=$(http /sf/nope)
	like "$r" '^404' "and 404 for a missing function"
	kill -TERM "$SF_PID"
	wait "$SF_PID"
	is "$?" "0" "the worker exits 0 on SIGTERM"
	nginx_stop
else
	ok "# SKIP spawn-fcgi not installed (apt-get install spawn-fcgi)"
fi

# ---- privileges --------------------------------------------------------------
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cat >"$T/priv.ini" <<INI
[global]
pid = $T/fnpool.pid

[www]
listen = $T/www.sock
listen.owner = www-data
functions = $PM_FIXTURES
prefix = /www
workers = 2
user = nobody
INI
	nginx_pools www:"$T/www.sock"
	fnpool_start "$T/priv.ini"
	check "workers start" wait_for 50 workers_are 2
	check "nginx starts" nginx_start
	scan_workers
	uid=$(awk '/^Uid:/ {print $2}' "/proc/${WORKERS[0]}/status")
	is "$uid" "$(id -u nobody)" "workers run as the pool's user"
	# the master looks the account up, the worker only sets it
	is "$(awk '/^Gid:/ {print $2}' "/proc/${WORKERS[0]}/status")" "$(id -g nobody)" \
	    "with the user's group"
	is "$(awk '/^Groups:/ { $1 = ""; print }' "/proc/${WORKERS[0]}/status" | xargs -n1 | sort -n | xargs)" \
	    "$(id -G nobody | xargs -n1 | sort -n | xargs)" "and the user's supplementary groups"
	is "$(awk '/^Uid:/ {print $2}' "/proc/$FNPOOL_PID/status")" "0" \
	    "the master stays root"
	is "$(http /www/hello)" $'200\nhello from ?' "and serve requests"
	no_root_warning() { ! log_has "workers run as root"; }
	check "no warning about root workers" no_root_warning
	fnpool_stop

	sed -i '/^user = nobody$/d' "$T/priv.ini"
	out=$("$FNPOOL" -t -c "$T/priv.ini" 2>&1)
	is "$?" "1" "as root, a pool without 'user' is refused"
	like "$out" "priv.ini:4: pool 'www': fnpool runs as root, so set 'user'" \
	    "with file:line and the fix"
	echo "user = root" >>"$T/priv.ini"
	fnpool_start "$T/priv.ini"
	check "user = root starts" wait_for 50 workers_are 2
	check "and logs a warning" log_has "pool www: workers run as root \(user = root\)"
	scan_workers
	is "$(awk '/^Uid:/ {print $2}' "/proc/${WORKERS[0]}/status")" "0" \
	    "its workers are root"
	fnpool_stop
else
	ok "# SKIP privilege tests need root and a 'nobody' account"
fi

# ---- IPv4 and IPv6 listeners -------------------------------------------------
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then
	P4=$((20000 + RANDOM % 20000)) P6=$((20000 + RANDOM % 20000))
	cat >"$T/inet.ini" <<INI
[v4]
listen = 127.0.0.1:$P4
listen.backlog = 64
functions = $PM_FIXTURES
prefix = /v4
workers = 1
env.POOL = v4
$RUN_AS

[v6]
listen = [::1]:$P6
functions = $PM_FIXTURES
prefix = /v6
workers = 1
env.POOL = v6
$RUN_AS
INI
	nginx_stop
	cat >"$T/server.conf" <<CONF
location /v4/ { include /etc/nginx/fastcgi_params; fastcgi_pass 127.0.0.1:$P4; }
location /v6/ { include /etc/nginx/fastcgi_params; fastcgi_pass [::1]:$P6; }
CONF
	fnpool_start "$T/inet.ini"
	check "IPv4 and IPv6 pools start" wait_for 50 workers_are 2
	check "nginx starts" nginx_start
	is "$(http /v4/hello)" $'200\nhello from v4' "a pool on 127.0.0.1:port serves"
	is "$(http /v6/hello)" $'200\nhello from v6' "a pool on [::1]:port serves"
	check "the backlog is the configured one" \
	    test "$(ss -ltnH "sport = :$P4" | awk '{print $3}')" = 64
	fnpool_stop
else
	ok "# SKIP no IPv6 loopback on this machine"
fi
