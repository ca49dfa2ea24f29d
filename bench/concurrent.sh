#!/bin/bash
# concurrent.sh: functions that wait, at 256 connections (bench/README.md,
# "Concurrency"; issue 23).
#
# Two workloads, each a function that spends its time waiting:
#   sleep     answers after a 20 ms setTimeout (bench/concurrent/sleep.js)
#   upstream  fetches a local upstream that answers after 20 ms
#             (bench/concurrent/upstream.js; the upstream is one Node
#             process, bench/node/slow-upstream.js, for every backend)
# Backends behind the same nginx, wrk over loopback TCP:
#   fnpool-mcN  a pool of $WORKERS workers with max_concurrent = N, for
#               each N in CONC_LEVELS (FastCGI over a unix socket, nginx
#               keeping 64 connections open as it does Node's: without
#               fastcgi_keep_conn, a connection per request cost fnpool a
#               quarter of its requests/s)
#   node        a Node cluster of $WORKERS workers (bench/node/concurrent.js,
#               HTTP with kept upstream connections)
# Rounds interleave the backends (A B C A B C ...); the table shows the
# medians of requests/s and p99, and the workers' memory halfway through
# the load and after it (fnpool's workers give memory back when a burst
# of requests in flight ends, Node's keep theirs until their GC runs):
# PSS summed over the pool's workers for fnpool (they share pages), RSS
# summed over the cluster's workers for Node (its primary apart).
#
#   FNPOOL=build/src/fnpool bench/concurrent.sh    (make bench-concurrent)
#
# max_concurrent = 1 is the default and is not written into the pool's
# section, so that the script also runs on an fnpool without the setting.
#
# Environment: FNPOOL (the binary; required), CONC_DURATION=5 (seconds per
# run), CONC_ROUNDS=1, CONC_WARMUP=3 (seconds of unrecorded load per
# backend and workload first: Node's JIT needs them), CONC_CONNECTIONS=256,
# CONC_WORKERS=2, CONC_LEVELS="1 256", CONC_WORKLOADS="sleep upstream",
# CONC_NODE=1 (0: no Node cluster), CONC_PORT=18280 (the next port is
# the upstream's, the one after Node's), CONC_KEEP=1 (keep the run
# directory).  As root, every backend runs as www-data.  With the
# defaults a run takes about a minute; run it under nice on a shared
# machine.
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
: "${FNPOOL:?set FNPOOL to the fnpool binary}"
FNPOOL=$(realpath "$FNPOOL")
DURATION=${CONC_DURATION:-5}
ROUNDS=${CONC_ROUNDS:-1}
WARMUP=${CONC_WARMUP:-3}
CONNS=${CONC_CONNECTIONS:-256}
WORKERS=${CONC_WORKERS:-2}
LEVELS=${CONC_LEVELS:-1 256}
WORKLOADS=${CONC_WORKLOADS:-sleep upstream}
WITH_NODE=${CONC_NODE:-1}
PORT=${CONC_PORT:-18280}
UPORT=$((PORT + 1))
NPORT=$((PORT + 2))
NGINX=/usr/sbin/nginx

die() { echo "concurrent-bench: $*" >&2; exit 1; }
say() { echo "concurrent-bench: $*" >&2; }

for t in wrk curl; do
	command -v $t >/dev/null || die "$t is not installed"
done
command -v node >/dev/null || die "node is not installed (the upstream is a Node process)"
[ -x "$NGINX" ] || die "nginx is not installed"
for w in $WORKLOADS; do
	case $w in sleep|upstream) ;; *) die "CONC_WORKLOADS: unknown workload '$w'" ;; esac
done
for n in $LEVELS; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "CONC_LEVELS: '$n' is not a number of requests"
done

TARGETS=
for n in $LEVELS; do
	TARGETS="$TARGETS fnpool-mc$n"
done
[ "$WITH_NODE" = 1 ] && TARGETS="$TARGETS node"

R=$(mktemp -d /tmp/fnpool-concurrent-bench.XXXXXX)
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
	if [ -n "${CONC_KEEP:-}" ]; then say "kept $R"; else rm -rf "$R"; fi
}
trap cleanup EXIT

UPSTREAM="http://127.0.0.1:$UPORT/slow"

# ---- nginx: wrk's entry, in front of every backend ------------------------------
mkdir -p "$R/nginx"
{
	echo "${RUN_USER:+user $RUN_USER $RUN_USER;}"
	cat <<CONF
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
CONF
	for n in $LEVELS; do
		echo "	upstream fnpool_mc$n { server unix:$R/mc$n.sock; keepalive 64; }"
	done
	cat <<CONF
	server {
		listen 127.0.0.1:$PORT backlog=4096;
		location /node/ {
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_pass http://node;
		}
CONF
	for n in $LEVELS; do
		cat <<CONF
		location /fnpool-mc$n/ {
			include /etc/nginx/fastcgi_params;
			fastcgi_keep_conn on;
			fastcgi_pass fnpool_mc$n;
		}
CONF
	done
	echo "	}"
	echo "}"
} >"$R/nginx.conf"
"$NGINX" -p "$R/nginx" -c "$R/nginx.conf" -e "$R/nginx-error.log" ||
    die "nginx did not start (see $R/nginx-error.log)"

# ---- the backends ------------------------------------------------------------------
start_upstream() {
	PORT=$UPORT DELAY=20 node "$BENCH/node/slow-upstream.js" >>"$R/upstream.log" 2>&1 &
	PIDS+=($!)
}

# One master, a pool per level: mcN, its workers named fnpool:mcN.
start_fnpool() {
	local n
	{
		echo "[global]"
		echo "pid = $R/fnpool.pid"
		echo "error_log = $R/fnpool.log"
		for n in $LEVELS; do
			echo
			echo "[mc$n]"
			echo "listen = $R/mc$n.sock"
			echo "listen.mode = 0666"
			echo "listen.backlog = 4096"
			echo "functions = $BENCH/concurrent"
			echo "prefix = /fnpool-mc$n/"
			echo "workers = $WORKERS"
			[ "$n" != 1 ] && echo "max_concurrent = $n"
			echo "env.UPSTREAM = $UPSTREAM"
			echo "user = ${RUN_USER:-$(id -un)}"
		done
	} >"$R/fnpool.ini"
	"$FNPOOL" -t -c "$R/fnpool.ini" >"$R/fnpool-t.log" 2>&1 ||
	    die "fnpool refuses the configuration: $(tail -3 "$R/fnpool-t.log")"
	"$FNPOOL" -c "$R/fnpool.ini" >>"$R/fnpool.log" 2>&1 &
	PIDS+=($!)
	FNPOOL_MASTER=$!
}

start_node() {
	local run=()
	[ -n "$RUN_USER" ] && run=(setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups)
	WORKERS=$WORKERS PORT=$NPORT UPSTREAM=$UPSTREAM "${run[@]}" \
	    node "$BENCH/node/concurrent.js" >>"$R/node.log" 2>&1 &
	PIDS+=($!)
	NODE_PRIMARY=$!
}

answer() { curl -sS --max-time 5 "http://127.0.0.1:$PORT/$1/$2"; }
ready() {	# ready TARGET WORKLOAD
	local i want='{"slept":20}'
	[ "$2" = upstream ] && want='{"waited":20}'
	for i in $(seq 100); do
		[ "$(answer "$1" "$2" 2>/dev/null)" = "$want" ] && return 0
		sleep 0.1
	done
	die "$1 does not answer $2 (got: $(answer "$1" "$2" 2>&1 | head -c 200))"
}

# ---- memory ------------------------------------------------------------------------
# The fnpool workers of pool mcN: the master's children named fnpool:mcN.
pool_workers() {
	local p
	for p in $(pgrep -P "$FNPOOL_MASTER"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = "fnpool:$1" ] && echo "$p"
	done
}
sum_kb() {	# sum_kb FIELD PID...: /proc's FIELD (kB) summed
	local field=$1 p
	shift
	for p in "$@"; do
		if [ "$field" = Pss ]; then
			awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null
		else
			awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null
		fi
	done | awk '{ s += $1 } END { print s + 0 }'
}
# memory TARGET: "KB PROCESSES"
memory() {
	local pids
	case $1 in
	fnpool-mc*)
		pids=$(pool_workers "${1#fnpool-}")
		echo "$(sum_kb Pss $pids) $(echo $pids | wc -w)" ;;
	node)
		pids=$(pgrep -P "$NODE_PRIMARY")
		echo "$(sum_kb VmRSS $pids) $(echo $pids | wc -w)" ;;
	esac
}

# ---- wrk ---------------------------------------------------------------------------
# run TARGET WORKLOAD SECONDS: "requests/s p99_ms errors"
run() {
	local out
	out=$(wrk -t2 -c"$CONNS" -d"$3"s --timeout 10s --latency \
	    "http://127.0.0.1:$PORT/$1/$2" 2>&1)
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	/Requests\/sec:/ { rps = $2 }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx or 3xx/ { err += $NF }
	/Socket errors/ { split($0, e, /[ ,]+/); for (i in e) if (e[i] ~ /^[0-9]+$/) err += e[i] }
	END { printf "%.0f %.2f %d\n", rps, p99, err }' <<<"$out"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- the comparison ------------------------------------------------------------------
start_upstream
start_fnpool
[ "$WITH_NODE" = 1 ] && start_node
for w in $WORKLOADS; do
	for t in $TARGETS; do
		ready "$t" "$w"
		run "$t" "$w" "$WARMUP" >/dev/null
	done
	for r in $(seq "$ROUNDS"); do
		for t in $TARGETS; do
			run "$t" "$w" "$DURATION" >"$R/line" &
			sleep "$(awk -v d="$DURATION" 'BEGIN { print d / 2 }')"
			busy=$(memory "$t")	# halfway through the load
			wait $!
			line=$(cat "$R/line")
			mem=$(memory "$t")
			say "round $r $w $t: $line (requests/s p99 errors), memory ${busy% *} kB under load, ${mem% *} kB after, in ${mem#* } processes"
			echo "$w $t $line $mem ${busy% *}" >>"$R/runs"
		done
	done
done

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'): bench/concurrent.sh, wrk -t2 -c$CONNS -d${DURATION}s, $ROUNDS round(s), $WORKERS workers each, $(nproc) CPUs"
echo
echo "| workload | backend | requests/s | p99 ms | errors | worker memory under load | after |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for w in $WORKLOADS; do
	for t in $TARGETS; do
		sel() { awk -v w="$w" -v t="$t" -v f="$1" '$1 == w && $2 == t { print $f }' "$R/runs"; }
		case $t in node) kind="RSS" ;; *) kind="PSS" ;; esac
		mb() { awk -v k="$1" -v n="$(sel 7 | median)" -v kind="$kind" 'BEGIN { if (k == "-") print "-"; else printf "%.1f MB %s in %d\n", k / 1024, kind, n }'; }
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$w" "$t" "$(sel 3 | median)" \
		    "$(sel 4 | median)" "$(sel 5 | awk '{ s += $1 } END { print s + 0 }')" \
		    "$(mb "$(sel 8 | median)")" "$(mb "$(sel 6 | median)")"
	done
done
if [ "$WITH_NODE" = 1 ]; then
	echo
	echo "Node's primary (not counted above): $(sum_kb VmRSS "$NODE_PRIMARY") kB RSS."
	echo "fnpool ÷ Node, requests/s (median of the rounds):"
	for w in $WORKLOADS; do
		nrps=$(awk -v w="$w" '$1 == w && $2 == "node" { print $3 }' "$R/runs" | median)
		for n in $LEVELS; do
			frps=$(awk -v w="$w" -v t="fnpool-mc$n" '$1 == w && $2 == t { print $3 }' "$R/runs" | median)
			awk -v a="$frps" -v b="$nrps" -v w="$w" -v n="$n" 'BEGIN {
			    if (a > 0 && b > 0) printf "  %s, max_concurrent = %s: %.2f\n", w, n, a / b }'
		done
	done
fi
