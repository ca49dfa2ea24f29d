#!/bin/bash
# contrib/systemd: the units pass `systemd-analyze verify`, keep their
# hardening, agree with conf/fnpool.ini, and fnpool run the way the units
# run it (the socket passed under its FileDescriptorName, ExecReload,
# the default KillSignal) answers, reloads and stops gracefully.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

UNITS="$SRCDIR/contrib/systemd"
SERVICE="$UNITS/fnpool.service"
SOCKET="$UNITS/fnpool.socket"
CONF="$SRCDIR/conf/fnpool.ini"

# unit_get FILE KEY: the value of the last KEY= line.
unit_get() { sed -n "s/^$2=//p" "$1" | tail -1; }
# conf_get KEY: the value of KEY in conf/fnpool.ini's pool [www].
conf_get() {
	awk -v k="$1" '/^\[/ { s = $0 } s == "[www]" && $1 == k && $2 == "=" { print $3; exit }' "$CONF"
}

# ---- systemd-analyze ---------------------------------------------------------

# The units name the installed binary; verify checks that it exists.
sed "s|/usr/local/sbin/fnpool|$FNPOOL|g" "$SERVICE" >"$T/fnpool.service"
cp "$SOCKET" "$T/fnpool.socket"
if ! command -v systemd-analyze >/dev/null; then
	ok "# SKIP systemd-analyze is not installed (apt-get install systemd)"
else
	out=$(systemd-analyze verify --man=no "$T/fnpool.service" "$T/fnpool.socket" 2>&1)
	rc=$?
	is "$rc:$out" "0:" "systemd-analyze verify: no error, no warning"

	# verify exits 0 on settings it ignores: the check reads its output.
	mkdir -p "$T/bad"
	sed 's/^Type=notify$/Type=notifyy/' "$T/fnpool.service" >"$T/bad/fnpool.service"
	out=$(systemd-analyze verify --man=no "$T/bad/fnpool.service" 2>&1)
	like "$out" "Failed to parse service type" "(self-check) a broken unit is reported"

	if out=$(systemd-analyze security --offline=true "$T/fnpool.service" 2>&1); then
		level=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for fnpool.service: \([0-9.]*\).*/\1/p')
		check "the service's exposure level is 4.0 or less (it is $level)" \
		    awk -v l="${level:-99}" 'BEGIN { exit !(l <= 4.0) }'
	else
		ok "# SKIP systemd-analyze security --offline is not supported here"
	fi
fi

# ---- the units against fnpool ------------------------------------------------

is "$(unit_get "$SERVICE" Type)" "notify" "Type=notify: fnpool sends READY=1"
is "$(unit_get "$SERVICE" ExecReload)" '/bin/kill -HUP $MAINPID' "ExecReload sends SIGHUP"
kill_signal=$(unit_get "$SERVICE" KillSignal)
kill_signal=${kill_signal:-SIGTERM}
like "$kill_signal" '^SIG(TERM|QUIT)$' "KillSignal ($kill_signal) is a graceful stop"
stop_s=$(unit_get "$SERVICE" TimeoutStopSec)
check "TimeoutStopSec ($stop_s) leaves shutdown_timeout (10s) time to drain" test "${stop_s:-90}" -gt 10
like "$(unit_get "$SERVICE" ExecStart)" '^/usr/local/sbin/fnpool -c /etc/fnpool/fnpool.ini$' \
    "ExecStart runs the master in the foreground (no -D)"
like "$(unit_get "$SERVICE" ExecStartPre)" ' -t -c ' "ExecStartPre checks the configuration"
like "$(unit_get "$SERVICE" RestrictAddressFamilies)" 'AF_NETLINK' \
    "AF_NETLINK stays allowed (queue_timeout reads sock_diag)"

name=$(unit_get "$SOCKET" FileDescriptorName)
is "$name" "www" "the socket is named after conf/fnpool.ini's pool [www]"
is "$(unit_get "$SOCKET" ListenStream)" "$(conf_get listen)" "ListenStream is the pool's listen"
is "$(unit_get "$SOCKET" SocketUser)" "$(conf_get listen.owner)" "SocketUser is listen.owner"
is "$(unit_get "$SOCKET" SocketGroup)" "$(conf_get listen.group)" "SocketGroup is listen.group"
is "$(unit_get "$SOCKET" SocketMode)" "$(conf_get listen.mode)" "SocketMode is listen.mode"
is "$(unit_get "$SOCKET" Backlog)" "$(conf_get listen.backlog)" "Backlog is listen.backlog"

[ -x "$SDLAUNCH" ] || { not_ok "sdlaunch helper built ($SDLAUNCH)"; exit; }

cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[$name]
listen = $T/unused.sock
functions = $PM_FIXTURES
workers = 1
env.POOL = $name
$RUN_AS
INI

"$SDLAUNCH" --notify "$T/notify.sock" "$T/notify.log" &
NOTIFY_PID=$!
check "the notify listener is up" wait_for 50 is_socket "$T/notify.sock"
NOTIFY_SOCKET=$T/notify.sock "$SDLAUNCH" "$name=$T/www.sock" -- \
    "$FNPOOL" -c "$T/fnpool.ini" >>"$T/fnpool.log" 2>&1 &
FNPOOL_PID=$!
ready_n() { [ "$(grep -cx READY=1 "$T/notify.log")" -ge "$1" ]; }
check "READY=1 once started" wait_for 50 ready_n 1

fcgi_get() {
	"$FCGI_POST" "$T/www.sock" 0 REQUEST_METHOD=GET SCRIPT_NAME="$1" |
	    tr -d '\r' | sed '1,/^$/d'
}
is "$(fcgi_get /hello)" "hello from $name" "the passed socket serves pool [$name]"
check "fnpool bound nothing itself" test ! -e "$T/unused.sock"

MAINPID=$FNPOOL_PID
eval "$(unit_get "$SERVICE" ExecReload)"
check "ExecReload: RELOADING=1, then READY=1" wait_for 50 ready_n 2
check "RELOADING=1 was sent" grep -q "^RELOADING=1" "$T/notify.log"
is "$(fcgi_get /hello)" "hello from $name" "it serves after the reload"

kill -s "${kill_signal#SIG}" "$FNPOOL_PID"
wait "$FNPOOL_PID"
is "$?" 0 "KillSignal: the master stops, exit status 0"
FNPOOL_PID=
check "STOPPING=1 is sent" grep -qx "STOPPING=1" "$T/notify.log"
check "the socket stays, for systemd to pass again" test -S "$T/www.sock"
kill "$NOTIFY_PID"
wait "$NOTIFY_PID" 2>/dev/null
