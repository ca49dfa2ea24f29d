#!/bin/bash
# Two fnpool daemons on loopback TCP behind one nginx upstream: stopping one
# under load loses no request (nginx moves on to the other).
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
p1=$(free_port) && p2=$(free_port) && [ "$p1" != "$p2" ] ||
    skip_all "no two free TCP ports on 127.0.0.1"

for n in 1 2; do
	port=$p1
	[ $n = 2 ] && port=$p2
	cat >"$T/host$n.ini" <<INI
[global]
pid = $T/host$n.pid

[www]
listen = 127.0.0.1:$port
$RUN_AS
functions = $FIXTURES
workers = 2
INI
done
cat >"$T/http.conf" <<CONF
upstream fnpool_hosts {
	server 127.0.0.1:$p1 max_fails=1 fail_timeout=10s;
	server 127.0.0.1:$p2 max_fails=1 fail_timeout=10s;
}
CONF
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass fnpool_hosts;
	fastcgi_next_upstream error timeout;
}
CONF

"$FNPOOL" -c "$T/host1.ini" >>"$T/fnpool.log" 2>&1 &
host1=$!
"$FNPOOL" -c "$T/host2.ini" >>"$T/fnpool.log" 2>&1 &
host2=$!
check "both hosts listen" wait_for 50 port_open "$p1"
check "both hosts listen (2)" wait_for 50 port_open "$p2"
check "nginx starts" nginx_start

# Four client loops of 150 requests each (bounded), while host 1 stops.
client() {
	local i
	for i in $(seq 1 150); do
		curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 \
		    --unix-socket "$T/nginx.sock" "http://fnpool.test/json"
	done >"$T/codes.$1"
}
pids=()
for c in 1 2 3 4; do
	client "$c" &
	pids+=($!)
done
served_some() { [ "$(cat "$T"/codes.* 2>/dev/null | wc -l)" -ge 100 ]; }
check "requests flow before the stop" wait_for 100 served_some
kill -TERM "$host1"
wait "$host1"
is "$?" "0" "host 1 stops gracefully under load"
wait "${pids[@]}"
total=$(cat "$T"/codes.* | wc -l)
good=$(grep -c '^200$' "$T"/codes.* | awk -F: '{s += $2} END {print s}')
is "$total" "600" "all 600 requests were answered"
is "$good" "600" "no request failed while a host stopped"
r=$(http /json)
is "${r%%$'\n'*}" "200" "the remaining host serves"
kill -TERM "$host2"
wait "$host2"
