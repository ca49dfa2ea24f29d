#!/bin/bash
# test_deb.sh BUILDDIR: the Debian package (debian/, docs/debian.md).
#
# Builds it with `make deb` in BUILDDIR (a configured build tree), then
# checks what it holds without installing it: the files, the conffiles,
# the dependencies, the units and the packaged fnpool.ini against each
# other, the maintainer scripts (sh -n), and lintian (no error, no
# warning that debian/fnpool.lintian-overrides does not explain).
#
# Then the live check, which changes this machine (it installs into /usr,
# /etc, /var and /srv): only with CI=true or FNPOOL_TEST_DEB_INSTALL=1, as
# root, and when no fnpool package, /etc/fnpool or /srv/fnpool is there
# already.  It installs the .deb with dpkg, starts fnpool the way the
# unit does (ExecStartPre, then ExecStart, with the unit's directories
# and umask: no systemd runs here), sends requests through an nginx that
# includes the packaged snippet, then removes and purges the package and
# checks what each leaves.  The package is purged on every exit, failures
# included.  Prints TAP.
set -u
builddir=$(realpath "${1:?usage: test_deb.sh BUILDDIR}")
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
FNPOOL=/usr/sbin/fnpool		# the packaged binary, for lib.sh
export SRCDIR FNPOOL
. "$SRCDIR/tests/integration/lib.sh"

# logged LOG COMMAND...: runs COMMAND with its output appended to $T/LOG.
logged() { local log=$1; shift; "$@" >>"$T/$log" 2>&1; }

CONFFILES='/etc/fnpool/fnpool.ini
/etc/logrotate.d/fnpool
/etc/nginx/snippets/fnpool.conf'

# ---- build ---------------------------------------------------------------

version=$(sed -n 's/^PACKAGE_VERSION = //p' "$builddir/Makefile")
arch=$(dpkg --print-architecture)
started=$(date +%s)
if ! make -C "$builddir" deb >"$T/deb-build.log" 2>&1; then
	not_ok "make deb"
	tail -n 30 "$T/deb-build.log" | sed 's/^/#   /'
	exit 1
fi
ok "make deb builds the package in $(($(date +%s) - started)) s"
deb=$(ls "$builddir"/deb/fnpool_"$version"-*_"$arch".deb 2>/dev/null | tail -1)
check "fnpool_${version}-N_$arch.deb, the version configure.ac gives" test -f "$deb"
check "and its -dbgsym" test -f "${deb%/*}/fnpool-dbgsym_${deb#*/fnpool_}"
[ -f "$deb" ] || exit 1

# ---- contents --------------------------------------------------------------

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|; s|/$||' >"$T/contents"
missing=
for f in /usr/sbin/fnpool /etc/fnpool/fnpool.ini /etc/nginx/snippets/fnpool.conf \
    /etc/logrotate.d/fnpool /lib/systemd/system/fnpool.service \
    /lib/systemd/system/fnpool.socket /usr/share/man/man8/fnpool.8.gz \
    /usr/share/man/man5/fnpool.ini.5.gz /usr/share/man/man7/fnpool-functions.7.gz \
    /usr/share/fnpool/build/fnpool-build.js /var/lib/fnpool /var/log/fnpool \
    /usr/share/doc/fnpool/copyright; do
	grep -qxF "$f" "$T/contents" || missing="$missing $f"
done
is "${missing:-none}" "none" "dpkg-deb -c: the binary, configuration, units, man pages, build script, state_dir"
examples=$(cd "$SRCDIR/functions" && find . -name '*.js' | sed 's|^\.|/usr/share/fnpool/functions|' | sort)
is "$(grep '^/usr/share/fnpool/functions/.*\.js$' "$T/contents" | sort)" "$examples" \
    "the example functions are functions/, all of it"
is "$(grep -E '^/(srv|usr/local|home|tmp)(/|$)' "$T/contents")" "" \
    "nothing under /srv, /usr/local, /home or /tmp"

dpkg-deb -e "$deb" "$T/control"
is "$(cat "$T/control/conffiles")" "$CONFFILES" "conffiles: fnpool.ini, logrotate, the nginx snippet"
for s in preinst postinst prerm postrm; do
	check "$s: sh -n" sh -n "$T/control/$s"
done
depends=$(dpkg-deb -f "$deb" Depends)
like "$depends" '(^|, )libmujs3 \(>= 1\.3\.6\)(,|$)' "Depends: libmujs3 (>= 1.3.6)"
like "$depends" '(^|, )adduser(,|$)' "Depends: adduser (postinst makes _fnpool)"
like "$(cat "$T/control/postinst")" "deb-systemd-helper enable 'fnpool.service'" \
    "postinst enables fnpool.service"
is "$(grep -c "deb-systemd-invoke .* 'fnpool.socket'" "$T/control/postinst")" "0" \
    "postinst does not start fnpool.socket"
like "$(grep -B5 "was-enabled 'fnpool.socket'" "$T/control/postinst")" \
    "if deb-systemd-helper debian-installed 'fnpool.socket'; then" \
    "postinst enables fnpool.socket only where it was before (disabled by default)"

# The pieces agree with each other: the unit runs the packaged binary on
# the packaged configuration, whose pool listens where the socket unit
# and the nginx snippet say.
dpkg-deb -x "$deb" "$T/root"
unit=$T/root/lib/systemd/system/fnpool.service
conf=$T/root/etc/fnpool/fnpool.ini
unit_get() { sed -n "s/^$2=//p" "$1" | tail -1; }
conf_get() {
	awk -v k="$1" '/^\[/ { s = $0 } (s == "[www]" || s == "[global]") && $1 == k && $2 == "=" { print $3; exit }' "$conf"
}
is "$(unit_get "$unit" ExecStart)" "/usr/sbin/fnpool -c /etc/fnpool/fnpool.ini" "ExecStart: the packaged binary and configuration"
is "$(unit_get "$unit" ExecStartPre)" "/usr/sbin/fnpool -t -c /etc/fnpool/fnpool.ini" "ExecStartPre checks it"
is "$(unit_get "$unit" Wants)" "" "the service does not pull in fnpool.socket"
is "$(unit_get "$T/root/lib/systemd/system/fnpool.socket" ListenStream)" "$(conf_get listen)" \
    "fnpool.socket listens where the pool does"
is "$(sed -n 's/^fastcgi_pass unix:\(.*\);$/\1/p' "$T/root/etc/nginx/snippets/fnpool.conf")" \
    "$(conf_get listen)" "the nginx snippet passes to the pool's socket"
is "$(conf_get listen):$(conf_get listen.owner):$(conf_get listen.group):$(conf_get listen.mode)" \
    "/run/fnpool/www.sock:www-data:www-data:0660" "the pool's socket is nginx's (www-data, 0660)"
is "$(conf_get functions):$(conf_get user):$(conf_get state_dir)" \
    "/srv/fnpool/functions:_fnpool:/var/lib/fnpool" "functions, user and state_dir of the package"
is "$(conf_get pid)" "/run/fnpool.pid" "pid file: the one logrotate signals"
check "logrotate reopens the logs through that pid file" \
    grep -q 'kill -USR1 "$(cat /run/fnpool.pid)"' "$T/root/etc/logrotate.d/fnpool"

# ---- lintian ---------------------------------------------------------------

if ! command -v lintian >/dev/null; then
	not_ok "lintian is installed (apt-get install lintian; tests/setup-deps.sh does)"
else
	lintian --display-info "${deb%.deb}.changes" >"$T/lintian.out" 2>&1
	grep -v 'running with root privileges' "$T/lintian.out" | sed 's/^/#   lintian: /'
	is "$(grep -cE '^E:' "$T/lintian.out")" "0" "lintian: no error"
	is "$(grep -E '^W:' "$T/lintian.out")" "" \
	    "lintian: no warning (the expected ones are overridden, with their reason)"
fi

# ---- live: install, serve, remove, purge -------------------------------------

live_skip() {
	ok "# SKIP live install: $*"
	exit 0
}
[ "${CI:-}" = true ] || [ "${FNPOOL_TEST_DEB_INSTALL:-}" = 1 ] ||
    live_skip "it changes this machine; set FNPOOL_TEST_DEB_INSTALL=1 (or CI=true) to run it"
[ "$(id -u)" = 0 ] || live_skip "needs root"
status=$(dpkg-query -W -f='${db:Status-Status}' fnpool 2>/dev/null)
[ -z "$status" ] || [ "$status" = not-installed ] ||
    live_skip "the fnpool package is on this machine ($status)"
for d in /etc/fnpool /srv/fnpool /run/fnpool/www.sock; do
	[ ! -e "$d" ] || live_skip "$d exists: not the package's"
done
[ -z "$(ls -A /var/lib/fnpool 2>/dev/null)" ] || live_skip "/var/lib/fnpool holds data"
[ -x "$NGINX" ] || live_skip "nginx is not installed ($NGINX)"
[ ! -e /usr/local/sbin/fnpool ] ||
    diag "/usr/local/sbin/fnpool (make install) comes first in PATH; the test runs /usr/sbin/fnpool"
made_run=
[ -d /run/fnpool ] || made_run=1

deb_cleanup() {
	nginx_stop
	fnpool_stop
	status=$(dpkg-query -W -f='${db:Status-Status}' fnpool 2>/dev/null)
	if [ -n "$status" ] && [ "$status" != not-installed ]; then
		dpkg -P fnpool >>"$T/dpkg.log" 2>&1 || not_ok "dpkg -P fnpool on exit"
	fi
	rm -rf /srv/fnpool
	[ -z "$made_run" ] || rm -rf /run/fnpool
	cleanup
}
trap deb_cleanup EXIT

check "dpkg -i installs it" logged dpkg.log dpkg -i "$deb"
pw=$(getent passwd _fnpool)
like "$pw" '^_fnpool:x:[0-9]+:[0-9]+:[^:]*:/var/lib/fnpool:/usr/sbin/nologin$' \
    "postinst makes the _fnpool account (home state_dir, no shell)"
uid=$(echo "$pw" | cut -d: -f3)
check "_fnpool is a system account (uid $uid < 1000)" test "${uid:-1000}" -lt 1000
is "$(stat -c '%U:%G %a' /var/lib/fnpool)" "_fnpool:_fnpool 750" "state_dir is _fnpool's, 0750"
is "$(stat -c '%U:%G %a' /srv/fnpool/functions):$(ls -A /srv/fnpool/functions)" "root:root 755:" \
    "/srv/fnpool/functions: made empty, root's"
is "$(dpkg-query -W -f='${Conffiles}\n' fnpool | awk 'NF { print $1 }')" "$CONFFILES" \
    "dpkg knows the conffiles"

if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify --man=no /lib/systemd/system/fnpool.service \
	    /lib/systemd/system/fnpool.socket 2>&1)
	is "$?:$out" "0:" "systemd-analyze verify: the installed units, no error, no warning"
else
	ok "# SKIP systemd-analyze is not installed (apt-get install systemd)"
fi
check "fnpool.service is enabled (multi-user.target wants it)" \
    test -L /etc/systemd/system/multi-user.target.wants/fnpool.service
check "fnpool.socket is not" test ! -e /etc/systemd/system/sockets.target.wants/fnpool.socket

# What systemd does before ExecStart: RuntimeDirectory=, LogsDirectory=, UMask=.
start=$(unit_get /lib/systemd/system/fnpool.service ExecStart)
pre=$(unit_get /lib/systemd/system/fnpool.service ExecStartPre)
umask_=$(unit_get /lib/systemd/system/fnpool.service UMask)
mkdir -p -m 0755 /run/fnpool /var/log/fnpool
set -f
check "ExecStartPre ($pre) accepts the packaged configuration" logged fnpool.log $pre
(umask "$umask_"; exec $start) >>"$T/fnpool.log" 2>&1 &
FNPOOL_PID=$!
set +f
check "ExecStart ($start) opens /run/fnpool/www.sock" wait_for 50 is_socket /run/fnpool/www.sock
is "$(stat -c '%U:%G %a' /run/fnpool/www.sock)" "www-data:www-data 660" "the socket is www-data's, 0660"
wait_for 50 test -s /run/fnpool.pid
is "$(cat /run/fnpool.pid 2>/dev/null)" "$FNPOOL_PID" "/run/fnpool.pid names the master"
wait_for 50 test -n "$(pgrep -P "$FNPOOL_PID")"
is "$(ps -o user= --ppid "$FNPOOL_PID" | sort -u)" "_fnpool" "the workers run as _fnpool"

cp -r /usr/share/fnpool/functions/. /srv/fnpool/functions/
# The snippet includes fastcgi_params relative to nginx's configuration
# directory, which is the test's own here.
cp /etc/nginx/fastcgi_params "$T/"
echo 'location / { include /etc/nginx/snippets/fnpool.conf; }' >"$T/server.conf"
check "nginx starts with a server block including the snippet" nginx_start
is "$(http '/hello?name=Debian')" $'200\n{"message":"Hello, Debian!"}' \
    "a function answers through nginx and the packaged pool"
r=$(http -H 'Content-Type: application/json' --data-binary '{"title":"kept","content":"in state_dir"}' /notes)
is "${r%%$'\n'*}" "201" "POST /notes writes to the pool's database"
is "$(stat -c %U /var/lib/fnpool/www.db 2>&1)" "_fnpool" "the database is in state_dir, _fnpool's"
check "logrotate accepts /etc/logrotate.d/fnpool" logged logrotate.log logrotate -d /etc/logrotate.d/fnpool
nginx_stop
fnpool_stop
is "${FNPOOL_RC:-}" "0" "SIGTERM (the unit's KillSignal) stops fnpool cleanly"

check "dpkg -i again (an upgrade in place)" logged dpkg.log dpkg -i "$deb"
check "dpkg -r removes it" logged dpkg.log dpkg -r fnpool
check "removal: the binary is gone" test ! -e /usr/sbin/fnpool
check "removal keeps the configuration" test -f /etc/fnpool/fnpool.ini
check "removal keeps the data (state_dir's database)" test -f /var/lib/fnpool/www.db
check "dpkg -P purges it" logged dpkg.log dpkg -P fnpool
check "purge removes the configuration" test ! -e /etc/fnpool -a ! -e /etc/nginx/snippets/fnpool.conf
check "purge removes state_dir and the logs" test ! -e /var/lib/fnpool -a ! -e /var/log/fnpool
check "purge keeps the administrator's functions in /srv/fnpool/functions" \
    test -f /srv/fnpool/functions/hello.js
check "the _fnpool account stays (its uid may own files elsewhere)" logged dpkg.log getent passwd _fnpool

rm -rf /srv/fnpool
check "installed again" logged dpkg.log dpkg -i "$deb"
check "and purged at once" logged dpkg.log dpkg -P fnpool
check "purge removes an empty /srv/fnpool/functions and /srv/fnpool" test ! -e /srv/fnpool
