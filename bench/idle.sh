#!/bin/bash
# idle.sh: request latency through nginx while FastCGI peers hold
# connections open without sending a request (docs/limits.md,
# "Connections").
#
#   FNPOOL=build/src/fnpool FCGI_CLIENT=build/tests/helpers/fcgi_client \
#       bench/idle.sh
#
# One pool of IDLE_WORKERS (2) workers behind nginx (unix sockets).  curl
# sends IDLE_N (500) requests for hello one after the other, first on a
# quiet pool, then while fcgi_client holds IDLE_CONNS (1000) connections
# that send nothing and another drips a request one byte every 100 ms.
# Each line gives curl's time_total percentiles, in milliseconds.
set -u
export LC_ALL=C

die() { echo "idle: $*" >&2; exit 1; }
: "${FNPOOL:?set FNPOOL to the fnpool binary}"
: "${FCGI_CLIENT:?set FCGI_CLIENT to tests/helpers/fcgi_client}"
WORKERS=${IDLE_WORKERS:-2} N=${IDLE_N:-500} CONNS=${IDLE_CONNS:-1000}
NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || die "nginx not installed"
FUNCTIONS=$(realpath "$(dirname "$0")/functions")

R=$(mktemp -d /tmp/fnpool-idle.XXXXXX)
chmod 755 "$R"
USER_LINES=$(printf 'user = %s' "$(id -un)") NGINX_USER=
if [ "$(id -u)" = 0 ]; then
	USER_LINES=$'user = www-data\ngroup = www-data\nlisten.owner = www-data\nlisten.group = www-data'
	NGINX_USER="user www-data;"
fi
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	[ -f "$R/nginx.pid" ] && kill -QUIT "$(cat "$R/nginx.pid")" 2>/dev/null
	[ -f "$R/fnpool.pid" ] && kill -TERM "$(cat "$R/fnpool.pid")" 2>/dev/null
	wait
	rm -rf "$R"
}
trap cleanup EXIT

cat >"$R/fnpool.ini" <<INI
[global]
pid = $R/fnpool.pid
error_log = $R/fnpool.log

[bench]
listen = $R/fnpool.sock
$USER_LINES
functions = $FUNCTIONS
prefix = /fnpool/
workers = $WORKERS
INI
mkdir -p "$R/nginx"
cat >"$R/nginx.conf" <<CONF
$NGINX_USER
worker_processes 1;
pid $R/nginx.pid;
error_log $R/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $R/nginx/body;
	fastcgi_temp_path $R/nginx/fastcgi;
	proxy_temp_path $R/nginx/proxy;
	uwsgi_temp_path $R/nginx/uwsgi;
	scgi_temp_path $R/nginx/scgi;
	server {
		listen unix:$R/nginx.sock;
		location /fnpool/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$R/fnpool.sock;
		}
	}
}
CONF
"$FNPOOL" -c "$R/fnpool.ini" -D || die "fnpool did not start"
"$NGINX" -p "$R/nginx" -c "$R/nginx.conf" -e "$R/nginx-error.log" || die "nginx did not start"
for _ in $(seq 100); do
	[ -S "$R/fnpool.sock" ] && [ -S "$R/nginx.sock" ] && break
	sleep 0.1
done

# run LABEL: N requests, their percentiles.
run() {
	local i
	for i in $(seq "$N"); do
		curl -sS --max-time 10 --unix-socket "$R/nginx.sock" -o /dev/null \
		    -w '%{http_code} %{time_total}\n' http://fnpool.test/fnpool/hello
	done >"$R/times"
	sort -k2,2n "$R/times" | awk -v label="$1" '$1 != 200 { bad++ }
	    { t[NR] = $2 * 1000 }
	    END { n = NR; printf "%-44s %6d %8.2f %8.2f %8.2f %8.2f %5d\n", label,
	        n, t[int(n * 0.5)], t[int(n * 0.9)], t[int(n * 0.99)], t[n], bad }'
}

printf '%-44s %6s %8s %8s %8s %8s %5s\n' "" requests p50_ms p90_ms p99_ms max_ms non200
run "quiet"
"$FCGI_CLIENT" "$R/fnpool.sock" hold "$CONNS" sleep 600000 >"$R/hold.out" 2>&1 &
PIDS+=($!)
"$FCGI_CLIENT" "$R/fnpool.sock" drip 0 /fnpool/hello 100 sleep 600000 >"$R/drip.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q held "$R/hold.out" && break; sleep 0.1; done
run "$CONNS idle connections and a slow drip"
