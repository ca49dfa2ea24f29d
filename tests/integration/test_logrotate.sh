#!/bin/bash
# contrib/logrotate/fnpool run by the real logrotate against a running
# fnpool: the log is moved, SIGUSR1 reopens it, and the master's and the
# workers' lines go to the new file, also from workers that run as
# another user than the master (they cannot open the new file, so they
# are replaced by workers that inherit the master's).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

command -v logrotate >/dev/null ||
    skip_all "logrotate is not installed (tests/setup-deps.sh installs it)"

CONTRACT="$SRCDIR/tests/fixtures/contract"
mkdir -p "$T/log"

# A second pool as nobody when we are root: its workers cannot open a
# file the (root) master creates.
other=
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	other="
[other]
listen = $T/other.sock
functions = $CONTRACT
workers = 1
user = nobody
access.log = $T/log/other-access.log
"
fi
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
error_log = $T/log/error.log
log_level = info

[www]
listen = $T/www.sock
functions = $CONTRACT
workers = 2
access.log = $T/log/www-access.log
$RUN_AS
$other
INI

# The shipped configuration, pointed at this test's files.
sed -e "s|/var/log/fnpool/|$T/log/|" -e "s|/run/fnpool.pid|$T/fnpool.pid|g" \
    "$SRCDIR/contrib/logrotate/fnpool" >"$T/logrotate.conf"
check "the test's logrotate.conf rotates the test's log" \
    grep -qx "$T/log/\*.log {" "$T/logrotate.conf"
check "and signals the test's fnpool only" \
    sh -c "! grep -v '^#' '$T/logrotate.conf' | grep -qE '/var/log/|/run/fnpool.pid'"

fnpool_start "$T/fnpool.ini"
nworkers=2
[ -n "$other" ] && nworkers=3
check "fnpool starts" wait_for 50 workers_are $nworkers

# tagged SOCK TAG: a request whose console.log line carries TAG.
tagged() {
	"$FCGI_POST" "$1" 0 REQUEST_METHOD=GET SCRIPT_NAME=/log QUERY_STRING="tag=$2" |
	    tr -d '\r' | tail -1
}
in_log() { grep -q "$2" "$T/log/$1"; }

id=$(tagged "$T/www.sock" before-rotation)
check "a worker's line goes to error.log" wait_for 20 in_log error.log "request=$id: tag before-rotation"

logrotate -f -s "$T/logrotate.state" "$T/logrotate.conf" >"$T/logrotate.log" 2>&1
is "$?" 0 "logrotate -f with contrib/logrotate/fnpool"
check "the old log is error.log.1" grep -q "tag before-rotation" "$T/log/error.log.1"
check "the master reopened error.log (SIGUSR1 from postrotate)" \
    wait_for 50 in_log error.log "log files reopened"

# Each worker reopens between requests, and kept serving meanwhile.
for i in 1 2 3 4; do
	id=$(tagged "$T/www.sock" "after-rotation-$i")
	check "request $i after the rotation: its line is in the new error.log" \
	    wait_for 20 in_log error.log "request=$id: tag after-rotation-$i"
done
check "and not in the old one" sh -c "! grep -q after-rotation '$T/log/error.log.1'"
check "the access log was rotated too" test -s "$T/log/www-access.log.1"
check "the last request is in the new access log" \
    wait_for 20 in_log www-access.log " $id "

if [ -n "$other" ]; then
	check "the nobody worker could not reopen, and said why in the old log" \
	    wait_for 50 in_log error.log.1 "cannot reopen the error log (Permission denied): exiting to be replaced"
	check "it is replaced" wait_for 50 workers_are 3
	id=$(tagged "$T/other.sock" from-nobody)
	check "the replacement (user nobody) logs to the new error.log" \
	    wait_for 20 in_log error.log "request=$id: tag from-nobody"
	check "and to the new access log" wait_for 20 in_log other-access.log " $id "
	check "the replacement was not counted as a crash" \
	    sh -c "! grep -q 'crash loop' '$T/log/error.log'"
else
	ok "# SKIP a worker as another user needs root and the nobody account"
fi

# A second rotation with delaycompress: the first old log is compressed.
tagged "$T/www.sock" second >/dev/null
logrotate -f -s "$T/logrotate.state" "$T/logrotate.conf" >>"$T/logrotate.log" 2>&1
is "$?" 0 "a second rotation"
check "error.log.2.gz, error.log.1 and a fresh error.log" \
    test -s "$T/log/error.log.2.gz" -a -s "$T/log/error.log.1"
check "the master reopened again" wait_for 50 in_log error.log "log files reopened"

# For the sanitizer check of the logs (lib.sh reads $T/*.log).
cat "$T/log/error.log.1" "$T/log/error.log" >"$T/error-logs.log"
