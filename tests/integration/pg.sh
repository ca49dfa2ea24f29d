# pg.sh: a private PostgreSQL server for the tests and the benchmark
# (sourced, bash, after lib.sh or with T set).  Debian's postgresql
# package provides the binaries (tests/setup-deps.sh installs it).
#
#   pg_start         initdb into the build tree (or $T), as an unprivileged
#                    account when run as root; start with pg_ctl, listening
#                    only on a unix socket in that directory; poll
#                    pg_isready until it answers.  Sets PG_SOCKDIR, PG_URL
#                    (postgresql:///fnpool?host=PG_SOCKDIR) and stops the
#                    server when the script exits.
#   pg_sql SQL...    runs SQL with psql as the superuser: prints rows,
#                    one per line, fields separated by '|'.
#   pg_restart       pg_ctl restart (fast), then pg_isready again.
#   pg_stop          pg_ctl stop (fast); idempotent.
#
# pg_start returns 1 (with PG_WHY set) when PostgreSQL is not installed.

PG_BIN=
PG_DIR=
PG_SOCKDIR=
PG_URL=
PG_WHY=
PG_PORT=5432
PG_USER=fnpool		# the superuser initdb makes

pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h "$PG_SOCKDIR" -p "$PG_PORT"; }

pg_start() {
	local base
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
		PG_WHY="PostgreSQL is not installed (apt-get install postgresql, or tests/setup-deps.sh)"
		return 1
	fi
	base=${BUILDDIR:+$BUILDDIR/tests/integration/tmp}
	base=${base:-$T}
	mkdir -p "$base"
	PG_DIR=$(mktemp -d "$base/pg.XXXXXX")
	chmod 755 "$PG_DIR"	# the workers (any account) reach the socket
	[ "$(id -u)" = 0 ] && chown nobody "$PG_DIR"
	PG_SOCKDIR=$PG_DIR
	if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust \
	    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
		PG_WHY="initdb failed: $(tail -1 "$PG_DIR/initdb.log")"
		return 1
	fi
	# a role that must give its password, for the masking tests
	sed -i '1i local all pwuser scram-sha-256' "$PG_DIR/data/pg_hba.conf"
	cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PG_SOCKDIR'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 32MB
log_min_messages = warning
CONF
	trap 'pg_stop; cleanup' EXIT
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -W \
	    start >/dev/null 2>&1
	if ! wait_for 300 pg_ready; then
		PG_WHY="the server did not start: $(tail -3 "$PG_DIR/server.log")"
		return 1
	fi
	PG_URL="postgresql:///fnpool?host=$PG_SOCKDIR&port=$PG_PORT&user=$PG_USER"
	PG_DB=postgres pg_sql "CREATE DATABASE fnpool" >/dev/null
}

pg_sql() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" \
	    -p "$PG_PORT" -U "$PG_USER" -d "${PG_DB:-fnpool}" -c "$*"
}

pg_restart() {
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -m fast \
	    -W restart >/dev/null 2>&1
	wait_for 300 pg_ready
}

pg_stop() {
	[ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
	if [ "${tap_failed:-0}" -gt 0 ] || [ -n "${KEEP_TMP:-}" ]; then
		cp "$PG_DIR/server.log" "$T/postgresql.log" 2>/dev/null
	fi
	rm -rf "$PG_DIR"
	PG_DIR=
}
