#!/bin/bash
# The master: config checks, worker respawn, pid file, stop.
. "$(dirname "$0")/lib.sh"

cat >"$T/good.ini" <<INI
[global]
pid = $T/fnpool.pid

[www]
listen = $T/www.sock
functions = $FIXTURES
workers = 3
$RUN_AS
INI

out=$("$FNPOOL" -t -c "$T/good.ini" 2>&1)
is "$?" "0" "-t accepts a good config"
like "$out" "is valid" "-t says the config is valid"

cat >"$T/bad.ini" <<INI
[www]
listen = $T/www.sock
functions = $FIXTURES

workers = lots
colour = blue
INI
out=$("$FNPOOL" -t -c "$T/bad.ini" 2>&1)
is "$?" "1" "-t rejects a bad config"
like "$out" "bad.ini:5: bad value 'lots' for workers" "the error names file:line and key"
like "$out" "bad.ini:6: unknown key 'colour'" "every error is reported, not just the first"

out=$("$FNPOOL" -c "$T/none.ini" 2>&1)
is "$?" "1" "a missing config file exits 1"
like "$out" "none.ini: No such file or directory" "and says why"

out=$("$FNPOOL" --bogus 2>&1)
is "$?" "2" "an unknown option exits 2"

is "$("$FNPOOL" --version)" "fnpool $(sed -n 's/^AC_INIT(\[fnpool\], \[\([^]]*\)\].*/\1/p' "$SRCDIR/configure.ac")" \
    "--version prints the configured version"

fnpool_start "$T/good.ini"
check "the socket appears" wait_for 50 is_socket "$T/www.sock"
three() { [ "$(worker_count)" = 3 ]; }
check "three workers start" wait_for 50 three
is "$(cat "$T/fnpool.pid" 2>/dev/null)" "$FNPOOL_PID" "the pid file names the master"

# A second daemon on the same socket must refuse, not steal it.
out=$("$FNPOOL" -c "$T/good.ini" 2>&1)
is "$?" "1" "a second daemon on a live socket refuses to start"
like "$out" "(another process is serving on it|names running process)" "and says why"
check "the first daemon still owns its socket" is_socket "$T/www.sock"

victim=$(worker_pids | head -n1)
kill -KILL "$victim"
replaced() {
	[ "$(worker_count)" = 3 ] && ! worker_pids | grep -qx "$victim"
}
check "a killed worker is replaced" wait_for 50 replaced
check "the death is logged with the signal" \
    grep -q "worker $victim killed by signal 9" "$T/fnpool.log"

socket=$T/www.sock
fnpool_stop
is "$FNPOOL_RC" "0" "SIGTERM stops the master with status 0"
check "the socket is removed" test ! -e "$socket"
check "the pid file is removed" test ! -e "$T/fnpool.pid"
check "no worker is left behind" test -z "$(pgrep -f "$T/good.ini")"

# A pool whose workers cannot start backs off instead of spinning.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$T/locked/fn"
	chmod 700 "$T/locked"
	cat >"$T/loop.ini" <<INI
[loop]
listen = $T/loop.sock
functions = $T/locked/fn
user = nobody
workers = 2
INI
	fnpool_start "$T/loop.ini"
	backing_off() { grep -q "crash loop: next respawn in" "$T/fnpool.log"; }
	check "a crash loop is detected and backs off" wait_for 50 backing_off
	check "the master survives the crash loop" kill -0 "$FNPOOL_PID"
	fnpool_stop
	is "$FNPOOL_RC" "0" "and still stops cleanly"
else
	ok "# SKIP crash-loop test needs root (to run workers as nobody)"
fi
