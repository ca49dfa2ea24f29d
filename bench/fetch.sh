#!/bin/bash
# fetch.sh: the "gateway" benchmark of fetch (bench/README.md, "fetch").
#
# A gateway fetches a small JSON document from a local nginx and returns
# part of it: fnpool (bench/fetch/gateway.js), PHP-FPM with curl
# (bench/fetch/gateway.php) and a Node cluster with fetch
# (bench/node/gateway.js), each with the same number of worker processes,
# behind the same nginx, fetching from the same upstream (a server block
# of that nginx serving a file).  wrk drives nginx over loopback TCP;
# nginx reaches fnpool and PHP-FPM over unix sockets (FastCGI), Node over
# TCP with kept connections.  Rounds interleave the targets (A B C A B
# C ...); the table shows medians of requests/s, p50 and p99.
#
#   bench/fetch.sh          the comparison
#   bench/fetch.sh soak     200,000 fetches through one fnpool worker: its
#                           RSS before and after (target: under 1 MB more)
#
# Environment: FNPOOL (the binary; required), FETCH_DURATION=5 (seconds
# per run), FETCH_ROUNDS=3, FETCH_WARMUP=10 (seconds of unrecorded load per
# target first: Node's JIT needs them), FETCH_CONNECTIONS=32,
# FETCH_WORKERS=2, FETCH_TARGETS="fnpool php node", FETCH_PORT=18180
# (and the next port for the upstream, the one after for Node),
# FETCH_SOAK_N=200000, FETCH_SOAK_WARM=20000, FETCH_KEEP=1 (keep the run
# directory).  As root, every backend runs as www-data.
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
: "${FNPOOL:?set FNPOOL to the fnpool binary}"
FNPOOL=$(realpath "$FNPOOL")
DURATION=${FETCH_DURATION:-5}
ROUNDS=${FETCH_ROUNDS:-3}
WARMUP=${FETCH_WARMUP:-10}
CONNS=${FETCH_CONNECTIONS:-32}
WORKERS=${FETCH_WORKERS:-2}
TARGETS=${FETCH_TARGETS:-fnpool php node}
PORT=${FETCH_PORT:-18180}
UPORT=$((PORT + 1))
NPORT=$((PORT + 2))
SOAK_N=${FETCH_SOAK_N:-200000}
SOAK_WARM=${FETCH_SOAK_WARM:-20000}
MODE=${1:-compare}
NGINX=/usr/sbin/nginx
PHP_FPM=/usr/sbin/php-fpm8.2

die() { echo "fetch-bench: $*" >&2; exit 1; }
say() { echo "fetch-bench: $*" >&2; }

case $MODE in compare|soak) ;; *) die "usage: fetch.sh [soak]" ;; esac
for t in wrk ab curl python3; do
	command -v $t >/dev/null || die "$t is not installed"
done
[ -x "$NGINX" ] || die "nginx is not installed"
for t in $TARGETS; do
	case $t in
	fnpool) ;;
	php) [ -x "$PHP_FPM" ] || die "php-fpm8.2 is not installed"
	     php8.2 -m | grep -qx curl || die "php8.2-curl is not installed" ;;
	node) command -v node >/dev/null || die "node is not installed" ;;
	*) die "FETCH_TARGETS: unknown target '$t' (fnpool, php, node)" ;;
	esac
done

R=$(mktemp -d /tmp/fnpool-fetch-bench.XXXXXX)
chmod 755 "$R"
RUN_USER=
[ "$(id -u)" = 0 ] && RUN_USER=www-data
PIDS=()
cleanup() {
	local p
	[ -f "$R/nginx.pid" ] && kill -QUIT "$(cat "$R/nginx.pid")" 2>/dev/null
	for p in "${PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	if [ -n "${FETCH_KEEP:-}" ]; then say "kept $R"; else rm -rf "$R"; fi
}
trap cleanup EXIT

# ---- the upstream document and nginx -------------------------------------------
python3 - >"$R/doc.json" <<'PY'
import json
items = [{"sku": "item-%03d" % i, "price": 100 + i, "tags": ["a", "b"]}
         for i in range(12)]
print(json.dumps({"id": 42, "name": "catalog", "updated": "2026-12-06",
                  "items": items}, separators=(",", ":")))
PY
UPSTREAM="http://127.0.0.1:$UPORT/doc.json"
mkdir -p "$R/nginx"
cat >"$R/nginx.conf" <<CONF
${RUN_USER:+user $RUN_USER $RUN_USER;}
worker_processes 1;
pid $R/nginx.pid;
error_log $R/nginx-error.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $R/nginx/body;
	fastcgi_temp_path $R/nginx/fastcgi;
	proxy_temp_path $R/nginx/proxy;
	uwsgi_temp_path $R/nginx/uwsgi;
	scgi_temp_path $R/nginx/scgi;
	keepalive_requests 1000000;
	upstream node { server 127.0.0.1:$NPORT; keepalive 64; }
	server {
		listen 127.0.0.1:$UPORT backlog=4096;
		location = /doc.json {
			default_type application/json;
			alias $R/doc.json;
		}
	}
	server {
		listen 127.0.0.1:$PORT backlog=4096;
		location /fnpool/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$R/fnpool.sock;
		}
		location /php/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME $BENCH/fetch/gateway.php;
			fastcgi_param UPSTREAM $UPSTREAM;
			fastcgi_pass unix:$R/php.sock;
		}
		location /node/ {
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_pass http://node;
		}
	}
}
CONF
"$NGINX" -p "$R/nginx" -c "$R/nginx.conf" -e "$R/nginx-error.log" ||
    die "nginx did not start (see $R/nginx-error.log)"

# ---- the backends -----------------------------------------------------------------
start_fnpool() {	# start_fnpool WORKERS
	{
		echo "[global]"
		echo "pid = $R/fnpool.pid"
		echo "error_log = $R/fnpool.log"
		echo
		echo "[gateway]"
		echo "listen = $R/fnpool.sock"
		echo "listen.mode = 0666"
		echo "functions = $BENCH/fetch"
		echo "prefix = /fnpool/"
		echo "workers = $1"
		echo "env.UPSTREAM = $UPSTREAM"
		echo "user = ${RUN_USER:-$(id -un)}"
	} >"$R/fnpool.ini"
	"$FNPOOL" -c "$R/fnpool.ini" >>"$R/fnpool.log" 2>&1 &
	PIDS+=($!)
	FNPOOL_MASTER=$!
}

start_php() {
	{
		echo "[global]"
		echo "pid = $R/php-fpm.pid"
		echo "error_log = $R/php.log"
		echo "daemonize = no"
		echo "[gateway]"
		echo "listen = $R/php.sock"
		echo "listen.mode = 0666"
		[ -n "$RUN_USER" ] && printf 'user = %s\ngroup = %s\n' "$RUN_USER" "$RUN_USER"
		echo "listen.backlog = 511"
		echo "pm = static"
		echo "pm.max_children = $WORKERS"
		echo "pm.max_requests = 0"
	} >"$R/php-fpm.conf"
	"$PHP_FPM" -F -y "$R/php-fpm.conf" -d opcache.enable=1 >>"$R/php.log" 2>&1 &
	PIDS+=($!)
}

start_node() {
	local run=()
	[ -n "$RUN_USER" ] && run=(setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups)
	WORKERS=$WORKERS PORT=$NPORT UPSTREAM=$UPSTREAM "${run[@]}" \
	    node "$BENCH/node/gateway.js" >>"$R/node.log" 2>&1 &
	PIDS+=($!)
}

answer() { curl -sS --max-time 5 "http://127.0.0.1:$PORT/$1/gateway"; }
same_json() {
	python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1]) != {"id": 42, "name": "catalog", "items": 12})' "$1" 2>/dev/null
}
ready() {
	local i
	for i in $(seq 100); do
		same_json "$(answer "$1" 2>/dev/null)" && return 0
		sleep 0.1
	done
	die "$1 does not answer the gateway (got: $(answer "$1" 2>&1 | head -c 200))"
}

# ---- wrk ---------------------------------------------------------------------------
# run TARGET SECONDS: "requests/s p50_ms p99_ms errors"
run() {
	local out
	out=$(wrk -t2 -c"$CONNS" -d"$2"s --latency "http://127.0.0.1:$PORT/$1/gateway" 2>&1)
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	/Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx or 3xx/ { err += $NF }
	/Socket errors/ { err += 1 }
	END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, err }' <<<"$out"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- the comparison ------------------------------------------------------------------
compare() {
	local t r line
	for t in $TARGETS; do
		case $t in
		fnpool) start_fnpool "$WORKERS" ;;
		php) start_php ;;
		node) start_node ;;
		esac
	done
	for t in $TARGETS; do
		ready "$t"
		run "$t" "$WARMUP" >/dev/null
	done
	for r in $(seq "$ROUNDS"); do
		for t in $TARGETS; do
			line=$(run "$t" "$DURATION")
			say "round $r $t: $line (requests/s p50 p99 errors)"
			echo "$t $line" >>"$R/runs"
		done
	done
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'): bench/fetch.sh, wrk -t2 -c$CONNS -d${DURATION}s, $ROUNDS rounds, $WORKERS workers each, $(nproc) CPUs"
	echo
	echo "| backend | requests/s | p50 ms | p99 ms | errors | fnpool ÷ it |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	local f rps
	f=$(awk '$1 == "fnpool" { print $2 }' "$R/runs" | median)
	for t in $TARGETS; do
		rps=$(awk -v t="$t" '$1 == t { print $2 }' "$R/runs" | median)
		printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "$rps" \
		    "$(awk -v t="$t" '$1 == t { print $3 }' "$R/runs" | median)" \
		    "$(awk -v t="$t" '$1 == t { print $4 }' "$R/runs" | median)" \
		    "$(awk -v t="$t" '$1 == t { s += $5 } END { print s + 0 }' "$R/runs")" \
		    "$(awk -v a="${f:-0}" -v b="$rps" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')"
	done
	echo
	echo "Paired ratios (fnpool ÷ each, within a round; median):"
	for t in $TARGETS; do
		[ "$t" = fnpool ] && continue
		paste <(awk '$1 == "fnpool" { print $2 }' "$R/runs") \
		    <(awk -v t="$t" '$1 == t { print $2 }' "$R/runs") |
		    awk '{ if ($2 > 0) print $1 / $2 }' | median |
		    xargs printf '  fnpool / %s: %.2f\n' "$t"
	done
}

# ---- the soak ------------------------------------------------------------------------
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

soak() {
	local w before after n
	start_fnpool 1
	ready fnpool
	w=$(pgrep -P "$FNPOOL_MASTER")
	[ "$(echo "$w" | wc -w)" = 1 ] || die "expected one fnpool worker, got: $w"
	say "warming up: $SOAK_WARM requests"
	ab -q -k -n "$SOAK_WARM" -c 4 "http://127.0.0.1:$PORT/fnpool/gateway" >/dev/null 2>&1
	before=$(rss_kb "$w")
	say "worker $w: RSS $before kB; $SOAK_N more requests, one fetch each"
	ab -k -n "$SOAK_N" -c 4 "http://127.0.0.1:$PORT/fnpool/gateway" >"$R/ab.out" 2>&1
	after=$(rss_kb "$w")
	n=$(awk '/^Complete requests:/ { print $3 }' "$R/ab.out")
	[ "$(pgrep -P "$FNPOOL_MASTER")" = "$w" ] || die "the worker was replaced during the soak"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'): bench/fetch.sh soak: $n requests (each one fetch) through one worker after $SOAK_WARM to warm up"
	echo "  failed: $(awk '/^Failed requests:/ { print $3 }' "$R/ab.out"), non-2xx: $(awk '/^Non-2xx responses:/ { print $3 }' "$R/ab.out" | grep . || echo 0)"
	echo "  RSS before: $before kB, after: $after kB, growth: $((after - before)) kB (target: under 1024 kB)"
	[ $((after - before)) -lt 1024 ]
}

case $MODE in
compare) compare ;;
soak) soak ;;
esac
