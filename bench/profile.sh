#!/bin/bash
# profile.sh: what one request costs a fnpool worker, in instructions
# (callgrind) and system calls (strace), run by `make profile`.
#
# Unlike wall-clock figures, an instruction count is the same on a busy
# machine as on an idle one, so it can measure a change to the request
# path while other things run.  One worker serves the functions of
# bench/functions; bench's fcgi_client sends it requests directly (no
# nginx), with the parameters nginx's fastcgi_params sends.  After a
# warm-up of 200 requests,
# the figure is the difference between a run with N more requests and
# one without, divided by N.
#
#   FNPOOL, FCGI_CLIENT     the binaries (make profile passes them)
#   PROFILE_URIS            URIs to measure; POST:URI posts bench/body-1k.json
#                           as application/json (default: the bench's
#                           workloads: /fnpool/hello /fnpool/modules
#                           POST:/fnpool/echo /fnpool/big)
#   PROFILE_FUNCTIONS       the functions root (default: bench/functions)
#   PROFILE_N=2000          measured requests per URI
#   PROFILE_CONN=new        new: a connection per request (nginx without
#                           keepalive); keep: one kept connection
#   PROFILE_STRACE=1        also count the worker's system calls per request
#   PROFILE_USER            the workers' account for the memory figures
#                           (default: yours; the bench's run as www-data)
#   PROFILE_MEMORY=1        also the worker's memory: idle (after a 404,
#                           which loads no function) and after the 20
#                           functions of bench/functions/many
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
: "${FNPOOL:?set FNPOOL to the fnpool binary (make profile does)}"
: "${FCGI_CLIENT:?set FCGI_CLIENT to tests/helpers/fcgi_client (make profile does)}"
URIS=${PROFILE_URIS:-/fnpool/hello /fnpool/modules POST:/fnpool/echo /fnpool/big}
N=${PROFILE_N:-2000}
CONN=${PROFILE_CONN:-new}
WARM=200

die() { echo "profile: $*" >&2; exit 1; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "PROFILE_N must be a positive integer"
case $CONN in new|keep) ;; *) die "PROFILE_CONN is new or keep" ;; esac
command -v valgrind >/dev/null || die "valgrind is not installed"
command -v callgrind_control >/dev/null || die "callgrind_control is not installed"

R=$(mktemp -d /tmp/fnpool-profile.XXXXXX)
MASTER=
cleanup() {
	[ -n "$MASTER" ] && kill -TERM "$MASTER" 2>/dev/null && wait "$MASTER" 2>/dev/null
	[ -n "${PROFILE_DEBUG:-}" ] && echo "kept $R" >&2 || rm -rf "$R"
}
trap cleanup EXIT

# requests URI: fcgi_client's commands for a workload (POST:URI posts the
# bench's 1 KiB JSON body).
requests() {
	case $1 in
	POST:*) echo "body $BENCH/body-1k.json application/json loop %N ${1#POST:} $CONN" ;;
	*) echo "loop %N $1 $CONN" ;;
	esac
}

# load N URI: N requests.
load() {
	local cmds
	cmds=$(requests "$2")
	client ${cmds//%N/$1}
}

# start [WRAPPER...]: one worker, under WRAPPER (valgrind) when given.
start() {
	cat >"$R/fnpool.ini" <<INI
[global]
pid = $R/fnpool.pid
error_log = $R/fnpool.log

[bench]
listen = $R/fnpool.sock
user = ${RUN_USER:-$(id -un)}
functions = ${PROFILE_FUNCTIONS:-$BENCH/functions}
prefix = /fnpool/
workers = 1
INI
	rm -f "$R/fnpool.sock"
	"$@" "$FNPOOL" -c "$R/fnpool.ini" >>"$R/fnpool.log" 2>&1 &
	MASTER=$!
	local tries=600
	until [ -S "$R/fnpool.sock" ] && WORKER=$(pgrep -P "$MASTER" | head -1) &&
	    [ -n "$WORKER" ]; do
		[ $((tries -= 1)) -gt 0 ] || die "fnpool did not start (see $R/fnpool.log)"
		sleep 0.1
	done
}

stop() {
	kill -TERM "$MASTER" 2>/dev/null
	wait "$MASTER" 2>/dev/null
	MASTER=
}

client() { "$FCGI_CLIENT" "$R/fnpool.sock" "$@" >/dev/null || die "fcgi_client $* failed"; }

# worker_ir REQUESTS URI: the instructions of a worker that served the
# warm-up and REQUESTS more, from start to exit.  The worker is a fork of
# the master, so valgrind follows it without exec; its dump is written
# when it exits.
worker_ir() {
	start valgrind --tool=callgrind --callgrind-out-file="$R/cg.%p" \
	    --dump-instr=no --collect-jumps=no
	load "$WARM" "$2"
	[ "$1" -gt 0 ] && load "$1" "$2"
	stop
	awk '/^(summary|totals):/ { print $2; exit }' "$R/cg.$WORKER" 2>/dev/null
	[ -n "${PROFILE_KEEP:-}" ] && cp "$R/cg.$WORKER" "$PROFILE_KEEP.${2//[:\/]/_}.$1"
	rm -f "$R"/cg.*
}

# Two runs that differ only in N requests: their difference is what N
# requests cost, without start-up and exit.
printf '%-22s %-5s %14s\n' uri conn instr/request
for uri in $URIS; do
	base=$(worker_ir 0 "$uri")
	more=$(worker_ir "$N" "$uri")
	[ -n "$base" ] && [ -n "$more" ] || die "no callgrind figures for $uri"
	printf '%-22s %-5s %14d\n' "$uri" "$CONN" $(((more - base) / N))
done

if [ -n "${PROFILE_STRACE:-}" ]; then
	command -v strace >/dev/null || die "strace is not installed"
	start
	for uri in $URIS; do
		load "$WARM" "$uri"
		strace -c -f -p "$WORKER" -o "$R/strace.txt" &
		st=$!
		until awk '/^TracerPid:/ { exit $2 == 0 }' "/proc/$WORKER/status"; do
			sleep 0.05	# until strace has attached
		done
		load "$N" "$uri"
		kill -INT "$st"
		wait "$st"
		echo
		echo "system calls per request, $uri ($CONN connections):"
		awk -v n="$N" '$NF ~ /^[a-z_0-9]+$/ && $NF != "total" && $4 ~ /^[0-9]+$/ {
			printf "  %-16s %6.2f\n", $NF, $4 / n; total += $4 }
		    END { printf "  %-16s %6.2f\n", "total", total / n }' "$R/strace.txt"
	done
	stop
fi

# memory LABEL: the worker's VmRSS, and its Pss and Anonymous from smaps_rollup.
memory() {
	printf '  %-34s RSS %5d kB   PSS %5d kB   anonymous %5d kB\n' "$1" \
	    "$(awk '/^VmRSS:/ { print $2 }' "/proc/$WORKER/status")" \
	    "$(awk '/^Pss:/ { print $2 }' "/proc/$WORKER/smaps_rollup")" \
	    "$(awk '/^Anonymous:/ { print $2 }' "/proc/$WORKER/smaps_rollup")"
}

if [ -n "${PROFILE_MEMORY:-}" ]; then
	chmod 755 "$R"		# the workers' account reaches the socket
	RUN_USER=${PROFILE_USER:-}
	start
	echo
	echo "worker memory:"
	client get 0 /fnpool/_idle
	memory "idle (one 404)"
	for k in $(seq -w 1 20); do
		client get 0 "/fnpool/many/f$k"
	done
	memory "after the 20 functions of many/"
	stop
fi
