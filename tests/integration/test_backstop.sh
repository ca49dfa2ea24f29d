#!/bin/bash
# The master's hard backstop: a worker whose own request timer cannot act
# (here: the worker is stopped with SIGSTOP mid-request) is killed once it
# is busy past request_timeout plus the grace period, and replaced.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[bs]
listen = $T/bs.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/limits
workers = 1
request_timeout = 1s
INI
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/bs.sock;
	fastcgi_read_timeout 30s;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/bs.sock"
check "nginx starts" nginx_start
one() { [ "$(worker_count)" = 1 ]; }
check "one worker up" wait_for 50 one
is "$(http /hello)" $'200\nhello' "the pool serves"
victim=$(worker_pids)

looping() { grep -q "looping" "$T/fnpool.log"; }
t0=$(date +%s%3N)
curl -s -o /dev/null -w '%{http_code}' --max-time 20 --unix-socket "$T/nginx.sock" \
    http://fnpool.test/loop >"$T/code" &
client=$!
check "the worker runs the endless loop" wait_for 50 looping
kill -STOP "$victim"		# its own 1 s timer can no longer fire
wait "$client"
elapsed=$(( $(date +%s%3N) - t0 ))
is "$(cat "$T/code")" "502" "the stopped worker's request ends (nginx: 502)"
check "killed by the backstop within timeout + grace + a tick (${elapsed} ms)" \
    test "$elapsed" -lt 4000
check "the log says why, naming the function and the request" \
    grep -q "worker $victim still runs loop.js for /loop (request [0-9a-f]*) .* past request_timeout (1000 ms)" "$T/fnpool.log"
check "and logs the death with the function" wait_for 50 \
    grep -q "worker $victim killed by signal 9 (SIGKILL) while running loop.js for /loop" "$T/fnpool.log"
replaced() { one && ! worker_pids | grep -qx "$victim"; }
check "the worker is replaced" wait_for 50 replaced
is "$(http /hello)" $'200\nhello' "and the pool serves again"
