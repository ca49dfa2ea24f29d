#!/bin/bash
# db.sh: fnpool:db against PHP-FPM with PDO, behind the same nginx, on the
# same databases (bench/README.md, "Databases").
#
#   FNPOOL=build/src/fnpool bench/db.sh        (make bench-db does this)
#
# Workloads, each on SQLite (one file, WAL) and on PostgreSQL (a private
# server started with tests/integration/pg.sh, unix socket):
#   read    GET .../db/read?e=E&id=N   one row by primary key, as JSON
#   insert  GET .../db/insert?e=E&id=N one row inserted, its id as JSON
# fnpool: bench/functions/db/*.js; PHP-FPM: bench/php/db/*.php (PDO,
# persistent connections, prepared statements).  Both run $WORKERS
# workers; wrk drives nginx over loopback TCP with 32 connections (wrk
# script db-random.lua picks N).  Rounds interleave the two backends
# (fnpool, php, then php, fnpool) and the tables show medians.  Then a
# soak: one fnpool worker answers 100,000 requests of two queries each
# (200,000 queries) after a warm-up, and its RSS growth is reported.
#
# Environment: BENCH_DURATION=5, BENCH_ROUNDS=3, BENCH_WARMUP=2,
# BENCH_CONNECTIONS=32, BENCH_WORKERS=$(nproc), BENCH_PORT=18090,
# BENCH_SOAK=100000 (requests; 0: no soak), BENCH_QUICK=1 (2 s, 1 round,
# 10,000 soak requests), BENCH_OUTPUT=FILE (the report, markdown, is also
# appended to FILE), BENCH_KEEP=1, BENCH_NO_INSTALL=1.
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$BENCH")
: "${FNPOOL:?set FNPOOL to the fnpool binary}"
FNPOOL=$(realpath "$FNPOOL")
if [ -n "${BENCH_QUICK:-}" ]; then
	DURATION=${BENCH_DURATION:-2} ROUNDS=${BENCH_ROUNDS:-1}
	WARMUP=${BENCH_WARMUP:-1} SOAK=${BENCH_SOAK:-10000}
else
	DURATION=${BENCH_DURATION:-5} ROUNDS=${BENCH_ROUNDS:-3}
	WARMUP=${BENCH_WARMUP:-2} SOAK=${BENCH_SOAK:-100000}
fi
CONNS=${BENCH_CONNECTIONS:-32}
WORKERS=${BENCH_WORKERS:-$(nproc)}
PORT=${BENCH_PORT:-18090}
ROWS=10000
NGINX=/usr/sbin/nginx
PHP_FPM=/usr/sbin/php-fpm8.2
START=$(date +%s)

die() { echo "bench-db: $*" >&2; exit 1; }
say() { echo "bench-db: $*" >&2; }

install_missing() {
	local missing=() p
	for p in wrk nginx-light php8.2-fpm php8.2-opcache php8.2-sqlite3 \
	    php8.2-pgsql postgresql apache2-utils curl; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ -z "${BENCH_NO_INSTALL:-}" ] || die "missing packages: ${missing[*]}"
	[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (run as root)"
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends "${missing[@]}" >/dev/null ||
	    die "apt-get install ${missing[*]} failed"
}
install_missing

R=$(mktemp -d /tmp/fnpool-bench-db.XXXXXX)
chmod 755 "$R"
mkdir -p "$R/nginx" "$R/wrk"
T=$R			# for pg.sh
RUN_USER=
[ "$(id -u)" = 0 ] && RUN_USER=www-data
declare -A MASTER=()
NGINX_PID=
FAILED=1

wait_for() {
	local tries=$1; shift
	while [ "$tries" -gt 0 ]; do
		"$@" 2>/dev/null && return 0
		tries=$((tries - 1))
		sleep 0.1
	done
	return 1
}

cleanup() {
	local inst
	for inst in "${!MASTER[@]}"; do
		kill -TERM "${MASTER[$inst]}" 2>/dev/null
		wait "${MASTER[$inst]}" 2>/dev/null
	done
	if [ -n "$NGINX_PID" ]; then
		kill -QUIT "$NGINX_PID" 2>/dev/null
		wait "$NGINX_PID" 2>/dev/null
	fi
	if [ "$FAILED" = 1 ] || [ -n "${BENCH_KEEP:-}" ]; then
		say "run directory kept: $R"
	else
		rm -rf "$R"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# shellcheck source=../tests/integration/pg.sh
. "$SRC/tests/integration/pg.sh"	# its trap runs pg_stop, then cleanup

# ---- databases -----------------------------------------------------------

say "starting PostgreSQL"
BUILDDIR= pg_start || die "$PG_WHY"
pg_sql "CREATE TABLE kv (id int PRIMARY KEY, name text, value text);
    INSERT INTO kv SELECT x, 'name ' || x, md5(x::text) FROM generate_series(1, $ROWS) x;
    CREATE TABLE log (id serial PRIMARY KEY, name text, value text,
        at timestamptz DEFAULT now());
    GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC;
    GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO PUBLIC; ANALYZE" ||
    die "cannot fill PostgreSQL"
mkdir -p "$R/state"
SQLITE=$R/state/bench.db
python3 - "$SQLITE" "$ROWS" <<'PY' || die "cannot fill $SQLITE"
import sqlite3, sys, hashlib
c = sqlite3.connect(sys.argv[1])
c.execute('PRAGMA journal_mode = WAL')
c.execute('CREATE TABLE kv (id INTEGER PRIMARY KEY, name TEXT, value TEXT)')
c.executemany('INSERT INTO kv VALUES (?, ?, ?)', ((i, 'name %d' % i,
    hashlib.md5(str(i).encode()).hexdigest()) for i in range(1, int(sys.argv[2]) + 1)))
c.execute('CREATE TABLE log (id INTEGER PRIMARY KEY, name TEXT, value TEXT, '
    "at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))")
c.commit()
PY
[ -n "$RUN_USER" ] && chown -R "$RUN_USER" "$R/state"
PG_URL_BENCH="postgresql:///fnpool?host=$PG_SOCKDIR&port=$PG_PORT&user=$PG_USER"

# ---- backends and nginx ----------------------------------------------------

owner_lines() {
	[ -n "$RUN_USER" ] || return 0
	printf 'listen.owner = %s\nlisten.group = %s\nuser = %s\ngroup = %s\n' \
	    "$RUN_USER" "$RUN_USER" "$RUN_USER" "$RUN_USER"
}

fnpool_start() {	# INST WORKERS
	{
		printf '[global]\npid = %s/%s.pid\nstate_dir = %s/state\n\n' "$R" "$1" "$R"
		printf '[bench]\nlisten = %s/%s.sock\nlisten.mode = 0660\n' "$R" "$1"
		owner_lines
		printf 'functions = %s/functions\nprefix = /%s/\nworkers = %s\n' \
		    "$BENCH" "$1" "$2"
		printf 'db.sq = sqlite:bench.db\ndb.pg = %s\n' "$PG_URL_BENCH"
	} >"$R/$1.ini"
	"$FNPOOL" -c "$R/$1.ini" >>"$R/$1.log" 2>&1 &
	MASTER[$1]=$!
}

php_start() {
	{
		printf '[global]\npid = %s/php-fpm.pid\nerror_log = %s/php.log\n' "$R" "$R"
		printf 'daemonize = no\n\n[bench]\nlisten = %s/php.sock\n' "$R"
		printf 'listen.mode = 0660\nlisten.backlog = 511\n'
		owner_lines
		printf 'pm = static\npm.max_children = %s\npm.max_requests = 0\n' "$WORKERS"
		printf 'env[BENCH_SQLITE] = %s\nenv[BENCH_PGHOST] = %s\n' "$SQLITE" "$PG_SOCKDIR"
	} >"$R/php-fpm.conf"
	"$PHP_FPM" -F -y "$R/php-fpm.conf" -d opcache.enable=1 >>"$R/php.log" 2>&1 &
	MASTER[php]=$!
}

nginx_run() {
	local user=""
	[ -n "$RUN_USER" ] && user="user $RUN_USER $RUN_USER;"
	cat >"$R/nginx.conf" <<CONF
$user
worker_processes 1;
worker_rlimit_nofile 16384;
pid $R/nginx.pid;
error_log $R/nginx-error.log warn;
events { worker_connections 8192; }
http {
	access_log off;
	keepalive_requests 1000000;
	client_body_temp_path $R/nginx/body;
	fastcgi_temp_path $R/nginx/fastcgi;
	proxy_temp_path $R/nginx/proxy;
	uwsgi_temp_path $R/nginx/uwsgi;
	scgi_temp_path $R/nginx/scgi;
	server {
		listen 127.0.0.1:$PORT backlog=4096;
		location = /ready { return 200 "ready\n"; }
		location /fnpool/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$R/fnpool.sock;
		}
		location /soak/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$R/soak.sock;
		}
		location ~ ^/php/([a-z/]+)\$ {
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME $BENCH/php/\$1.php;
			fastcgi_pass unix:$R/php.sock;
		}
	}
}
CONF
	"$NGINX" -e "$R/nginx-error.log" -p "$R/nginx" -c "$R/nginx.conf" \
	    -g 'daemon off;' >>"$R/nginx-error.log" 2>&1 &
	NGINX_PID=$!
}

get() { curl -sS --max-time 10 "http://127.0.0.1:$PORT$1"; }
ready() { [ "$(get /ready 2>/dev/null)" = ready ]; }

fnpool_start fnpool "$WORKERS"
php_start
nginx_run
wait_for 50 ready || die "nginx does not answer (see $R/nginx-error.log)"

# Every answer checked before anything is measured.
for t in fnpool php; do
	for e in sq pg; do
		got=$(get "/$t/db/read?e=$e&id=42")
		[ "$got" = '{"id":42,"name":"name 42","value":"a1d0c6e83f027327d8461063f4ac58a6"}' ] ||
		    die "$t, $e: /db/read answers '$got' (see $R/$t.log $R/php.log)"
		got=$(get "/$t/db/insert?e=$e&id=1")
		[[ $got =~ ^\{\"id\":[0-9]+\}$ ]] || die "$t, $e: /db/insert answers '$got'"
	done
done

# ---- measuring --------------------------------------------------------------

wrk_run() {	# OUT SECONDS URL_PATH
	BENCH_ROWS=$ROWS wrk -t2 -c"$CONNS" -d"$2s" --latency \
	    -s "$BENCH/db-random.lua" "http://127.0.0.1:$PORT$3" >"$1" 2>&1
}

# "requests/s p99_ms errors" from wrk's report
wrk_parse() {
	awk '
	function ms(v,  n) {
		n = v + 0
		if (v ~ /us$/) return n / 1000
		if (v ~ /ms$/) return n
		if (v ~ /s$/) return n * 1000
		return n
	}
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
	/Non-2xx or 3xx responses:/ { err += $5 }
	END { if (rps == "") exit 1; printf "%s %.2f %d\n", rps, p99, err }' "$1"
}

WORKLOADS="sq-read sq-insert pg-read pg-insert"
path_of() {	# TARGET WORKLOAD
	echo "/$1/db/${2#*-}?e=${2%%-*}"
}

say "warm-up: ${WARMUP} s per backend and workload"
for w in $WORKLOADS; do
	for t in fnpool php; do
		wrk_run "$R/wrk/warmup" "$WARMUP" "$(path_of "$t" "$w")"
	done
done
for round in $(seq 1 "$ROUNDS"); do
	order="fnpool php"
	[ $((round % 2)) = 0 ] && order="php fnpool"
	for w in $WORKLOADS; do
		for t in $order; do
			out="$R/wrk/$w-$t.r$round"
			wrk_run "$out" "$DURATION" "$(path_of "$t" "$w")"
			line=$(wrk_parse "$out") || die "wrk failed: $(cat "$out")"
			echo "$line" >>"$R/wrk/$w-$t"
			say "round $round: $w $t: $line (req/s p99_ms errors)"
		done
	done
done

median() {	# FILE COLUMN
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
	    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---- soak -----------------------------------------------------------------------

SOAK_LINE=
if [ "$SOAK" -gt 0 ]; then
	fnpool_start soak 1
	wait_for 50 test -S "$R/soak.sock" || die "the soak pool does not start"
	wait_for 50 test -n "$(pgrep -P "${MASTER[soak]}")"
	wpid=$(pgrep -P "${MASTER[soak]}" | head -1)
	rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$wpid/status"; }
	ab -q -n $((SOAK / 10)) -c 8 "http://127.0.0.1:$PORT/soak/db/soak?id=7" \
	    >"$R/soak-warmup.txt" 2>&1 || die "ab failed: $(tail -3 "$R/soak-warmup.txt")"
	before=$(rss)
	ab -q -n "$SOAK" -c 8 "http://127.0.0.1:$PORT/soak/db/soak?id=7" \
	    >"$R/soak.txt" 2>&1 || die "ab failed: $(tail -3 "$R/soak.txt")"
	after=$(rss)
	failed=$(awk '/^Failed requests:/ { print $3 }' "$R/soak.txt")
	[ "$(pgrep -P "${MASTER[soak]}" | head -1)" = "$wpid" ] ||
	    die "the soak worker was replaced"
	SOAK_LINE="$((SOAK * 2)) queries ($SOAK requests, one SQLite and one PostgreSQL read each, after a warm-up of $((SOAK / 10))): worker RSS $before KB -> $after KB ($((after - before)) KB), $failed failed"
	say "soak: $SOAK_LINE"
fi

# ---- report -----------------------------------------------------------------------

report() {
	local w f p rf rp
	echo "### Databases: fnpool:db vs PHP-FPM with PDO ($(date -u '+%Y-%m-%d %H:%M UTC'))"
	echo
	echo "- command: \`FNPOOL=build/src/fnpool bench/db.sh\`$( [ -n "${BENCH_QUICK:-}" ] && echo ' (BENCH_QUICK=1)') ($(( ($(date +%s) - START) / 60 )) min)"
	echo "- machine: $(nproc) CPUs, load average at the end $(cut -d' ' -f1 /proc/loadavg); fnpool $(git -C "$SRC" describe --always --dirty 2>/dev/null || echo '?')"
	echo "- $WORKERS workers each; wrk 2 threads, $CONNS connections, ${DURATION} s per run, $ROUNDS round(s) interleaved, ${WARMUP} s warm-up; $ROWS rows in kv"
	echo "- SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') (WAL, synchronous = NORMAL, both); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (fsync off, unix socket); PHP $(php -r 'echo PHP_VERSION;' 2>/dev/null || echo 8.2) (opcache, PDO persistent connections)"
	echo
	echo "| workload | fnpool req/s | PHP-FPM req/s | fnpool ÷ PHP | fnpool p99 ms | PHP-FPM p99 ms | errors |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	for w in $WORKLOADS; do
		f=$(median "$R/wrk/$w-fnpool" 1) p=$(median "$R/wrk/$w-php" 1)
		rf=$(median "$R/wrk/$w-fnpool" 2) rp=$(median "$R/wrk/$w-php" 2)
		printf '| %s | %.0f | %.0f | %.2f× | %s | %s | %d |\n' \
		    "$(case $w in sq-read) echo 'SQLite: read one row by primary key';;
		      sq-insert) echo 'SQLite: insert one row';;
		      pg-read) echo 'PostgreSQL: read one row by primary key';;
		      pg-insert) echo 'PostgreSQL: insert one row';; esac)" \
		    "$f" "$p" "$(awk -v a="$f" -v b="$p" 'BEGIN { print a / b }')" \
		    "$rf" "$rp" "$(cat "$R/wrk/$w-fnpool" "$R/wrk/$w-php" | awk '{ s += $3 } END { print s + 0 }')"
	done
	[ -n "$SOAK_LINE" ] && { echo; echo "- soak: $SOAK_LINE"; }
}
report | tee "$R/report.md"
[ -n "${BENCH_OUTPUT:-}" ] && { echo; cat "$R/report.md"; } >>"$BENCH_OUTPUT"
FAILED=0
