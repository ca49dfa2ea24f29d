#!/bin/bash
# Timeouts are not crashes: ten concurrent requests to a function that
# outlives request_timeout each get their 504, and the workers that exit
# after them (or that the backstop kills) never count toward crash_limit:
# no backoff, /_/ping stays 200, the crash counter stays 0.  A real crash
# loop still backs off (test_status.sh, test_pm_respawn.sh).
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[slow]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/limits
workers = 2
request_timeout = 300ms
crash_limit = 2
crash_window = 60s
status.listen = $T/status.sock
ping.path = /_/ping
metrics.path = /_/metrics
INI
cat >"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2
is "$(http /_/ping)" $'200\nok' "ping: 200 before"

pids=
for i in $(seq 10); do
	curl -sS --max-time 30 --unix-socket "$T/nginx.sock" -o /dev/null \
	    -w '%{http_code}\n' "http://fnpool.test/loop" >"$T/code.$i" &
	pids="$pids $!"
done
wait $pids
is "$(cat "$T"/code.* | sort | uniq -c | awk '{print $1 " " $2}')" "10 504" \
    "ten concurrent requests past request_timeout: ten 504s"
timeouts() { [ "$(grep -c 'exited with code 124' "$T/fnpool.log")" -ge 10 ]; }
check "ten workers exited after their request_timeout" wait_for 50 timeouts
check "  logged at notice, not as errors" \
    bash -c "! grep -q '\[error\] master.*exited with code 124' '$T/fnpool.log'"
check "no crash loop, no backoff" bash -c "! grep -q 'crash loop' '$T/fnpool.log'"
check "both workers up again" wait_for 50 workers_up 2
is "$(http /_/ping)" $'200\nok' "ping: 200 after"
http /_/metrics >"$T/metrics.txt"
is "$(grep -F 'fnpool_worker_crashes_total{pool="slow"}' "$T/metrics.txt" | awk '{print $2}')" \
    "0" "metrics: no crash"
like "$(grep -F 'fnpool_worker_exits_total{pool="slow",cause="timeout"}' "$T/metrics.txt" | awk '{print $2}')" \
    '^(1[0-9]|[2-9][0-9])$' "metrics: the exits are counted as timeouts"
is "$(grep -F 'fnpool_up{pool="slow"}' "$T/metrics.txt" | awk '{print $2}')" "1" \
    "metrics: up"
