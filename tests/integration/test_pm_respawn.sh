#!/bin/bash
# Respawn: killed workers are replaced within 100 ms under load, crash
# loops back off, max_requests and max_rss recycle without failures.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
owner=
[ "$(id -u)" = 0 ] && owner="listen.owner = www-data"

cp -r "$PM_FIXTURES" "$T/fn"
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = debug

[www]
listen = $T/www.sock
$owner
functions = $PM_FIXTURES
prefix = /www
workers = 4
; kills below are not a crash loop
crash_limit = 1000
env.POOL = www
$RUN_AS

[crashy]
listen = $T/crashy.sock
$owner
functions = $T/fn
prefix = /crashy
workers = 2
crash_limit = 5
crash_window = 10s
$RUN_AS

[fragile]
listen = $T/fragile.sock
$owner
functions = $PM_FIXTURES
prefix = /fragile
workers = 1
crash_limit = 3
crash_window = 1m
$RUN_AS

[fat]
listen = $T/fat.sock
$owner
functions = $PM_FIXTURES
prefix = /fat
workers = 1
; any worker is bigger than this: each one serves one request
max_rss = 1M
crash_limit = 1000
$RUN_AS

[recycle]
listen = $T/recycle.sock
$owner
functions = $PM_FIXTURES
prefix = /recycle
workers = 2
max_requests = 20
crash_limit = 1000
env.POOL = recycle
$RUN_AS
INI
nginx_pools www:"$T/www.sock" recycle:"$T/recycle.sock" crashy:"$T/crashy.sock" fat:"$T/fat.sock" fragile:"$T/fragile.sock"
fnpool_start "$T/fnpool.ini"
check "sockets appear" wait_for 50 is_socket "$T/recycle.sock"
check "nginx starts" nginx_start
check "ten workers start" wait_for 50 workers_are 10

# ---- kill -9 under load --------------------------------------------------
# kill_round: six kill -9s of random workers while the client loops run
# (not the crashy or fragile pools': the crash-loop tests below need them
# unharmed).  For each kill it records, in ms:
#   FORK_MS   from the kill (this script's clock) to the replacement's
#             fork (the master's log line "started worker");
#   REACT_MS  from the master reaping the dead worker to that fork, both
#             from the master's log: what the master itself controls;
#   SEEN_MS   from the kill to this script seeing ten live workers again.
kill_round() {
	local round victim t0 line pool reaped forked
	FORK_MS=() REACT_MS=() SEEN_MS=()
	for round in 1 2 3 4 5 6; do
		scan_workers
		victim=
		while [ -z "$victim" ] || [[ $(cat "/proc/$victim/comm") == fnpool:@(crashy|fragile) ]]; do
			victim=${WORKERS[$((RANDOM % NWORKERS))]}
		done
		clock; t0=$NOW
		kill -KILL "$victim"
		# Back to full size: ten live workers, none of them the victim.
		while :; do
			scan_workers
			clock
			if [ "$NWORKERS" = 10 ] && [[ " ${WORKERS[*]} " != *" $victim "* ]]; then
				break
			fi
			[ $((NOW - t0)) -gt 5000 ] && break
		done
		SEEN_MS+=($((NOW - t0)))
		# The child shows in /proc before the master has logged its fork.
		line="pool [a-z]+: worker $victim killed by signal 9"
		pool=
		wait_for 50 log_has "$line" && pool=$(grep -m1 -oE "$line" "$T/fnpool.log")
		pool=${pool#pool }
		pool=${pool%%:*}
		wait_for 50 log_after "$line" "master\[[0-9]+\]: pool $pool: started worker"
		reaped=$(log_stamp "$line")
		forked=$(log_stamp_after "$line" "master\[[0-9]+\]: pool $pool: started worker")
		if [ "$forked" -gt 0 ] && [ "$reaped" -gt 0 ]; then
			FORK_MS+=($((forked - t0)))
			REACT_MS+=($((forked - reaped)))
		else	# no such lines: a failure, not a fast replacement
			FORK_MS+=(99999)
			REACT_MS+=(99999)
		fi
		KILLS=$((KILLS + 1))
		load_progress kill 10
	done
	diag "kill -9 to the replacement's fork, by the master's log (ms): ${FORK_MS[*]}" \
	    "the death reaped to the replacement's fork (ms): ${REACT_MS[*]}" \
	    "kill -9 to full size seen by this script (ms): ${SEEN_MS[*]}"
}
# The promise is a respawn within 100 ms under load.  Strictly, for each
# kill, it is kept by the master from the moment it reaps a dead worker:
# both ends of REACT_MS are its own log lines, which no scheduling of
# this script delays.  Kill to fork also waits for the kernel to run the
# victim's exit (freeing all its memory: more under ASan) and to wake the
# master, which a loaded machine slows now and then (118 ms once in CI):
# most kills must see their fork within 100 ms, and every one within
# 250 ms.  A round that misses either bound is run once more, and the
# second round decides: a machine that stalls everything for a moment
# (once the master took 933 ms between two log lines while other CI
# stages ran) delays one kill of one round, while a master that is slow
# to respawn is slow in every round.
round_ok() {
	[ "$(worst "${REACT_MS[@]}")" -le 100 ] &&
	    [ "$(median "${FORK_MS[@]}")" -le 100 ] &&
	    [ "$(worst "${FORK_MS[@]}")" -le 250 ]
}
load_start kill 2 /www/hello
load_progress kill 30
KILLS=0
kill_round
if ! round_ok; then
	read -r load1 _ </proc/loadavg
	diag "a bound was missed (load average $load1 on $(nproc) CPUs): a second round decides"
	kill_round
fi
load_stop kill
react=$(worst "${REACT_MS[@]}")
check "the master forks a replacement within 100 ms of reaping a dead worker, each of 6 kills (worst $react ms)" \
    test "$react" -le 100
fork_median=$(median "${FORK_MS[@]}") fork_worst=$(worst "${FORK_MS[@]}")
fork_ok() { [ "$fork_median" -le 100 ] && [ "$fork_worst" -le 250 ]; }
check "kill -9 to the replacement's fork: within 100 ms in most of 6 kills (median $fork_median ms), within 250 ms in each (worst $fork_worst ms)" \
    fork_ok
total=$(load_total kill)
failed=$(load_failed kill)
diag "$total requests during the kills, $failed failed"
check "the client loops made progress ($total requests)" test "$total" -ge 60
check "failed requests ($failed) are at most those in flight in killed workers ($KILLS)" \
    test "$failed" -le "$KILLS"
check "each death is logged with pid and signal name" \
    log_has "pool (www|recycle): worker [0-9]+ killed by signal 9 \(SIGKILL\)"
check "the master is still up" kill -0 "$FNPOOL_PID"

# ---- max_requests recycling ------------------------------------------------
before=$(grep -c "recycle: worker [0-9]* exited after" "$T/fnpool.log")
load_start rec 2 /recycle/hello 50
load_progress rec 100
load_stop rec
after=$(grep -c "recycle: worker [0-9]* exited after" "$T/fnpool.log")
is "$(load_failed rec)" "0" "max_requests recycling: $(load_total rec) requests, none failed"
check "workers were recycled ($((after - before)) times)" test $((after - before)) -ge 3
check "recycled workers were replaced" wait_for 50 workers_are 10
counts=$(sed -n 's/.*recycle worker\[[0-9]*\]: served \([0-9]*\) requests (max_requests).*/\1/p' "$T/fnpool.log" | sort -u | tr '\n' ' ')
diag "requests served before recycling: $counts"
in_range=yes
for n in $counts; do [ "$n" -ge 18 ] && [ "$n" -le 20 ] || in_range=no; done
is "$in_range" "yes" "each worker recycles after max_requests less a jitter of at most 10% ($counts)"

# ---- max_rss recycling -----------------------------------------------------
before=$(grep -c "is over max_rss (1024 KiB): exiting to be replaced" "$T/fnpool.log")
load_start fat 2 /fat/hello 10
load_progress fat 20
load_stop fat
after=$(grep -c "is over max_rss (1024 KiB): exiting to be replaced" "$T/fnpool.log")
is "$(load_failed fat)" "0" "max_rss recycling: $(load_total fat) requests, none failed"
check "workers over max_rss exit after their request ($((after - before)) times)" \
    test $((after - before)) -ge 10
check "and are replaced" wait_for 50 workers_are 10

# ---- what a dying worker was running --------------------------------------
curl -s -o /dev/null --max-time 20 --unix-socket "$T/nginx.sock" \
    "http://fnpool.test/www/slow?ms=3000&say=1" &
slowreq=$!
busy_logged() { log_has "pool www: worker [0-9]+ killed by signal 9 \(SIGKILL\) while running slow.js for /www/slow \(request [0-9a-f]{32}, [0-9]+ ms in\)"; }
# Its own log line, not a worker in state R: a worker that max_rss just
# replaced may still be starting (under ASan, for a while).
check "the slow request runs" wait_for 100 log_has "pool=www function=slow .*: spinning for 3000 ms"
for pid in $(children "$FNPOOL_PID"); do kill -KILL "$pid"; done
check "a killed busy worker is logged with the function and request id it ran" \
    wait_for 50 busy_logged
wait "$slowreq"
check "all pools are back to full size" wait_for 50 workers_are 10

# ---- which function keeps killing workers ---------------------------------
fragile_pid() {
	local pid
	scan_workers
	for pid in "${WORKERS[@]}"; do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = fnpool:fragile ] && echo "$pid"
	done
}
for round in 1 2 3; do
	curl -s -o /dev/null --max-time 20 --unix-socket "$T/nginx.sock" \
	    "http://fnpool.test/fragile/slow?ms=5000" &
	fragreq=$!
	wait_for 50 busy_are 1
	kill -KILL "$(fragile_pid)"
	wait "$fragreq"
	[ "$round" = 3 ] || wait_for 50 workers_are 10
done
fragile_logged() {
	log_has "pool fragile: 3 workers died within [0-9]+ ms \(3 in all, last while running slow.js for /fragile/slow\); crash loop: next respawn in 100 ms"
}
check "a crash loop names the pool and the function that was running" \
    wait_for 50 fragile_logged
check "and the pool comes back after the backoff" wait_for 50 workers_are 10

# ---- a crash loop ----------------------------------------------------------
# The crashy pool's workers now die at start: their functions root is gone.
mv "$T/fn" "$T/fn.away"
cpu0=$(awk '{print $14 + $15}' "/proc/$FNPOOL_PID/stat")
t0=$(now_ms)
for pid in $(children "$FNPOOL_PID"); do kill -KILL "$pid"; done
looping() { log_has "pool crashy: 5 workers died within [0-9]+ ms .*crash loop: next respawn in [0-9]+ ms"; }
check "a crash loop is detected and logged with the pool" wait_for 50 looping
backoff_grew() { log_has "pool crashy: .*next respawn in (400|800|1600|3200) ms"; }
check "the backoff grows while the workers keep dying" wait_for 80 backoff_grew
check "the master survives the crash loop" kill -0 "$FNPOOL_PID"
cpu=$(( $(awk '{print $14 + $15}' "/proc/$FNPOOL_PID/stat") - cpu0 ))
dt=$(( $(now_ms) - t0 ))
deaths=$(grep -c "pool crashy: worker [0-9]* exited with code 2 (could not start) while starting" "$T/fnpool.log")
diag "crash loop: $deaths deaths and $cpu ticks of master CPU in $dt ms"
check "the master does not spin ($deaths deaths in $dt ms)" test "$deaths" -le 20
is "$(http /www/hello)" $'200\nhello from www' "other pools keep serving"
mv "$T/fn.away" "$T/fn"
check "once fixed, the pool comes back by itself" wait_for 100 workers_are 10
is "$(http /crashy/hello)" $'200\nhello from ?' "and serves again"
