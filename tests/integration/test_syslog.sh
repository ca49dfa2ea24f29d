#!/bin/bash
# error_log = syslog: the master's and the workers' lines reach /dev/log
# with facility daemon, the right priority and the request id.  The test
# runs in a private mount namespace with its own /dev, so a listener can
# play /dev/log without touching the host's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root (a private mount namespace)"
command -v unshare >/dev/null || skip_all "unshare is not installed"
unshare -m true 2>/dev/null || skip_all "cannot make a mount namespace here"
[ -x "$SDLAUNCH" ] || skip_all "sdlaunch helper not built ($SDLAUNCH)"

CONTRACT="$SRCDIR/tests/fixtures/contract"
cat >"$T/fnpool.ini" <<INI
[global]
error_log = syslog
log_level = info

[www]
listen = $T/www.sock
functions = $CONTRACT
workers = 1
$RUN_AS
INI

# In the namespace: a tmpfs /dev with null, zero and urandom from the
# real one, a datagram listener at /dev/log writing to syslog.out, then
# fnpool, one request that logs, one that throws, and a graceful stop.
cat >"$T/inside.sh" <<'SH'
set -u
mkdir -p "$T/realdev"
mount --bind /dev "$T/realdev"
mount -t tmpfs tmpfs /dev
for n in null zero urandom random; do
	touch "/dev/$n" && mount --bind "$T/realdev/$n" "/dev/$n"
done
"$SDLAUNCH" --notify /dev/log "$T/syslog.out" &
listener=$!
for i in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
"$FNPOOL" -c "$T/fnpool.ini" >"$T/fnpool.log" 2>&1 &
master=$!
# listening, not only bound: the master logs it after listen(2)
for i in $(seq 50); do
	grep -q "pool www: listening on" "$T/syslog.out" 2>/dev/null && break
	sleep 0.1
done
"$FCGI_POST" "$T/www.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/log \
    QUERY_STRING=tag=via-syslog HTTP_X_REQUEST_ID=syslog-req-1 >/dev/null
"$FCGI_POST" "$T/www.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME=/errors \
    HTTP_X_REQUEST_ID=syslog-req-2 >/dev/null
kill -USR1 "$master"
for i in $(seq 50); do
	grep -q 'log files reopened' "$T/syslog.out" && break
	sleep 0.1
done
kill -TERM "$master"
wait "$master"
echo "$?" >"$T/master.rc"
kill "$listener"
SH
T=$T SDLAUNCH=$SDLAUNCH FNPOOL=$FNPOOL FCGI_POST=$FCGI_POST \
    unshare -m bash "$T/inside.sh" >"$T/inside.log" 2>&1
is "$?" 0 "fnpool ran with error_log = syslog"
is "$(cat "$T/master.rc" 2>/dev/null)" 0 "and stopped cleanly"

# has_line REGEX: a message of syslog.out matches.
has_line() { grep -qE "$1" "$T/syslog.out"; }
check "fnpool wrote nothing to stderr" test ! -s "$T/fnpool.log"
check "master lines: facility daemon, notice (<29>), ident fnpool with its pid" \
    has_line '^<29>[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} fnpool\[[0-9]+\]: master: '
check "a worker's console.log line, with the pool and the request id" \
    has_line '^<29>.* fnpool\[[0-9]+\]: www worker: pool=www function=log request=syslog-req-1: tag via-syslog$'
check "console.warn at priority warning (<28>)" \
    has_line '^<28>.* www worker: pool=www function=log request=syslog-req-1: object '
check "a thrown error at priority error (<27>)" \
    has_line '^<27>.* www worker: errors.js: threw \(request syslog-req-2\): Error: secret detail'
check "SIGUSR1 under syslog is harmless" has_line 'master: log files reopened$'
check "the stop is logged" has_line 'master: SIGTERM'
check "no message carries a file log's own time stamp" \
    sh -c "! grep -qE '\\] \\[(notice|info|error)\\] ' '$T/syslog.out'"
