# lib.sh: shared by fnpool's integration tests (sourced, bash).
#
# Each test gets a private directory under /tmp with its config, sockets,
# logs and pid files, starts the real fnpool (and nginx where asked), and
# prints TAP.  Everything it starts is stopped on exit.

set -u

: "${FNPOOL:?set FNPOOL to the fnpool binary}"
: "${SRCDIR:?set SRCDIR to the source tree}"
NGINX=${NGINX:-/usr/sbin/nginx}
[ -n "$NGINX" ] || NGINX=/usr/sbin/nginx

T=$(mktemp -d /tmp/fnpool-test.XXXXXX)
chmod 755 "$T"		# nginx workers (www-data) must reach the sockets
FIXTURES="$SRCDIR/tests/fixtures/functions"
# The pools' SQLite databases (state_dir's default), under the test's own
# directory rather than /var/lib/fnpool.
export FNPOOL_STATE_DIR="$T/state"
FNPOOL_PID=
NGINX_PID=
# Pools name their workers' account: a root fnpool refuses to run workers
# as root unless told so, and a test as root says so explicitly.
RUN_AS="user = $(id -un)"
tap_n=0
tap_failed=0

ok()     { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
diag()   { printf '#   %s\n' "$@"; }
skip_all() { trap - EXIT; rm -rf "$T"; echo "1..0 # SKIP $*"; exit 0; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	local desc=$1; shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3"; diag "got:  $1" "want: $2"; fi
}

# like GOT REGEX DESCRIPTION
like() {
	if [[ $1 =~ $2 ]]; then ok "$3"; else not_ok "$3"; diag "got:  $1" "want: /$2/"; fi
}

# wait_for TENTHS COMMAND...: polls a readiness condition, 0.1 s apart.
wait_for() {
	local tries=$1; shift
	while [ "$tries" -gt 0 ]; do
		"$@" 2>/dev/null && return 0
		tries=$((tries - 1))
		sleep 0.1
	done
	return 1
}

is_socket() { [ -S "$1" ]; }

# fnpool_start CONFIG: starts the master in the foreground, in the background.
fnpool_start() {
	"$FNPOOL" -c "$1" >>"$T/fnpool.log" 2>&1 &
	FNPOOL_PID=$!
}

# worker_pids: the live children of the fnpool master.
worker_pids() {
	pgrep -P "$FNPOOL_PID" | sort
}

worker_count() {
	pgrep -P "$FNPOOL_PID" | wc -l
}

# need_fcgi_client: CLIENT is the fcgi_client helper; the test is skipped
# when it was not built.
need_fcgi_client() {
	CLIENT="$BUILDDIR/tests/helpers/fcgi_client"
	[ -x "$CLIENT" ] || skip_all "fcgi_client helper not built ($CLIENT)"
}

# one_pool NAME FUNCTIONS WORKERS [LINE...]: fnpool with one pool on
# $T/NAME.sock, the LINEs added to its section; returns once the socket
# and the workers are up, with their pids in W.
one_pool() {
	local name=$1 functions=$2 workers=$3
	shift 3
	{
		printf '[global]\npid = %s\n\n[%s]\n' "$T/fnpool.pid" "$name"
		printf 'listen = %s\nfunctions = %s\nworkers = %s\n' \
		    "$T/$name.sock" "$functions" "$workers"
		printf '%s\n' "$RUN_AS" "$@"
	} >"$T/fnpool.ini"
	fnpool_start "$T/fnpool.ini"
	check "fnpool creates its socket" wait_for 50 is_socket "$T/$name.sock"
	check "$workers worker(s)" wait_for 50 workers_up "$workers"
	W=$(worker_pids)
}

workers_up() { [ "$(worker_count)" = "$1" ]; }

fnpool_stop() {
	[ -n "$FNPOOL_PID" ] || return 0
	kill -TERM "$FNPOOL_PID" 2>/dev/null
	wait "$FNPOOL_PID" 2>/dev/null
	FNPOOL_RC=$?
	FNPOOL_PID=
}

# nginx_start: nginx on unix:$T/nginx.sock; its server block comes from
# the file $T/server.conf, which the test writes first, and any http-level
# directives (upstream blocks) from $T/http.conf.
nginx_start() {
	local user=""
	[ "$(id -u)" = 0 ] && user="user www-data www-data;"
	mkdir -p "$T/nginx"
	[ -f "$T/http.conf" ] || : >"$T/http.conf"
	cat >"$T/nginx.conf" <<CONF
$user
worker_processes 1;
pid $T/nginx.pid;
error_log $T/nginx-error.log info;
events { worker_connections 512; }
http {
	access_log $T/nginx-access.log;
	client_body_temp_path $T/nginx/body;
	fastcgi_temp_path $T/nginx/fastcgi;
	proxy_temp_path $T/nginx/proxy;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	include $T/http.conf;
	server {
		listen unix:${NGINX_SOCK:-$T/nginx.sock};
		include $T/server.conf;
	}
}
CONF
	"$NGINX" -e "$T/nginx-error.log" -p "$T/nginx" -c "$T/nginx.conf" \
	    -g 'daemon off;' >>"$T/nginx-error.log" 2>&1 &
	NGINX_PID=$!
	wait_for 50 is_socket "${NGINX_SOCK:-$T/nginx.sock}" &&
	    wait_for 50 is_socket "$T/nginx.sock"
}

nginx_stop() {
	[ -n "$NGINX_PID" ] || return 0
	kill -QUIT "$NGINX_PID" 2>/dev/null
	wait "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}

# http [CURL ARGS...] PATH: prints "STATUS" then the body; headers go to
# $T/headers.  Requests go through nginx's unix socket.
http() {
	local path=${*: -1}
	set -- "${@:1:$#-1}"
	curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -D "$T/headers" \
	    -o "$T/body" -w '%{http_code}' "$@" "http://fnpool.test$path"
	echo
	cat "$T/body"
}

# header NAME: a header of the last http response.
header() {
	tr -d '\r' <"$T/headers" | awk -v n="$(echo "$1" | tr A-Z a-z)" \
	    'BEGIN{FS=": "} tolower($1)==n {print substr($0, length($1)+3); exit}'
}

# Sanitizer reports in any log are failures of the test that produced them.
check_sanitizers() {
	if grep -q -E 'Sanitizer|runtime error:' "$T"/*.log 2>/dev/null; then
		not_ok "no sanitizer reports in the logs"
		grep -h -A5 -E 'Sanitizer|runtime error:' "$T"/*.log | head -40 |
		    sed 's/^/#   /'
	fi
}

cleanup() {
	nginx_stop
	fnpool_stop
	check_sanitizers
	echo "1..$tap_n"
	if [ "$tap_failed" -gt 0 ] || [ -n "${KEEP_TMP:-}" ]; then
		echo "# logs kept in $T"
		for f in "$T"/*.log; do
			[ -f "$f" ] || continue
			echo "# --- $f (last lines)"
			tail -n 15 "$f" | sed 's/^/#   /'
		done
	else
		rm -rf "$T"
	fi
	exit $((tap_failed > 0))
}

trap cleanup EXIT

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
	local p tries=50
	while [ $tries -gt 0 ]; do
		p=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
		tries=$((tries - 1))
	done
	return 1
}

# port_open PORT: something accepts connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# fnpool_fixtures_config PREFIX: a config serving the fixtures on $T/fnpool.sock.
fnpool_fixtures_config() {
	local owner=""
	[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'
	cat >"$T/fnpool.ini" <<INI
[fixtures]
listen = $T/fnpool.sock
$RUN_AS
$owner
listen.mode = 0660
functions = $FIXTURES
prefix = ${1:-/}
workers = 2
INI
}

# web_server_checks BASE_URL: a 200, a 404 and a POST through a web server.
web_server_checks() {
	local base=$1 name=$2 r
	r=$(curl -sS --max-time 10 -w '\n%{http_code}' "$base/api/users")
	is "$r" $'[{"id":1,"name":"Ada"},{"id":2,"name":"Grace"}]\n200' "$name: 200 from a nested function"
	r=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$base/no/such/function")
	is "$r" "404" "$name: 404 for a missing function"
	r=$(curl -sS --max-time 10 -H 'Content-Type: text/plain' --data-binary 'posted through' "$base/body")
	is "$r" '{"body":"posted through","length":14,"type":"text/plain"}' "$name: POST body"
	r=$(curl -sS --max-time 10 "$base/query?a=1&a=2")
	is "$r" '{"a":["1","2"]}' "$name: query string"
}
