#!/bin/bash
# Scale-out (docs/scaling.md): two fnpool daemons on loopback TCP behind one
# nginx upstream, both on one PostgreSQL (pg.sh).  A row written through one
# host is read through the other, and writes spread over both by nginx are
# all seen by each.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
p1=$(free_port) && p2=$(free_port) && [ "$p1" != "$p2" ] ||
    skip_all "no two free TCP ports on 127.0.0.1"
pg_start || skip_all "$PG_WHY"

for n in 1 2; do
	port=$p1
	[ $n = 2 ] && port=$p2
	cat >"$T/host$n.ini" <<INI
[global]
pid = $T/host$n.pid
state_dir = $T/state$n

[www]
listen = 127.0.0.1:$port
$RUN_AS
functions = $SRCDIR/tests/fixtures/db/functions
workers = 2
env.HOST = host$n
db.pg = $PG_URL
INI
done
cat >"$T/http.conf" <<CONF
upstream fnpool_hosts {
	server 127.0.0.1:$p1 max_fails=1 fail_timeout=10s;
	server 127.0.0.1:$p2 max_fails=1 fail_timeout=10s;
}
CONF
cat >"$T/server.conf" <<CONF
location /h1/ {
	include /etc/nginx/fastcgi_params;
	rewrite ^/h1(/.*)\$ \$1 break;
	fastcgi_pass 127.0.0.1:$p1;
}
location /h2/ {
	include /etc/nginx/fastcgi_params;
	rewrite ^/h2(/.*)\$ \$1 break;
	fastcgi_pass 127.0.0.1:$p2;
}
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
check "host 1 listens" wait_for 50 port_open "$p1"
check "host 2 listens" wait_for 50 port_open "$p2"
check "nginx starts" nginx_start

post() { curl -sS --max-time 10 --unix-socket "$T/nginx.sock" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$2\",\"note\":\"$3\"}" \
    "http://fnpool.test$1/pg/items"; }
get() { curl -sS --max-time 10 --unix-socket "$T/nginx.sock" "http://fnpool.test$1"; }

r=$(post /h1 written-on-1 x)
like "$r" '"host":"host1"' "a row written through host 1"
r=$(get '/h2/pg/items?name=written-on-1')
like "$r" '^\[\{"id":[0-9]+,"name":"written-on-1","note":"x"\}\]$' "  is read through host 2"
r=$(post /h2 written-on-2 x)
like "$r" '"host":"host2"' "a row written through host 2"
r=$(get '/h1/pg/items?name=written-on-2')
like "$r" '"name":"written-on-2"' "  is read through host 1"

# 40 writes through the upstream: nginx spreads them, each host sees all.
: >"$T/hosts"
for i in $(seq 1 40); do
	post "" "spread-$i" spread | grep -o '"host":"host[12]"' >>"$T/hosts"
done
is "$(wc -l <"$T/hosts")" 40 "40 writes through the upstream: all answered"
check "  both hosts took some" test "$(grep -c host1 "$T/hosts")" -gt 0 -a \
    "$(grep -c host2 "$T/hosts")" -gt 0
is "$(get '/h1/pg/items?note=spread')" '{"n":40,"names":40,"table":true}' "  host 1 reads all 40"
is "$(get '/h2/pg/items?note=spread')" '{"n":40,"names":40,"table":true}' "  host 2 reads all 40"
is "$(pg_sql "SELECT count(*) FROM items WHERE note = 'spread'")" 40 "  and so does psql"

kill -TERM "$host1" "$host2"
wait "$host1" "$host2"
