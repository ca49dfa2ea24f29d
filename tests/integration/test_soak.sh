#!/bin/bash
# A soak through a real nginx: many requests across a mix of functions
# (plain text, module-level state, JSON building, exceptions, 404s).
#
# Memory: a worker's heap does not grow smoothly.  It settles in steps of
# 70-700 kB whenever the collector's schedule and the allocator's arenas
# drift, at any point of a run (measured: after a 30,000-request warm-up,
# steps of 692 and 72 kB in the next 50,000 requests, then flat for 50,000
# more; another run settled in steps of 528 and 360 kB).  A leak, though,
# grows the heap in every stretch of requests.  So after the warm-up the
# run is cut into SOAK_PHASES (4) phases; each worker's growth summed over
# all phases but its two largest (the steps) must stay under 1 byte per
# request of those phases plus SOAK_SLACK_KB (256).  A
# leaked empty object per hello request (40% of the mix) fails it by
# megabytes; leaks too small for this are LeakSanitizer's, in the
# sanitizer build.  bench/soak.sh's million requests hold the 1-byte bound
# over a whole run.  SOAK_REQUESTS, SOAK_WARMUP, SOAK_PHASES,
# SOAK_SLACK_KB and SOAK_MODULE_CACHE (on/off) change the run.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
command -v ab >/dev/null || skip_all "ab not installed: apt-get install apache2-utils"

sanitized=
ldd "$FNPOOL" 2>/dev/null | grep -q libasan && sanitized=1
if [ -n "$sanitized" ]; then
	# ASan's quarantine holds freed memory, so RSS says nothing here;
	# LeakSanitizer checks the workers when they exit instead.
	N=${SOAK_REQUESTS:-5000} WARMUP=${SOAK_WARMUP:-1000}
else
	N=${SOAK_REQUESTS:-100000} WARMUP=${SOAK_WARMUP:-30000}
fi
cache_line=
if [ -n "${SOAK_MODULE_CACHE:-}" ]; then
	cache_line="module_cache = $SOAK_MODULE_CACHE"
fi

# A free TCP port for nginx (ab speaks TCP only).
port=
for p in $(shuf -i 20000-60000 -n 20); do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || skip_all "no free TCP port found for nginx"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = warn

[soak]
listen = $T/soak.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/soak
workers = 2
memory_limit = 64M
$cache_line
INI
if [ -n "$cache_line" ] && ! "$FNPOOL" -t -c "$T/fnpool.ini" >"$T/check.log" 2>&1; then
	skip_all "this fnpool has no '$cache_line' setting: $(head -1 "$T/check.log")"
fi
cat >"$T/http.conf" <<CONF
upstream soak { server unix:$T/soak.sock; keepalive 8; }
CONF
cat >"$T/server.conf" <<CONF
listen 127.0.0.1:$port;
access_log off;
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_keep_conn on;
	fastcgi_pass soak;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/soak.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2

# mix COUNT TAG: COUNT requests, in parallel streams, per the shares below.
mix() {
	local n=$1 tag=$2 path share pids=()
	for spec in hello:40 counter:20 report:30 throws:5 missing:5; do
		path=${spec%%:*} share=${spec#*:}
		ab -q -k -c 4 -n $((n * share / 100)) \
		    "http://127.0.0.1:$port/$path?q=soak" >"$T/ab.$tag.$path" 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
}
# ab_field FILE LABEL: a number from ab's report.
ab_field() {
	sed -n "s/^$2: *\([0-9.]*\).*/\1/p" "$1" | head -1
}
# Connection-level failures only: ab counts varying lengths as failures.
ab_broken() {
	sed -n 's/.*(Connect: \([0-9]*\), Receive: \([0-9]*\), Length: [0-9]*, Exceptions: \([0-9]*\)).*/\1 \2 \3/p' "$1"
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

mix "$WARMUP" warm
pids=$(worker_pids | tr '\n' ' ')
phases=${SOAK_PHASES:-4}
phase_n=$((N / phases))
[ "$phases" -ge 3 ] || { echo "Bail out! SOAK_PHASES must be 3 or more (two are left out as steps)"; exit 1; }
declare -A last sum largest second
for p in $pids; do last[$p]=$(rss_kb "$p"); sum[$p]=0; largest[$p]=; second[$p]=; done

t0=$(date +%s%3N)
for ((ph = 1; ph <= phases; ph++)); do
	mix "$phase_n" "soak$ph"
	for p in $pids; do
		now=$(rss_kb "$p") || continue
		grow=$((now - ${last[$p]}))
		diag "worker $p: phase $ph: RSS ${last[$p]} -> $now kB (${grow} kB)"
		last[$p]=$now
		sum[$p]=$((${sum[$p]} + grow))
		if [ -z "${largest[$p]}" ] || [ "$grow" -gt "${largest[$p]}" ]; then
			second[$p]=${largest[$p]}
			largest[$p]=$grow
		elif [ -z "${second[$p]}" ] || [ "$grow" -gt "${second[$p]}" ]; then
			second[$p]=$grow
		fi
	done
done
t1=$(date +%s%3N)

all_ok=1
for path in hello counter report throws missing; do
	done_n=0 non2xx=0 broken_any=
	for ((ph = 1; ph <= phases; ph++)); do
		f="$T/ab.soak$ph.$path"
		n=$(ab_field "$f" "Complete requests")
		[ -n "$n" ] || { broken_any="no report in $f"; continue; }
		done_n=$((done_n + n))
		non2xx=$((non2xx + $(ab_field "$f" "Non-2xx responses" | grep . || echo 0)))
		broken=$(ab_broken "$f")
		[ -z "$broken" ] || [ "$broken" = "0 0 0" ] || broken_any="$broken"
	done
	case $path in
	throws|missing) want_non2xx=$done_n ;;
	*) want_non2xx=0 ;;
	esac
	if [ "$done_n" -eq 0 ] || [ "$non2xx" != "$want_non2xx" ] || [ -n "$broken_any" ]; then
		all_ok=0
		diag "$path: complete=$done_n non-2xx=$non2xx broken=${broken_any:-none}"
	fi
done
if [ "$all_ok" = 1 ]; then ok "$N requests answered with the expected statuses"
else not_ok "$N requests answered with the expected statuses"; fi
diag "$N requests in $((t1 - t0)) ms ($((N * 1000 / (t1 - t0 + 1))) requests/s)"
is "$(worker_pids | tr '\n' ' ')" "$pids" "no worker died or was replaced"

slack=${SOAK_SLACK_KB:-256}
limit_kb=$(((phases - 2) * phase_n / 1024 + slack))
for p in $pids; do
	if [ -n "$sanitized" ]; then
		ok "# SKIP worker $p RSS bound: ASan's quarantine keeps freed memory"
		continue
	fi
	rest=$((${sum[$p]} - ${largest[$p]} - ${second[$p]}))
	check "worker $p: RSS grew by $rest kB in all phases but the two largest steps (${largest[$p]}, ${second[$p]} kB), under 1 byte per request + $slack kB ($limit_kb kB)" \
	    test "$rest" -lt "$limit_kb"
done
