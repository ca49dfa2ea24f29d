#!/bin/bash
# ab.sh: two fnpool binaries side by side, for a change to the hot path.
#
#   bench/ab.sh OLD_FNPOOL NEW_FNPOOL
#
# Both run the same bench/functions behind one nginx (its own config on
# 127.0.0.1:$AB_PORT, unix sockets to the pools), and wrk measures them in
# turn, old new old new, so that drift of the machine falls on both.  Each
# line gives requests/s, p50/p90/p99/p99.9 and the CPU time the workers
# spent per request (from /proc, in clock ticks: coarse, so compare runs
# of seconds).  make bench compares fnpool with other backends; this
# compares fnpool with itself (bench/RESULTS.md, tuning log).
#
# AB_WORKERS (2), AB_CONNECTIONS (32), AB_DURATION (5 s), AB_ROUNDS (3),
# AB_PATH (hello: a function of bench/functions), AB_PORT (18090).
set -u

die() { echo "ab: $*" >&2; exit 1; }

[ $# = 2 ] || die "usage: bench/ab.sh OLD_FNPOOL NEW_FNPOOL"
declare -A BIN=([old]=$(realpath "$1") [new]=$(realpath "$2"))
WORKERS=${AB_WORKERS:-2} CONNS=${AB_CONNECTIONS:-32}
DURATION=${AB_DURATION:-5} ROUNDS=${AB_ROUNDS:-3}
FN_PATH=${AB_PATH:-hello} PORT=${AB_PORT:-18090}
for v in WORKERS CONNS DURATION ROUNDS PORT; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "AB_$v must be a positive integer (got '${!v}')"
done
for v in old new; do [ -x "${BIN[$v]}" ] || die "${BIN[$v]} is not an executable"; done
command -v wrk >/dev/null || die "wrk not installed (apt-get install wrk)"
NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || die "nginx not installed (apt-get install nginx-light)"
FUNCTIONS=$(realpath "$(dirname "$0")/functions")
TICK_US=$((1000000 / $(getconf CLK_TCK)))
THREADS=$((CONNS < 2 ? 1 : 2))

R=$(mktemp -d /tmp/fnpool-ab.XXXXXX)
chmod 755 "$R"
USER_LINES= NGINX_USER=
if [ "$(id -u)" = 0 ]; then	# workers and nginx as www-data, as make bench
	USER_LINES=$'user = www-data\ngroup = www-data\nlisten.owner = www-data\nlisten.group = www-data'
	NGINX_USER="user www-data;"
fi

cleanup() {
	[ -f "$R/nginx.pid" ] && kill -QUIT "$(cat "$R/nginx.pid")" 2>/dev/null
	for v in old new; do
		[ -f "$R/$v.pid" ] && kill -TERM "$(cat "$R/$v.pid")" 2>/dev/null
	done
	wait
	rm -rf "$R"
}
trap cleanup EXIT

for v in old new; do
	cat >"$R/$v.ini" <<INI
[global]
pid = $R/$v.pid
error_log = $R/$v.log

[bench]
listen = $R/$v.sock
listen.mode = 0660
$USER_LINES
functions = $FUNCTIONS
prefix = /$v/
workers = $WORKERS
INI
	"${BIN[$v]}" -c "$R/$v.ini" &
done
cat >"$R/nginx.conf" <<CONF
$NGINX_USER
worker_processes 1;
pid $R/nginx.pid;
error_log $R/nginx.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $R/tmp;
	server {
		listen 127.0.0.1:$PORT backlog=4096;
		location /old/ { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$R/old.sock; }
		location /new/ { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$R/new.sock; }
	}
}
CONF
"$NGINX" -c "$R/nginx.conf" -e "$R/nginx.log" || die "nginx did not start"

# Ready when both answer 200 (a readiness check, not a sleep).
for v in old new; do
	for i in $(seq 100); do
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/$v/$FN_PATH")
		[ "$code" = 200 ] && break
		sleep 0.05	# the poll interval
	done
	[ "$code" = 200 ] || die "$v: /$v/$FN_PATH answers $code ($R/$v.log)"
done

# worker_ticks V: CPU clock ticks the workers of V have used so far.
worker_ticks() {
	local pid t=0 st
	for pid in $(cat /proc/"$(cat "$R/$1.pid")"/task/*/children); do
		read -r st <"/proc/$pid/stat" || continue
		st=(${st##*) })
		t=$((t + st[11] + st[12]))	# utime, stime (fields 14, 15)
	done
	echo "$t"
}

cat >"$R/pct.lua" <<'LUA'
done = function(s, lat)
	io.write(string.format("AB %d %.2f %.2f %.2f %.2f %.2f\n", s.requests,
	    lat:percentile(50) / 1000, lat:percentile(90) / 1000,
	    lat:percentile(99) / 1000, lat:percentile(99.9) / 1000, lat.max / 1000))
end
LUA
run() {
	wrk -t"$THREADS" -c"$CONNS" -d"$1"s -s "$R/pct.lua" \
	    "http://127.0.0.1:$PORT/$2/$FN_PATH" | grep '^AB '
}

echo "# $WORKERS workers, $CONNS connections, /$FN_PATH, ${DURATION} s x $ROUNDS rounds"
printf '%-5s %-3s %9s %8s %8s %8s %8s %8s %10s\n' round bin req/s p50_ms p90_ms \
    p99_ms p99.9_ms max_ms cpu_us/req
for v in old new; do run 2 "$v" >/dev/null; done	# warm-up
for r in $(seq "$ROUNDS"); do
	for v in old new; do
		t0=$(worker_ticks "$v")
		read -r _ n p50 p90 p99 p999 max < <(run "$DURATION" "$v")
		t1=$(worker_ticks "$v")
		printf '%-5s %-3s %9d %8s %8s %8s %8s %8s %10.1f\n' "$r" "$v" \
		    $((n / DURATION)) "$p50" "$p90" "$p99" "$p999" "$max" \
		    "$(awk -v t=$((t1 - t0)) -v u="$TICK_US" -v n="$n" 'BEGIN { print t * u / n }')"
	done
done
