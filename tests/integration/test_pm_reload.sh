#!/bin/bash
# SIGHUP reloads under load without failing a request; a broken config
# keeps the old one serving; graceful and fast stops.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
owner=
[ "$(id -u)" = 0 ] && owner="listen.owner = www-data"

# write_config WORKERS [EXTRA-POOL-SECTION]
write_config() {
	cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info
shutdown_timeout = 5s

[www]
listen = $T/www.sock
$owner
functions = $PM_FIXTURES
prefix = /www
workers = $1
env.POOL = www
$RUN_AS
${2:-}
INI
}
extra="[extra]
listen = $T/extra.sock
$owner
functions = $PM_FIXTURES
prefix = /extra
workers = 1
env.POOL = extra
$RUN_AS"

write_config 2
nginx_pools www:"$T/www.sock" extra:"$T/extra.sock" moved:"$T/moved.sock"
# Also through kept-alive FastCGI connections (fastcgi_keep_conn), which
# the old workers hold when they exit.
cat >"$T/http.conf" <<CONF
upstream www_kept {
	server unix:$T/www.sock;
	keepalive 8;
}
CONF
cat >>"$T/server.conf" <<CONF
location /kept/ {
	rewrite ^/kept/(.*)\$ /www/\$1 break;
	include /etc/nginx/fastcgi_params;
	fastcgi_keep_conn on;
	fastcgi_pass www_kept;
}
CONF
fnpool_start "$T/fnpool.ini"
check "the socket appears" wait_for 50 is_socket "$T/www.sock"
check "nginx starts" nginx_start
check "two workers start" wait_for 50 workers_are 2
scan_workers
gen1=" ${WORKERS[*]} "

reloaded() { [ "$(grep -c "reloaded: generation" "$T/fnpool.log")" -ge "$1" ]; }

# ---- reload under load: more workers and a new pool ----------------------
load_start hup 3 /www/slow?ms=30
load_start kept 2 /kept/slow?ms=30
load_progress hup 40
write_config 3 "$extra"
kill -HUP "$FNPOOL_PID"
check "SIGHUP with a new pool and more workers reloads" wait_for 100 reloaded 1
check "the new generation has 3 + 1 workers once the old ones drained" \
    wait_for 100 workers_are 4
scan_workers
left=0
for pid in "${WORKERS[@]}"; do [[ $gen1 == *" $pid "* ]] && left=$((left + 1)); done
is "$left" "0" "every worker of the old generation is gone"
load_progress hup 40
is "$(http /extra/hello)" $'200\nhello from extra' "the new pool answers"

# ---- a broken config keeps the running one -------------------------------
cp "$T/fnpool.ini" "$T/good.ini"
printf '[www]\nworkers = many\n' >>"$T/fnpool.ini"
scan_workers
before=" ${WORKERS[*]} "
kill -HUP "$FNPOOL_PID"
failed_reload() { log_has "reload failed: .*fnpool.ini has errors"; }
check "SIGHUP with a broken config logs that the reload failed" wait_for 50 failed_reload
check "and names file:line of each error" \
    log_has "fnpool.ini:[0-9]+: duplicate pool \[www\]"
load_progress hup 40
scan_workers
is " ${WORKERS[*]} " "$before" "the running workers are untouched"
is "$(http /extra/hello)" $'200\nhello from extra' "and still serve"

# A config that is valid but whose new socket cannot be bound: the new
# pool that did bind is closed again, and the old generation stays.
cp "$T/good.ini" "$T/fnpool.ini"
printf '[third]\nlisten = %s\nfunctions = %s\n%s\n[fourth]\nlisten = %s\nfunctions = %s\n%s\n' \
    "$T/third.sock" "$PM_FIXTURES" "$RUN_AS" \
    "$T/no/such/dir/fourth.sock" "$PM_FIXTURES" "$RUN_AS" >>"$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
unbindable() { log_has "reload failed: cannot open the new sockets"; }
check "SIGHUP with a socket that cannot be bound fails cleanly" wait_for 50 unbindable
check "and says which" log_has "pool fourth: bind .*fourth.sock: No such file or directory"
check "the socket it did bind for the new pool is removed" test ! -e "$T/third.sock"
scan_workers
is " ${WORKERS[*]} " "$before" "the running workers are untouched"
cp "$T/good.ini" "$T/fnpool.ini"

# ---- moving a pool to another socket ---------------------------------------
cp "$T/good.ini" "$T/fnpool.ini"
sed -i -e "s|$T/extra.sock|$T/moved.sock|" -e "s|^prefix = /extra|prefix = /moved|" "$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
check "SIGHUP moving a pool to a new socket reloads" wait_for 100 reloaded 2
is "$(http /moved/hello)" $'200\nhello from extra' "the pool answers on its new socket"
check "its old socket is removed" wait_for 50 test ! -e "$T/extra.sock"

# ---- removing a pool and going back to two workers -----------------------
write_config 2
kill -HUP "$FNPOOL_PID"
check "SIGHUP removing a pool reloads" wait_for 100 reloaded 3
check "the removed pool's socket is gone" wait_for 50 test ! -e "$T/moved.sock"
check "two workers remain" wait_for 100 workers_are 2
load_progress hup 40
load_stop hup
load_stop kept
total=$(load_total hup)
is "$(load_failed hup)" "0" "not one of $total requests failed across four reloads"
total=$(load_total kept)
is "$(load_failed kept)" "0" "nor one of $total requests on kept-alive connections"

# ---- socket settings of a kept socket apply ------------------------------
is "$(stat -c %a "$T/www.sock")" "660" "the socket's mode is 0660"
sed -i "s|^prefix = /www\$|prefix = /www\nlisten.mode = 0666|" "$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
check "SIGHUP with a new listen.mode reloads" wait_for 100 reloaded 4
is "$(stat -c %a "$T/www.sock")" "666" "and the kept socket gets the new mode"

# ---- a reload lets the old generation finish a slow request ---------------
curl -s -o "$T/slow.body" -w '%{http_code}' --max-time 20 \
    --unix-socket "$T/nginx.sock" "http://fnpool.test/www/slow?ms=1500" \
    >"$T/slow.code" &
slowreq=$!
check "the slow request runs" wait_for 50 busy_are 1
kill -HUP "$FNPOOL_PID"
check "reload while a slow request runs" wait_for 100 reloaded 5
wait "$slowreq"
is "$(cat "$T/slow.code")" "200" "the old worker finished its slow request"

# ---- a new generation whose workers cannot start ---------------------------
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$T/locked/fn"
	cp "$PM_FIXTURES"/*.js "$T/locked/fn/"
	chmod 700 "$T/locked"	# the workers (nobody) cannot read it
	write_config 2
	sed -i -e "s|^functions = .*|functions = $T/locked/fn|" \
	    -e "s|^user = .*|user = nobody|" "$T/fnpool.ini"
	done_before=$(grep -c "reloaded: generation" "$T/fnpool.log")
	kill -HUP "$FNPOOL_PID"
	stuck() { log_has "reload: the workers of generation [0-9]+ keep dying; the previous generation keeps serving"; }
	check "a reload whose workers keep dying says so" wait_for 100 stuck
	load_start stuck 2 /www/hello 20
	load_progress stuck 40
	load_stop stuck
	is "$(load_failed stuck)" "0" "and the previous generation serves all $(load_total stuck) requests"
	is "$(grep -c "reloaded: generation" "$T/fnpool.log")" "$done_before" \
	    "the previous generation is not drained"
	write_config 2
	kill -HUP "$FNPOOL_PID"
	check "the next good reload replaces both" wait_for 100 reloaded $((done_before + 1))
	check "leaving two workers" wait_for 100 workers_are 2
	is "$(http /www/hello)" $'200\nhello from www' "which serve"
else
	ok "# SKIP a generation that cannot start needs root (workers as nobody)"
fi

# ---- graceful stop ---------------------------------------------------------
curl -s -o "$T/slow.body" -w '%{http_code}' --max-time 20 \
    --unix-socket "$T/nginx.sock" "http://fnpool.test/www/slow?ms=1000" \
    >"$T/slow.code" &
slowreq=$!
check "the slow request runs" wait_for 50 busy_are 1
t0=$(now_ms)
kill -TERM "$FNPOOL_PID"
check "SIGTERM: the unix socket goes at once (no new connections)" \
    wait_for 5 test ! -e "$T/www.sock"
wait "$slowreq"
is "$(cat "$T/slow.code")" "200" "SIGTERM lets an in-flight slow request finish"
wait "$FNPOOL_PID"
is "$?" "0" "and the master exits 0"
FNPOOL_PID=
check "the pid file is removed" test ! -e "$T/fnpool.pid"

# ---- shutdown_timeout and SIGINT -------------------------------------------
sed -i 's/^shutdown_timeout = 5s/shutdown_timeout = 500ms/' "$T/fnpool.ini"
fnpool_start "$T/fnpool.ini"
check "restarted" wait_for 50 workers_are 2
curl -s -o /dev/null --max-time 20 --unix-socket "$T/nginx.sock" \
    "http://fnpool.test/www/slow?ms=10000" &
slowreq=$!
check "the slow request runs" wait_for 50 busy_are 1
t0=$(now_ms)
kill -QUIT "$FNPOOL_PID"
wait "$FNPOOL_PID"
dt=$(( $(now_ms) - t0 ))
FNPOOL_PID=
wait "$slowreq"
diag "SIGQUIT with a 10 s request and shutdown_timeout 500ms: stopped in $dt ms"
check "SIGQUIT waits at most shutdown_timeout, then kills ($dt ms)" test "$dt" -lt 3000
check "and says so" log_has "still busy after shutdown_timeout \(500 ms\): killing them"

fnpool_start "$T/fnpool.ini"
check "restarted" wait_for 50 workers_are 2
curl -s -o /dev/null --max-time 20 --unix-socket "$T/nginx.sock" \
    "http://fnpool.test/www/slow?ms=10000" &
slowreq=$!
check "the slow request runs" wait_for 50 busy_are 1
t0=$(now_ms)
kill -INT "$FNPOOL_PID"
wait "$FNPOOL_PID"
dt=$(( $(now_ms) - t0 ))
FNPOOL_PID=
wait "$slowreq"
check "SIGINT stops at once, without waiting for requests ($dt ms)" test "$dt" -lt 400
check "SIGINT removes the socket too" test ! -e "$T/www.sock"
