# pm.sh: helpers for the process-manager tests (sourced after lib.sh).
#
# Times come from bash's $EPOCHREALTIME, and children from /proc, so that
# measuring "replaced within 100 ms" does not itself fork processes.

PM_FIXTURES="$SRCDIR/tests/fixtures/pm"
SDLAUNCH="$BUILDDIR/tests/helpers/sdlaunch"
LOAD_PIDS=
declare -A LOADS	# load name -> pids of its client loops

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
# clock: sets NOW (ms) without forking, for tight measurement loops.
clock() { local t=${EPOCHREALTIME/./}; NOW=$((t / 1000)); }

# children PID: the live and not yet reaped children of a process.
children() {
	local c
	read -r c 2>/dev/null <"/proc/$1/task/$1/children"
	echo $c
}

# scan_workers: sets WORKERS (pids of the master's children that are not
# zombies) and NWORKERS, with builtins only: no fork, so it can run in a
# loop that measures milliseconds.
scan_workers() {
	local kids pid st
	WORKERS=() NWORKERS=0
	read -ra kids 2>/dev/null <"/proc/$FNPOOL_PID/task/$FNPOOL_PID/children"
	for pid in "${kids[@]}"; do
		read -r st 2>/dev/null <"/proc/$pid/stat" || continue
		st=${st##*) }
		[ "${st%% *}" = Z ] && continue
		WORKERS+=("$pid")
		NWORKERS=$((NWORKERS + 1))
	done
}

nworkers() { scan_workers; echo "$NWORKERS"; }

# busy_are N [POOL]: N workers (of POOL) are running (slow.js spins, so a
# worker inside it is in state R; an idle worker sleeps in epoll_wait).
# Used only while no other requests flow; name the pool where another
# pool's worker may still be finishing a request (in R for a moment).
busy_are() {
	local pid st n=0 comm
	scan_workers
	for pid in "${WORKERS[@]}"; do
		if [ -n "${2:-}" ]; then
			read -r comm 2>/dev/null <"/proc/$pid/comm" || continue
			[ "$comm" = "fnpool:$2" ] || continue
		fi
		read -r st 2>/dev/null <"/proc/$pid/stat" || continue
		st=${st##*) }
		[ "${st%% *}" = R ] && n=$((n + 1))
	done
	[ "$n" -ge "$1" ]
}

workers_are() { [ "$(nworkers)" = "$1" ]; }

# log_stamp REGEX: the time (epoch ms) of the first log line matching.
log_stamp() {
	stamp_of "$(grep -m1 -E "$1" "$T/fnpool.log")"
}

# log_stamp_after REGEX1 REGEX2: of the first line matching REGEX2 after
# the first one matching REGEX1.
log_stamp_after() {
	stamp_of "$(awk -v a="$1" -v b="$2" 'f && $0 ~ b {print; exit} $0 ~ a {f=1}' \
	    "$T/fnpool.log")"
}

# log_after REGEX1 REGEX2: a line matching REGEX2 follows the first one
# matching REGEX1.
log_after() { [ "$(log_stamp_after "$1" "$2")" != 0 ]; }

# stamp_of LINE: "2026-01-02 03:04:05.678 ..." -> epoch ms (0: no line).
stamp_of() {
	[ -n "$1" ] || { echo 0; return; }
	date -d "${1:0:23}" +%s%3N
}

# median N...: the middle number (of an even count, the higher middle one).
median() { printf '%s\n' "$@" | sort -n | sed -n "$(($# / 2 + 1))p"; }
# worst N...: the largest.
worst() { printf '%s\n' "$@" | sort -n | tail -n 1; }

# log_has REGEX: the fnpool log matches.
log_has() { grep -qE "$1" "$T/fnpool.log"; }

# nginx_pools NAME:SOCK...: location /NAME/ passes to unix socket SOCK
# with the /NAME prefix removed by the pool (prefix = /NAME).
nginx_pools() {
	local spec
	: >"$T/server.conf"
	for spec in "$@"; do
		cat >>"$T/server.conf" <<CONF
location /${spec%%:*}/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:${spec#*:};
	fastcgi_read_timeout 30s;
}
CONF
	done
}

# load_start NAME CLIENTS PATH [MAX]: CLIENTS loops of sequential requests
# (at most MAX each, default 2000) until load_stop NAME; each response
# code goes to $T/NAME.codes.
load_start() {
	local name=$1 n=$2 path=$3 max=${4:-2000} i
	rm -f "$T/$name.stop" "$T/$name".codes*
	for i in $(seq "$n"); do
		(
			k=0
			while [ ! -e "$T/$name.stop" ] && [ $k -lt "$max" ]; do
				curl -s -o /dev/null --max-time 20 \
				    --unix-socket "$T/nginx.sock" \
				    -w '%{http_code}\n' "http://fnpool.test$path" \
				    >>"$T/$name.codes.$i"
				k=$((k + 1))
			done
		) &
		LOADS[$name]="${LOADS[$name]:-} $!"
	done
}

load_stop() {
	touch "$T/$1.stop"
	# shellcheck disable=SC2086
	[ -z "${LOADS[$1]:-}" ] || wait ${LOADS[$1]} 2>/dev/null
	unset "LOADS[$1]"
	cat "$T/$1".codes.* >"$T/$1.codes"
}

load_total() { wc -l <"$T/$1.codes"; }
load_failed() { grep -cv '^200$' "$T/$1.codes"; }
load_count() { [ "$(load_total "$1")" -ge "$2" ]; }
# load_progress NAME N: waits until the clients made N more requests.
load_progress() {
	local name=$1 want=$2 have
	have=$(cat "$T/$name".codes.* 2>/dev/null | wc -l)
	want=$((have + want))
	enough() { [ "$(cat "$T/$name".codes.* 2>/dev/null | wc -l)" -ge "$want" ]; }
	wait_for 300 enough
}
