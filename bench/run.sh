#!/bin/bash
# run.sh: fnpool's benchmark, run by `make bench` (see bench/README.md).
#
# Measures fnpool side by side with two references behind the same nginx,
# each with the same number of worker processes: hello-fcgi (a bare libfcgi
# C program: the practical limit of the architecture) and PHP-FPM (opcache
# on, pm = static).  wrk drives nginx over loopback TCP; nginx reaches the
# backends over unix sockets.  Targets are interleaved (A B C A B C ...)
# across rounds so that machine drift hits them alike, and the table shows
# medians.  Everything runs under a private /tmp/fnpool-bench.* directory
# with its own configs, sockets, pid files and logs, and is stopped on exit.
#
# Environment (all optional except the two binaries, which `make bench`
# passes):
#   FNPOOL, HELLO_FCGI      the binaries under test
#   BENCH_QUICK=1           smoke test: 2 s runs, 1 round, 1 s warm-up
#   BENCH_DURATION=5        seconds per wrk run
#   BENCH_ROUNDS=3          rounds (medians are taken over them)
#   BENCH_WARMUP=2          seconds of unrecorded wrk per target and workload
#   BENCH_CONNECTIONS="1 32 256"      wrk connections per workload
#   BENCH_KA_CONNECTIONS="32 256"     connections for the keepalive runs
#   BENCH_WORKERS=$(nproc)  worker processes of every backend
#   BENCH_KEEPALIVE=largest KA conns  nginx `upstream { keepalive N; }`
#   BENCH_NGINX_WORKERS=1   nginx worker_processes
#   BENCH_WRK_THREADS=2     wrk threads (never more than connections)
#   BENCH_TARGETS="fnpool c php"      which backends to run
#   BENCH_PORT=18080        nginx's loopback port
#   BENCH_OUTPUT=FILE       also write the report (markdown) to FILE
#   BENCH_KEEP=1            keep the run directory (it is kept on failure)
#   BENCH_NO_INSTALL=1      do not apt-get install missing tools
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
: "${FNPOOL:?set FNPOOL to the fnpool binary (make bench does)}"
: "${HELLO_FCGI:?set HELLO_FCGI to bench/hello-fcgi (make bench does)}"
FNPOOL=$(realpath "$FNPOOL")
HELLO_FCGI=$(realpath "$HELLO_FCGI")

if [ -n "${BENCH_QUICK:-}" ]; then
	DURATION=${BENCH_DURATION:-2}
	ROUNDS=${BENCH_ROUNDS:-1}
	WARMUP=${BENCH_WARMUP:-1}
else
	DURATION=${BENCH_DURATION:-5}
	ROUNDS=${BENCH_ROUNDS:-3}
	WARMUP=${BENCH_WARMUP:-2}
fi
CONNS=${BENCH_CONNECTIONS:-1 32 256}
KA_CONNS=${BENCH_KA_CONNECTIONS:-32 256}
WORKERS=${BENCH_WORKERS:-$(nproc)}
# nginx closes a kept connection when more than N are idle: N as large as
# the concurrency keeps them all (bench/README.md, recommended settings).
KA_MAX=0
for c in $KA_CONNS; do [[ $c =~ ^[0-9]+$ ]] && [ "$c" -gt "$KA_MAX" ] && KA_MAX=$c; done
KEEPALIVE=${BENCH_KEEPALIVE:-$KA_MAX}
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-1}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
TARGETS=${BENCH_TARGETS:-fnpool c php}
PORT=${BENCH_PORT:-18080}
NGINX=/usr/sbin/nginx
PHP_FPM=/usr/sbin/php-fpm8.2
RESPAWN_AGE_MS=200	# kill only a worker that has settled
RESPAWN_KILLS=3		# respawn samples per round

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

for v in DURATION ROUNDS WARMUP WORKERS KEEPALIVE NGINX_WORKERS WRK_THREADS PORT; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$v must be a positive integer (got '${!v}')"
done
[ "$KEEPALIVE" -gt "$WORKERS" ] ||
    say "warning: BENCH_KEEPALIVE=$KEEPALIVE is not larger than the $WORKERS workers; the keepalive runs test less than they should"
for t in $TARGETS; do
	case $t in fnpool|c|php) ;; *) die "BENCH_TARGETS: unknown target '$t' (fnpool, c, php)" ;; esac
done
[ -x "$FNPOOL" ] || die "$FNPOOL is not an executable"
[ -x "$HELLO_FCGI" ] || die "$HELLO_FCGI is not an executable"

# ---- dependencies -------------------------------------------------------

install_missing() {
	local missing=() p
	for p in wrk nginx-light php8.2-fpm php8.2-opcache spawn-fcgi curl procps; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ -z "${BENCH_NO_INSTALL:-}" ] || die "missing packages: ${missing[*]}"
	[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (run as root, or apt-get install them)"
	say "installing ${missing[*]}"
	apt-get update -qq &&
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends "${missing[@]}" >/dev/null ||
	    die "apt-get install ${missing[*]} failed"
}
install_missing
[ -x "$NGINX" ] || NGINX=$(command -v nginx) || die "nginx not found"
[ -x "$PHP_FPM" ] || die "$PHP_FPM not found (php8.2-fpm)"

# ---- run directory, cleanup ----------------------------------------------

R=$(mktemp -d /tmp/fnpool-bench.XXXXXX)
chmod 755 "$R"			# nginx's and the backends' workers reach it
mkdir -p "$R/nginx" "$R/wrk" "$R/res"
mkfifo "$R/nap"
exec {NAP_FD}<>"$R/nap"		# read -t on it: a sub-second sleep without a process

declare -A MASTER=()		# instance -> master pid (fnpool, php-fpm)
declare -A SPAWNER=()		# instance -> spawn-fcgi while it runs
NGINX_PID=
FAILED=1			# cleared at the end of a complete run

if [ "$(id -u)" = 0 ]; then
	RUN_USER=www-data
else
	RUN_USER=
fi

cleanup() {
	local inst
	[ -n "${PROBE_PID:-}" ] && kill "$PROBE_PID" 2>/dev/null
	for inst in "${!MASTER[@]}"; do
		stop_inst "$inst"
	done
	for inst in c c-solo; do
		[ -f "$R/$inst.pid" ] && stop_inst "$inst"
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

# ---- time and HTTP without starting processes ----------------------------

# nap SECONDS: sleeps in the shell itself (the polling interval of loops
# that wait for a condition).
nap() { read -r -t "$1" -u "$NAP_FD" _; }

# http_get PATH [TIMEOUT]: sets STATUS to the status of GET PATH through
# nginx ("000" when there is no answer within TIMEOUT seconds, default 10).
# bash's /dev/tcp starts no process, so polling loops built on it keep
# millisecond resolution.
http_get() {
	local fd
	STATUS=000
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
	printf 'GET %s HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n' "$1" >&"$fd"
	IFS=$' \r' read -r -t "${2:-10}" _ STATUS _ <&"$fd" || STATUS=000
	exec {fd}<&-
}

# poll_status PATH WANT T0_US LIMIT_MS: polls until GET PATH answers WANT;
# sets ELAPSED_US to the time since T0_US (an ${EPOCHREALTIME/./} value).
poll_status() {
	local path=$1 want=$2 t0=$3 limit_us=$(($4 * 1000)) now
	while :; do
		http_get "$path"
		now=${EPOCHREALTIME/./}
		ELAPSED_US=$((now - t0))
		[ "$STATUS" = "$want" ] && return 0
		[ "$ELAPSED_US" -ge "$limit_us" ] && return 1
		nap 0.001
	done
}

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

# ---- nginx ----------------------------------------------------------------

# fastcgi_location INST PASS [KEEP]: the location of /INST/ (a backend
# instance), passed to PASS (a unix socket or an upstream), with
# fastcgi_keep_conn when KEEP is set.  PHP-FPM gets SCRIPT_FILENAME
# bench/php/NAME.php for /INST/NAME.
fastcgi_location() {
	local inst=$1 pass=$2 keep=${3:-}
	local kc=""
	[ -n "$keep" ] && kc="fastcgi_keep_conn on;"
	case $inst in
	php*)
		cat <<LOC
	location ~ ^/$inst/([a-z0-9_/]+)\$ {
		include /etc/nginx/fastcgi_params;
		fastcgi_param SCRIPT_FILENAME $BENCH/php/\$1.php;
		$kc
		fastcgi_pass $pass;
	}
LOC
		;;
	*)
		cat <<LOC
	location /$inst/ {
		include /etc/nginx/fastcgi_params;
		$kc
		fastcgi_pass $pass;
	}
LOC
		;;
	esac
}

nginx_config() {
	local t user=""
	[ -n "$RUN_USER" ] && user="user $RUN_USER $RUN_USER;"
	{
		cat <<CONF
$user
worker_processes $NGINX_WORKERS;
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
	# 64 KiB responses stay in memory instead of going to temp files.
	fastcgi_buffer_size 16k;
	fastcgi_buffers 16 16k;
CONF
		for t in fnpool c php; do
			cat <<CONF
	upstream ka_$t {
		server unix:$R/$t.sock;
		keepalive $KEEPALIVE;
		keepalive_requests 1000000;
	}
CONF
		done
		cat <<CONF
	server {
		listen 127.0.0.1:$PORT backlog=4096;
		location = /ready { return 200 "ready\n"; }
CONF
		for t in fnpool c php; do
			fastcgi_location "$t" "unix:$R/$t.sock"
			fastcgi_location "$t-solo" "unix:$R/$t-solo.sock"
		done
		# fnpool's pool prefix is /fnpool/: the kept route rewrites to it.
		cat <<CONF
	location /fnpool-ka/ {
		rewrite ^/fnpool-ka/(.*)\$ /fnpool/\$1 break;
		include /etc/nginx/fastcgi_params;
		fastcgi_keep_conn on;
		fastcgi_pass ka_fnpool;
	}
CONF
		fastcgi_location c-ka ka_c keep
		fastcgi_location php-ka ka_php keep
		echo "	}"
		echo "}"
	} >"$R/nginx.conf"
}

nginx_start() {
	if http_get /ready 1; then
		die "something already listens on 127.0.0.1:$PORT: set BENCH_PORT"
	fi
	nginx_config
	"$NGINX" -t -q -e "$R/nginx-error.log" -p "$R/nginx" -c "$R/nginx.conf" ||
	    die "nginx rejects $R/nginx.conf (see $R/nginx-error.log)"
	"$NGINX" -e "$R/nginx-error.log" -p "$R/nginx" -c "$R/nginx.conf" \
	    -g 'daemon off;' >>"$R/nginx-error.log" 2>&1 &
	NGINX_PID=$!
	poll_status /ready 200 "${EPOCHREALTIME/./}" 5000 && alive "$NGINX_PID" ||
	    die "nginx does not answer on 127.0.0.1:$PORT (see $R/nginx-error.log)"
}

# ---- backends ------------------------------------------------------------
#
# Instances: fnpool, c and php serve the workloads with $WORKERS workers;
# fnpool-solo, c-solo and php-solo have one worker, for the per-worker
# memory and respawn figures.

fnpool_config() {
	local inst=$1 workers=$2
	{
		echo "[global]"
		echo "pid = $R/$inst.pid"
		echo "state_dir = $R/state"	# fnpool:db's default, unused here
		echo "error_log = stderr"
		echo "log_level = notice"
		echo
		echo "[bench]"
		echo "listen = $R/$inst.sock"
		if [ -n "$RUN_USER" ]; then
			echo "listen.owner = $RUN_USER"
			echo "listen.group = $RUN_USER"
			echo "user = $RUN_USER"
			echo "group = $RUN_USER"
		fi
		echo "listen.mode = 0660"
		echo "functions = $BENCH/functions"
		echo "prefix = /$inst/"
		echo "workers = $workers"
		# The respawn figure kills the worker on purpose, again and
		# again: the crash-loop backoff would be measured instead.
		[[ $inst == *-solo ]] && echo "crash_limit = 1000"
	} >"$R/$inst.ini"
}

php_config() {
	local inst=$1 workers=$2
	{
		echo "[global]"
		echo "pid = $R/$inst-fpm.pid"
		echo "error_log = $R/$inst.log"
		echo "daemonize = no"
		echo
		echo "[bench]"
		echo "listen = $R/$inst.sock"
		if [ -n "$RUN_USER" ]; then
			echo "listen.owner = $RUN_USER"
			echo "listen.group = $RUN_USER"
			echo "user = $RUN_USER"
			echo "group = $RUN_USER"
		fi
		echo "listen.mode = 0660"
		echo "listen.backlog = 511"
		echo "pm = static"
		echo "pm.max_children = $workers"
		echo "pm.max_requests = 0"
	} >"$R/$inst-fpm.conf"
}

# start_inst INST WORKERS: launches an instance and returns at once.
start_inst() {
	local inst=$1 workers=$2 owner=()
	rm -f "$R/$inst.sock"
	case $inst in
	fnpool*)
		fnpool_config "$inst" "$workers"
		"$FNPOOL" -c "$R/$inst.ini" >>"$R/$inst.log" 2>&1 &
		MASTER[$inst]=$!
		;;
	c*)
		[ -n "$RUN_USER" ] && owner=(-u "$RUN_USER" -g "$RUN_USER" -U "$RUN_USER" -G "$RUN_USER")
		# In the background: spawn-fcgi waits 100 ms after forking to
		# see that its children live, while they already serve.
		spawn-fcgi -s "$R/$inst.sock" -M 0660 -b 511 -F "$workers" \
		    -P "$R/$inst.pid" "${owner[@]}" -- "$HELLO_FCGI" >>"$R/$inst.log" 2>&1 &
		SPAWNER[$inst]=$!
		;;
	php*)
		php_config "$inst" "$workers"
		"$PHP_FPM" -F -y "$R/$inst-fpm.conf" -d opcache.enable=1 \
		    >>"$R/$inst.log" 2>&1 &
		MASTER[$inst]=$!
		;;
	esac
}

# alive PID: the process exists and is not a zombie (spawn-fcgi's children
# are reparented, and whoever reaps them may be slow).
# settle INST: waits for spawn-fcgi to exit, after which its pid file
# lists the children.
settle() {
	[ -n "${SPAWNER[$1]:-}" ] || return 0
	wait "${SPAWNER[$1]}" || die "spawn-fcgi failed (see $R/$1.log)"
	unset "SPAWNER[$1]"
}

alive() {
	local state
	state=$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ]
}

stop_inst() {
	local inst=$1 pid
	case $inst in
	c*)
		# spawn-fcgi does not stay: its children are in the pid file.
		settle "$inst"
		[ -f "$R/$inst.pid" ] || return 0
		for pid in $(cat "$R/$inst.pid"); do
			kill -TERM "$pid" 2>/dev/null
		done
		for pid in $(cat "$R/$inst.pid"); do
			local tries=500
			while alive "$pid" && [ $((tries -= 1)) -gt 0 ]; do
				nap 0.01
			done
			alive "$pid" && kill -KILL "$pid" 2>/dev/null
		done
		rm -f "$R/$inst.pid" "$R/$inst.sock"
		;;
	*)
		[ -n "${MASTER[$inst]:-}" ] || return 0
		kill -TERM "${MASTER[$inst]}" 2>/dev/null
		wait "${MASTER[$inst]}" 2>/dev/null
		unset "MASTER[$inst]"
		rm -f "$R/$inst.sock"
		;;
	esac
}

# worker_pids INST: the worker processes of an instance, one per line.
worker_pids() {
	local pid
	case $1 in
	c*)
		for pid in $(cat "$R/$1.pid" 2>/dev/null); do
			alive "$pid" && echo "$pid"
		done
		;;
	*)
		pgrep -P "${MASTER[$1]}"
		;;
	esac
}

# rss_max INST FIELD: the largest VmRSS (status) or Pss (smaps_rollup) of
# an instance's workers, in kB.
rss_max() {
	local pid v max=0
	for pid in $(worker_pids "$1"); do
		case $2 in
		rss) v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status") ;;
		pss) v=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup") ;;
		esac
		[ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v
	done
	echo "$max"
}

# proc_age_ms PID: how long ago the process started.
CLK_TCK=$(getconf CLK_TCK)
proc_age_ms() {
	local start up
	start=$(awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$start" ] || return 1
	up=$(awk '{ print $1 }' /proc/uptime)
	awk -v u="$up" -v s="$start" -v hz="$CLK_TCK" 'BEGIN { printf "%d", u * 1000 - s * 1000 / hz }'
}

# ---- one measured figure per file ------------------------------------------
#
# $R/res/KEY holds one line per sample; the report takes the median.

record() { echo "$2" >>"$R/res/$1"; }

# median_of: the median of the numbers on standard input, one a line.
median_of() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# median KEY [COL]: the median over rounds of KEY's column COL.
median() {
	[ -f "$R/res/$1" ] || { echo "-"; return; }
	awk -v col="${2:-1}" '{ print $col }' "$R/res/$1" | median_of
}

# median_ratio A B [COL]: the median over rounds of A ÷ B within a round.
# For runs made one right after the other (hello and the module
# workloads, fnpool with and without keepalive), the drift of the machine
# between rounds cancels in each ratio, as it does not in a ratio of two
# medians.
median_ratio() {
	[ -f "$R/res/$1" ] && [ -f "$R/res/$2" ] || { echo "-"; return; }
	paste -d' ' "$R/res/$1" "$R/res/$2" |
	    awk -v col="${3:-1}" -v n="$(head -1 "$R/res/$1" | wc -w)" '
		$(n + col) > 0 { printf "%.3f\n", $col / $(n + col) }' | median_of
}

column_sum() {
	[ -f "$R/res/$1" ] || { echo 0; return; }
	awk -v col="$2" '{ s += $col } END { print s + 0 }' "$R/res/$1"
}

# ---- wrk --------------------------------------------------------------------

# The module workloads have no counterpart in the references.
fnpool_only() { [ "$1" = modules ] || [ "$1" = modcall ]; }

PATH_OF_hello=hello
PATH_OF_echo=echo
PATH_OF_big=big
PATH_OF_modules=modules
PATH_OF_modcall=modcall

# run_wrk OUT CONNS SECONDS URL_PATH [SCRIPT]: one wrk run, output to OUT.
run_wrk() {
	local out=$1 conns=$2 secs=$3 path=$4 script=${5:-} threads=$WRK_THREADS
	local args=()
	[ "$conns" -lt "$threads" ] && threads=$conns
	[ -n "$script" ] && args=(-s "$script")
	BENCH_BODY="$BENCH/body-1k.json" wrk -t"$threads" -c"$conns" -d"${secs}s" \
	    --latency "${args[@]}" "http://127.0.0.1:$PORT$path" >"$out" 2>&1
}

# wrk_parse FILE: "requests/s p50_ms p99_ms errors" from wrk's report.
wrk_parse() {
	awk '
	function ms(v,  n) {
		n = v + 0
		if (v ~ /us$/) return n / 1000
		if (v ~ /ms$/) return n
		if (v ~ /m$/) return n * 60000
		if (v ~ /s$/) return n * 1000
		return n
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
	/Non-2xx or 3xx responses:/ { err += $5 }
	END {
		if (rps == "") exit 1
		printf "%s %.3f %.3f %d\n", rps, p50, p99, err
	}' "$1"
}

# measure KEY CONNS URL_PATH WORKLOAD ROUND: one recorded run.
measure() {
	local key=$1 conns=$2 path=$3 w=$4 round=$5 script="" out line
	[ "$w" = echo ] && script="$BENCH/post-json.lua"
	out="$R/wrk/$key.r$round.txt"
	[ "$conns" -gt 1 ] && probe_start "${path%/*}/hello"
	run_wrk "$out" "$conns" "$DURATION" "$path" "$script"
	[ "$conns" -gt 1 ] && probe_finish "$key"
	if ! line=$(wrk_parse "$out"); then
		say "wrk failed for $path with $conns connections:"
		sed 's/^/    /' "$out" >&2
		line="0 0 0 1"
	fi
	record "$key" "$line"
	say "round $round: $key: $(awk '{ printf "%.0f req/s, p50 %s ms, p99 %s ms, %d errors", $1, $2, $3, $4 }' <<<"$line")"
}

# probe_start PATH: while wrk runs, a new client every 50 ms (in the
# background) sends GET PATH; $R/probe gets "latency_us status" lines.
# wrk's figures cover only requests that complete: a connection that is
# never served (kept FastCGI connections pinning every worker, new ones
# starving in the backlog) is invisible in them, but not to a new client.
probe_start() {
	local path=$1
	: >"$R/probe"
	(
		end=$((${EPOCHREALTIME/./} + DURATION * 1000000))
		while [ "${EPOCHREALTIME/./}" -lt "$end" ]; do
			t0=${EPOCHREALTIME/./}
			http_get "$path" $((DURATION + 5))
			echo "$((${EPOCHREALTIME/./} - t0)) $STATUS" >>"$R/probe"
			nap 0.05
		done
	) &
	PROBE_PID=$!
}

# probe_finish KEY: records "worst_latency_us unanswered probes" for KEY.
probe_finish() {
	wait "$PROBE_PID"
	PROBE_PID=
	record "probe-$1" "$(awk '$1 > max { max = $1 } $2 != 200 { bad++ }
	    END { printf "%d %d %d\n", max, bad, NR }' "$R/probe")"
}

warm() {
	local path=$1 w=$2 script=""
	[ "$w" = echo ] && script="$BENCH/post-json.lua"
	run_wrk "$R/wrk/warmup.txt" 32 "$WARMUP" "$path" "$script"
}

# ---- correctness before speed ----------------------------------------------

# check_body PATH WANT_FILE [CURL ARGS]: the response is 200 and WANT_FILE.
check_body() {
	local path=$1 want=$2 code
	shift 2
	code=$(curl -sS --max-time 10 -o "$R/got" -w '%{http_code}' "$@" \
	    "http://127.0.0.1:$PORT$path") || code=000
	[ "$code" = 200 ] && cmp -s "$R/got" "$want"
}

verify_workloads() {
	local t
	printf 'hello' >"$R/want-hello"
	head -c 65536 /dev/zero | tr '\0' x >"$R/want-big"
	for t in $TARGETS; do
		check_body "/$t/hello" "$R/want-hello" ||
		    die "/$t/hello does not answer 'hello' (got: $(head -c 300 "$R/got"))"
		check_body "/$t/big" "$R/want-big" ||
		    die "/$t/big does not answer 64 KiB of x (got $(wc -c <"$R/got") bytes)"
		check_body "/$t/echo" "$BENCH/body-1k.json" -H 'Content-Type: application/json' \
		    --data-binary "@$BENCH/body-1k.json" ||
		    die "/$t/echo does not echo the 1 KiB JSON body (got: $(head -c 300 "$R/got"))"
	done
	if has_target php; then
		curl -sS "http://127.0.0.1:$PORT/php/opcache" >"$R/got"
		[ "$(cat "$R/got")" = "opcache on" ] ||
		    die "PHP-FPM runs without opcache ($(cat "$R/got")): install php8.2-opcache"
	fi
	MODULES=
	if has_target fnpool; then
		printf 'tinypkg 1.0.0: modules: 30, sum 435' >"$R/want-modules"
		if check_body /fnpool/modules "$R/want-modules" &&
		    check_body /fnpool/modcall "$R/want-modules"; then
			MODULES=1
		else
			say "the 30-module function does not work yet: n/a (require unavailable)"
			say "  (it answered: $(head -c 200 "$R/got"))"
		fi
	fi
}

has_target() { [[ " $TARGETS " == *" $1 "* ]]; }

# ---- figures that are not throughput -----------------------------------------

# Per-worker memory and respawn, on one-worker instances.
measure_solo() {
	local t=$1 inst=$1-solo probe want k pid newpid
	case $t in
	fnpool) probe=/fnpool-solo/_idle want=404 ;;	# 404 loads no function
	php) probe=/php-solo/none want=404 ;;
	c) probe=/c-solo/hello want=200 ;;
	esac
	start_inst "$inst" 1
	poll_status "$probe" "$want" "${EPOCHREALTIME/./}" 10000 ||
	    die "$inst does not answer $probe with $want (got $STATUS; see $R/$inst.log)"
	settle "$inst"
	record "idle-rss-$t" "$(rss_max "$inst" rss)"
	record "idle-pss-$t" "$(rss_max "$inst" pss)"

	if [ "$t" != c ]; then
		for k in $(seq -w 1 20); do
			http_get "/$inst/many/f$k"
			[ "$STATUS" = 200 ] || die "/$inst/many/f$k answered $STATUS"
		done
		record "many-rss-$t" "$(rss_max "$inst" rss)"
		record "many-pss-$t" "$(rss_max "$inst" pss)"

		for _ in $(seq 1 $((ROUNDS * RESPAWN_KILLS))); do
			pid=$(worker_pids "$inst")
			[ -n "$pid" ] || die "$inst has no worker"
			while [ "$(proc_age_ms "$pid")" -lt "$RESPAWN_AGE_MS" ]; do
				nap 0.05
			done
			local t0=${EPOCHREALTIME/./}
			kill -KILL "$pid"
			poll_status "/$inst/hello" 200 "$t0" 10000 ||
			    die "$inst does not serve again after kill -9 (got $STATUS)"
			newpid=$(worker_pids "$inst")
			[ -n "$newpid" ] && [ "$newpid" != "$pid" ] ||
			    die "$inst: no new worker after kill -9 of $pid"
			record "respawn-$t" "$ELAPSED_US"
		done
	fi
	stop_inst "$inst"
}

# Cold start: from launching the instance to its first 200 through nginx.
measure_cold() {
	local t=$1 round=$2 t0
	t0=${EPOCHREALTIME/./}
	start_inst "$t" "$WORKERS"
	poll_status "/$t/hello" 200 "$t0" 20000 ||
	    die "$t does not answer /$t/hello (got $STATUS; see $R/$t.log)"
	record "cold-$t" "$ELAPSED_US"
	settle "$t"
	[ "$round" = "$ROUNDS" ] || stop_inst "$t"
}

# ---- the report ----------------------------------------------------------------

LABEL_fnpool=fnpool
LABEL_c="C (libfcgi)"
LABEL_php=PHP-FPM

# ratio A B: A / B with two decimals, "-" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || a == "" || b == "" || b + 0 == 0) print "-"
		else printf "%.2f×", a / b }'
}

num() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "-") print "-"; else printf f, v }'; }
mb() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.2f MB", v / 1024 }'; }
msn() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.1f", v / 1000 }'; }
msu() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.1f ms", v / 1000 }'; }

med_or_dash() { if has_target "$2"; then median "$1" "${3:-1}"; else echo "-"; fi; }

errors_note() {
	local f key n
	for f in "$R"/res/*; do
		key=${f##*/}
		case $key in
		probe-*)
			n=$(column_sum "$key" 2)
			[ "$n" -gt 0 ] && echo "- ${key#probe-}: $n of $(column_sum "$key" 3) new-client requests failed or went unanswered (summed over rounds)"
			;;
		hello-*|echo-*|big-*|modules-*|modcall-*|kaon-*|kaoff-*)
			n=$(column_sum "$key" 4)
			[ "$n" -gt 0 ] && echo "- $key: $n failed requests or socket errors reported by wrk (summed over rounds)"
			;;
		esac
	done
}

report_throughput() {
	local w c t rps key f c_rps p_rps
	echo "### Throughput and latency"
	echo
	echo "Medians of $ROUNDS round(s) of ${DURATION} s; latency p50/p99 in ms; \"÷\" columns divide fnpool's requests/s or p99 by the reference's (for p99, lower is better)."
	echo
	echo "| workload | conns | fnpool req/s | C req/s | PHP-FPM req/s | fnpool ÷ C | fnpool ÷ PHP | fnpool p50/p99 | C p50/p99 | PHP-FPM p50/p99 | p99 ÷ C | p99 ÷ PHP |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for w in hello echo big modules modcall; do
		for c in $CONNS; do
			declare -A rps=() lat=() p99=()
			for t in fnpool c php; do
				key="$w-c$c-$t"
				if [ -f "$R/res/$key" ]; then
					rps[$t]=$(median "$key" 1)
					p99[$t]=$(median "$key" 3)
					lat[$t]="$(num "$(median "$key" 2)" %.2f) / $(num "${p99[$t]}" %.2f)"
				else
					rps[$t]=-
					p99[$t]=-
					lat[$t]=-
				fi
			done
			if fnpool_only "$w" && [ -z "${MODULES:-}" ]; then
				echo "| $(workload_name "$w") | $c | n/a (require unavailable) | - | - | - | - | - | - | - | - | - |"
				continue
			fi
			echo "| $(workload_name "$w") | $c | $(num "${rps[fnpool]}" %.0f) | $(num "${rps[c]}" %.0f) | $(num "${rps[php]}" %.0f) | $(ratio "${rps[fnpool]}" "${rps[c]}") | $(ratio "${rps[fnpool]}" "${rps[php]}") | ${lat[fnpool]} | ${lat[c]} | ${lat[php]} | $(ratio "${p99[fnpool]}" "${p99[c]}") | $(ratio "${p99[fnpool]}" "${p99[php]}") |"
			unset rps lat p99
		done
	done
	echo
	if [ -n "${MODULES:-}" ]; then
		for c in $CONNS; do
			echo "- 30-module function ÷ hello (fnpool, $c conns): $(num "$(median_ratio "modules-c$c-fnpool" "hello-c$c-fnpool")" "%.2f×"); calling the package per request ÷ hello: $(num "$(median_ratio "modcall-c$c-fnpool" "hello-c$c-fnpool")" "%.2f×")"
		done
		echo
	fi
}

workload_name() {
	case $1 in
	hello) echo "hello (text)" ;;
	echo) echo "JSON echo, 1 KiB POST" ;;
	big) echo "64 KiB response" ;;
	modules) echo "modules (30 + package)" ;;
	modcall) echo "modules, package called per request" ;;
	esac
}

report_keepalive() {
	local t c off on label
	echo "### FastCGI keepalive (hello)"
	echo
	echo "nginx \`fastcgi_keep_conn on\` with \`upstream { keepalive $KEEPALIVE; }\`, $WORKERS workers per backend."
	echo "fnpool's runs without keepalive are interleaved with its keepalive runs; the references' come from the hello runs above."
	echo "The ÷ columns are medians of the ratio within each round."
	echo "wrk only reports requests that complete, so a connection that is never served does not show in its figures:"
	echo "during every run a new client also sends a request every 50 ms, and \"new client worst\" is the slowest of those (median over rounds)."
	echo
	echo "| backend | conns | req/s none | req/s keepalive | keepalive ÷ none | p99 ms none | p99 ms keepalive | p99 keepalive ÷ none | new client worst ms, none / keepalive | failed (keepalive) |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for c in $KA_CONNS; do
		for t in fnpool c php; do
			has_target "$t" || continue
			if [ "$t" = fnpool ]; then off="kaoff-c$c-fnpool"; else off="hello-c$c-$t"; fi
			on="kaon-c$c-$t"
			[ -f "$R/res/$on" ] || continue
			label=LABEL_$t
			echo "| ${!label} | $c | $(num "$(median "$off")" %.0f) | $(num "$(median "$on")" %.0f) | $(num "$(median_ratio "$on" "$off")" "%.2f×") | $(num "$(median "$off" 3)" %.2f) | $(num "$(median "$on" 3)" %.2f) | $(num "$(median_ratio "$on" "$off" 3)" "%.2f×") | $(msn "$(median "probe-$off")") / $(msn "$(median "probe-$on")") | $(($(column_sum "$on" 4) + $(column_sum "probe-$on" 2))) |"
		done
	done
	echo
}

report_resources() {
	local f fn cc ph
	echo "### Memory, cold start, respawn"
	echo
	echo "RSS is VmRSS from /proc/PID/status (PSS, from smaps_rollup, shares pages among the processes that map them); the largest worker is shown."
	echo
	echo "| figure | fnpool | C (libfcgi) | PHP-FPM | fnpool ÷ C | fnpool ÷ PHP |"
	echo "|---|---:|---:|---:|---:|---:|"
	resource_row "idle RSS per worker" idle-rss mb
	resource_row "idle PSS per worker" idle-pss mb
	resource_row "loaded RSS per worker (after the workloads)" loaded-rss mb
	resource_row "loaded PSS per worker" loaded-pss mb
	resource_row "RSS of a worker holding 20 functions" many-rss mb
	resource_row "PSS of a worker holding 20 functions" many-pss mb
	resource_row "cold start: launch to first 200 ($WORKERS workers)" cold msu
	resource_row "respawn: kill -9 to serving again (1 worker)" respawn msu
	echo
}

resource_row() {
	local title=$1 key=$2 fmt=$3 t
	declare -A v=()
	for t in fnpool c php; do
		v[$t]=$(med_or_dash "$key-$t" "$t")
	done
	echo "| $title | $($fmt "${v[fnpool]}") | $($fmt "${v[c]}") | $($fmt "${v[php]}") | $(ratio "${v[fnpool]}" "${v[c]}") | $(ratio "${v[fnpool]}" "${v[php]}") |"
}

# ---- targets ---------------------------------------------------------------------
#
# The goals fnpool sets itself (bench/README.md), each checked against the
# medians above: "met", "**not met**", or "n/a" when a figure is missing.

# verdict A OP B: compares two numbers (OP is >=, <= or <).
verdict() {
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
		if (a == "-" || b == "-" || a == "" || b == "") { print "n/a"; exit }
		a += 0; b += 0
		if (op == ">=") ok = a >= b
		else if (op == "<=") ok = a <= b
		else ok = a < b
		print ok ? "met" : "**not met**" }'
}

# div A B: A / B as a number, "-" when either is missing.
div() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || a == "" || b == "" || b + 0 == 0) print "-"
		else printf "%.3f", a / b }'
}

target_row() { echo "| $1 | $2 | $3 |"; }

report_targets() {
	local c f cc pp r v k0 k1
	echo "### Targets"
	echo
	echo "| target | measured | |"
	echo "|---|---|---|"
	for c in $CONNS; do
		f=$(med_or_dash "hello-c$c-fnpool" fnpool)
		cc=$(med_or_dash "hello-c$c-c" c)
		pp=$(med_or_dash "hello-c$c-php" php)
		r=$(div "$f" "$cc")
		target_row "hello, $c conns: fnpool ≥ 0.90 × C req/s" "$(num "$r" "%.2f×")" "$(verdict "$r" ">=" 0.90)"
		r=$(div "$f" "$pp")
		target_row "hello, $c conns: fnpool ≥ 1.35 × PHP-FPM req/s" "$(num "$r" "%.2f×")" "$(verdict "$r" ">=" 1.35)"
		f=$(med_or_dash "hello-c$c-fnpool" fnpool 3)
		pp=$(med_or_dash "hello-c$c-php" php 3)
		target_row "hello, $c conns: fnpool p99 ≤ PHP-FPM p99" "$(num "$f" %.2f) ms vs $(num "$pp" %.2f) ms" "$(verdict "$f" "<=" "$pp")"
	done
	v=$(med_or_dash idle-rss-fnpool fnpool)
	target_row "idle worker RSS ≤ 2 MB" "$(mb "$v")" "$(verdict "$v" "<=" 2048)"
	v=$(med_or_dash many-rss-fnpool fnpool)
	target_row "worker holding 20 functions: RSS ≤ 8 MB" "$(mb "$v")" "$(verdict "$v" "<=" 8192)"
	v=$(med_or_dash cold-fnpool fnpool)
	target_row "cold start < 50 ms" "$(msu "$v")" "$(verdict "$v" "<" 50000)"
	v=$(med_or_dash respawn-fnpool fnpool)
	target_row "respawn < 5 ms" "$(msu "$v")" "$(verdict "$v" "<" 5000)"
	for c in $CONNS; do
		if [ -n "${MODULES:-}" ]; then
			r=$(median_ratio "modules-c$c-fnpool" "hello-c$c-fnpool")
		else
			r=-
		fi
		target_row "30-module function, $c conns: ≥ 0.90 × hello req/s" "$(num "$r" "%.2f×")" "$(verdict "$r" ">=" 0.90)"
	done
	for c in $KA_CONNS; do
		has_target fnpool || continue
		r=$(median_ratio "kaon-c$c-fnpool" "kaoff-c$c-fnpool")
		target_row "keepalive, $c conns: req/s ≥ 1.3 × without" "$(num "$r" "%.2f×")" "$(verdict "$r" ">=" 1.3)"
		k0=$(median "kaoff-c$c-fnpool" 3)
		k1=$(median "kaon-c$c-fnpool" 3)
		r=$(median_ratio "kaon-c$c-fnpool" "kaoff-c$c-fnpool" 3)
		target_row "keepalive, $c conns: p99 ≤ 2 × p99 without" "$(num "$k1" %.2f) ms vs $(num "$k0" %.2f) ms ($(num "$r" "%.2f×"))" "$(verdict "$r" "<=" 2)"
	done
	echo
	if has_target c && has_target php; then
		for c in $CONNS; do
			echo "- hello at $c conns, the C program ÷ PHP-FPM: $(ratio "$(median "hello-c$c-c")" "$(median "hello-c$c-php")")"
		done
		echo
		echo "At 1 connection each request waits for the whole round trip through wrk and nginx, so the backends' rates differ little (see the C program's own ratio to PHP-FPM above); the concurrent runs show what each backend costs."
		echo
	fi
}

report() {
	local errs
	echo "## fnpool benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), $(awk '/^MemTotal:/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
	echo "- load average (1 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1 /proc/loadavg) (an idle machine is near 0 before a run)"
	echo "- command: \`$(env | grep -E '^BENCH_[A-Z_]+=' | sort | tr '\n' ' ')make bench\` ($(( ($(date +%s) - BENCH_T0) / 60 )) min)"
	echo "- fnpool $(git -C "$BENCH/.." describe --always --dirty 2>/dev/null || echo '?'); $WORKERS workers per backend; nginx $NGINX_WORKERS worker(s); wrk ${WRK_THREADS} thread(s); ${DURATION} s per run, $ROUNDS round(s), ${WARMUP} s warm-up"
	echo "- $($NGINX -v 2>&1 | sed 's/.*: //'), $($PHP_FPM -v | head -1 | awk '{ print "PHP " $2 }'), MuJS $(pkg-config --modversion mujs 2>/dev/null || echo '?'), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')"
	echo
	report_targets
	report_throughput
	report_keepalive
	report_resources
	errs=$(errors_note)
	if [ -n "$errs" ]; then
		echo "### Errors"
		echo
		echo "$errs"
		echo
	fi
}

# write_output FILE: the report into FILE.  When FILE has a "## Tuning
# log" section (bench/RESULTS.md), the report replaces what comes between
# the file's first paragraph and that section, and the log is kept.
write_output() {
	local out=$1
	if [ -f "$out" ] && grep -q '^## Tuning log' "$out"; then
		{
			awk '/^## / { exit } { print }' "$out"
			sed 's/^## fnpool benchmark/## Results: fnpool benchmark/' "$R/report.md"
			awk '/^## Tuning log/ { keep = 1 } keep { print }' "$out"
		} >"$R/output.md"
		cp "$R/output.md" "$out"
	else
		cp "$R/report.md" "$out"
	fi
}

# ---- the run ----------------------------------------------------------------------

BENCH_T0=$(date +%s)
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

say "run directory $R; $WORKERS workers per backend; ${DURATION} s x $ROUNDS round(s)"
nginx_start

for t in $TARGETS; do
	say "per-worker memory and respawn: $t"
	measure_solo "$t"
done

for round in $(seq 1 "$ROUNDS"); do
	for t in $TARGETS; do
		measure_cold "$t" "$round"
	done
done
say "cold start medians: $(for t in $TARGETS; do printf '%s %s ms  ' "$t" "$(fmt_ms "$(median "cold-$t")")"; done)"

verify_workloads

# The module workloads are judged against hello: they run right after it.
WORKLOADS="hello echo big"
[ -n "$MODULES" ] && WORKLOADS="hello modules modcall echo big"
for w in $WORKLOADS; do
	for t in $TARGETS; do
		fnpool_only "$w" && [ "$t" != fnpool ] && continue
		warm "/$t/$w" "$w"
	done
done

# targets_for WORKLOAD: the order of the backends in a round.  fnpool's
# hello goes last, right before the module workloads it is compared with.
targets_for() {
	local t
	if [ "$1" = hello ] && [ -n "$MODULES" ]; then
		for t in $TARGETS; do [ "$t" = fnpool ] || echo "$t"; done
		has_target fnpool && echo fnpool
	elif fnpool_only "$1"; then
		has_target fnpool && echo fnpool
	else
		echo $TARGETS
	fi
}

for round in $(seq 1 "$ROUNDS"); do
	for c in $CONNS; do
		for w in $WORKLOADS; do
			for t in $(targets_for "$w"); do
				measure "$w-c$c-$t" "$c" "/$t/$w" "$w" "$round"
			done
		done
	done
done

for t in $TARGETS; do
	record "loaded-rss-$t" "$(rss_max "$t" rss)"
	record "loaded-pss-$t" "$(rss_max "$t" pss)"
done

# Last: kept connections pin the references' workers (that is the point
# of the comparison), which would stall any later run against them.
for t in $TARGETS; do
	warm "/$t-ka/hello" hello
done
for round in $(seq 1 "$ROUNDS"); do
	for c in $KA_CONNS; do
		for t in $TARGETS; do
			[ "$t" = fnpool ] && measure "kaoff-c$c-fnpool" "$c" /fnpool/hello hello "$round"
			measure "kaon-c$c-$t" "$c" "/$t-ka/hello" hello "$round"
		done
	done
done

report >"$R/report.md"
if [ -n "${BENCH_OUTPUT:-}" ]; then
	write_output "$BENCH_OUTPUT"
	say "report written to $BENCH_OUTPUT"
fi
echo
cat "$R/report.md"
FAILED=0
