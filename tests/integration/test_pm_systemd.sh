#!/bin/bash
# Socket activation (LISTEN_FDS), readiness (NOTIFY_SOCKET), -D with a
# pid file, SIGUSR1 log reopening.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
[ -x "$SDLAUNCH" ] || skip_all "sdlaunch helper not built ($SDLAUNCH)"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[alpha]
; the socket comes from the launcher, matched by name
listen = $T/alpha-unused.sock
functions = $PM_FIXTURES
prefix = /alpha
workers = 1
env.POOL = alpha
$RUN_AS

[beta]
listen = $T/beta-unused.sock
functions = $PM_FIXTURES
prefix = /beta
workers = 1
env.POOL = beta
$RUN_AS
INI
nginx_pools alpha:"$T/a.sock" beta:"$T/b.sock"

"$SDLAUNCH" --notify "$T/notify.sock" "$T/notify.log" &
NOTIFY_PID=$!
check "the notify listener is up" wait_for 50 is_socket "$T/notify.sock"

# Names in the other order than the pools: matching is by name.
NOTIFY_SOCKET=$T/notify.sock "$SDLAUNCH" beta="$T/b.sock" alpha="$T/a.sock" -- \
    "$FNPOOL" -c "$T/fnpool.ini" >>"$T/fnpool.log" 2>&1 &
FNPOOL_PID=$!
ready() { grep -qx "READY=1" "$T/notify.log"; }
check "READY=1 is sent to NOTIFY_SOCKET" wait_for 50 ready
chmod 666 "$T/a.sock" "$T/b.sock"
check "nginx starts" nginx_start
check "fnpool binds nothing itself" test ! -e "$T/alpha-unused.sock" -a ! -e "$T/beta-unused.sock"
check "the log says where the sockets came from" \
    log_has "pool alpha: listening on .* \(passed by the service manager\)"
is "$(http /alpha/hello)" $'200\nhello from alpha' "passed socket 'alpha' serves pool alpha"
is "$(http /beta/hello)" $'200\nhello from beta' "passed socket 'beta' serves pool beta"

# The passed socket stays with its pool by name even when the pool's
# listen setting changes.
sed -i "s|$T/alpha-unused.sock|$T/alpha-other.sock|" "$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
reloaded() { log_has "reloaded: generation 2"; }
check "a reload keeps the passed sockets" wait_for 50 reloaded
check "RELOADING=1 then READY=1 again" \
    grep -qE "^RELOADING=1 MONOTONIC_USEC=[0-9]+$" "$T/notify.log"
two_ready() { [ "$(grep -cx READY=1 "$T/notify.log")" = 2 ]; }
check "READY=1 after the reload" wait_for 50 two_ready
is "$(http /alpha/hello)" $'200\nhello from alpha' "and serves on them after it"
check "without binding the changed listen path" test ! -e "$T/alpha-other.sock"

fnpool_stop
is "$FNPOOL_RC" "0" "stops cleanly"
check "STOPPING=1 is sent" grep -qx "STOPPING=1" "$T/notify.log"
check "passed sockets belong to the service manager: not removed" \
    test -S "$T/a.sock" -a -S "$T/b.sock"

# By order when the names match no pool (systemd's default names).
"$SDLAUNCH" x="$T/a.sock" y="$T/b.sock" -- \
    "$FNPOOL" -c "$T/fnpool.ini" >>"$T/fnpool.log" 2>&1 &
FNPOOL_PID=$!
check "started with unnamed sockets" wait_for 50 workers_are 2
chmod 666 "$T/a.sock" "$T/b.sock"	# nginx's workers are not root
is "$(http /alpha/hello)" $'200\nhello from alpha' "first socket, first pool"
is "$(http /beta/hello)" $'200\nhello from beta' "second socket, second pool"
fnpool_stop
kill "$NOTIFY_PID"
wait "$NOTIFY_PID" 2>/dev/null

# ---- -D: daemonize with a pid file ----------------------------------------
cat >"$T/d.ini" <<INI
[global]
pid = $T/d.pid
error_log = $T/daemon.log
log_level = info

[www]
listen = $T/d.sock
functions = $PM_FIXTURES
workers = 1
$RUN_AS
INI
"$FNPOOL" -D -c "$T/d.ini"
is "$?" "0" "-D returns 0 once the daemon is up"
dpid=$(cat "$T/d.pid" 2>/dev/null)
check "the pid file names a live daemon" kill -0 "${dpid:-0}"
check "the daemon has its own session" \
    test "$(ps -o sid= -p "$dpid" | tr -d ' ')" = "$dpid"
out=$("$FNPOOL" -D -c "$T/d.ini" 2>&1)
is "$?" "1" "a second -D refuses while the pid file names a live process"
like "$out" "pid file .*d.pid names running process $dpid" "and says why"
mv "$T/daemon.log" "$T/daemon.log.1"
kill -USR1 "$dpid"
check "SIGUSR1 reopens the error log" wait_for 50 test -s "$T/daemon.log"
kill -TERM "$dpid"
# Gone, or a zombie: a daemon's parent is init, which may be slow to reap
# (or, in a container, not reap at all).
gone() {
	local st
	read -r st <"/proc/$dpid/stat" 2>/dev/null || return 0
	st=${st##*) }
	[ "${st%% *}" = Z ]
}
check "the daemon stops on SIGTERM" wait_for 50 gone
check "and removes its pid file" test ! -e "$T/d.pid"
echo "$$" >"$T/d.pid"
out=$("$FNPOOL" -c "$T/d.ini" 2>&1)
is "$?" "1" "foreground start refuses too while the pid file names a live process"
echo 999999 >"$T/d.pid"
"$FNPOOL" -D -c "$T/d.ini"
is "$?" "0" "a stale pid file does not stop a start"
dpid=$(cat "$T/d.pid" 2>/dev/null)
kill -TERM "$dpid"
check "and the daemon stops" wait_for 50 gone

# daemonize = yes in [global] does what -D does.
sed -i 's|^log_level = info$|log_level = info\ndaemonize = yes|' "$T/d.ini"
rm -f "$T/d.pid"
"$FNPOOL" -c "$T/d.ini"
is "$?" "0" "daemonize = yes returns once the daemon is up"
dpid=$(cat "$T/d.pid" 2>/dev/null)
check "and the pid file names it" kill -0 "${dpid:-0}"
kill -TERM "$dpid"
check "it stops on SIGTERM" wait_for 50 gone
