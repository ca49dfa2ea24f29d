#!/bin/bash
# The workers' inotify instances belong to the master (src/worker/watch.c says
# why: a worker holding the only one took 15-25 ms to die).  Each worker
# holds its own instance and no other; the master holds one per worker
# and hands a dead worker's to its replacement, which still follows
# changes to the functions; a pool without a module cache has none; a
# reload hands the old workers' instances to the new pools.
. "$(dirname "$0")/lib.sh"

need_fcgi_client

mkdir -p "$T/one/_lib" "$T/two" "$T/plain"
put() { printf '%s\n' "$2" >"$1.tmp" && mv -f "$1.tmp" "$1"; }
put "$T/one/v.js" "var n = require('./_lib/n'); module.exports = function () { return 'v' + n; };"
put "$T/one/_lib/n.js" "module.exports = 1;"
put "$T/two/hello.js" "module.exports = function () { return 'two'; };"
put "$T/plain/hello.js" "module.exports = function () { return 'plain'; };"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = debug

[one]
listen = $T/one.sock
functions = $T/one
workers = 1
crash_limit = 1000
$RUN_AS

[two]
listen = $T/two.sock
functions = $T/two
workers = 2
$RUN_AS

[plain]
listen = $T/plain.sock
functions = $T/plain
workers = 1
module_cache = off
$RUN_AS
INI
fnpool_start "$T/fnpool.ini"
check "sockets appear" wait_for 50 is_socket "$T/plain.sock"
# A readiness wait, not a bound: ASan workers under load start slowly.
check "four workers start" wait_for 300 workers_up 4

# inotify_count PID: the inotify instances PID has open.
inotify_count() {
	find "/proc/$1/fd" -lname 'anon_inode:inotify' 2>/dev/null | wc -l
}
# pool_worker POOL: the pid of POOL's worker (its name is fnpool:POOL).
pool_worker() {
	local pid
	for pid in $(worker_pids); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "fnpool:$1" ] && echo "$pid"
	done
}
get() { "$CLIENT" "$T/$1.sock" get 0 "$2" 2>&1; }
# answers POOL PATH WANT: one request, compared.
answers() { [ "$(get "$1" "$2")" = "0: $3" ]; }

is "$(get two /hello)" "0: two" "pool two answers"
is "$(get plain /hello)" "0: plain" "pool plain answers"
is "$(inotify_count "$FNPOOL_PID")" 3 "the master holds one instance per worker of the pools with a module cache"
counts=
for pid in $(worker_pids); do counts="$counts $(cat "/proc/$pid/comm"):$(inotify_count "$pid")"; done
is "$(echo $counts | tr ' ' '\n' | sort | tr '\n' ' ')" \
    "fnpool:one:1 fnpool:plain:0 fnpool:two:1 fnpool:two:1 " \
    "each worker holds its own instance only (none without a module cache)"

is "$(get one /v)" "0: v1" "pool one answers"
put "$T/one/_lib/n.js" "module.exports = 2;"
check "a changed module is served" wait_for 20 answers one /v v2

for round in 1 2; do
	victim=$(pool_worker one)
	kill -KILL "$victim"
	replaced() { local p; p=$(pool_worker one); [ -n "$p" ] && [ "$p" != "$victim" ]; }
	check "round $round: the killed worker is replaced" wait_for 50 replaced
	check "round $round: the replacement serves" wait_for 20 answers one /v "v$((round + 1))"
	is "$(inotify_count "$FNPOOL_PID")" 3 "round $round: the master handed the instance on, not a new one"
	is "$(inotify_count "$(pool_worker one)")" 1 "round $round: the replacement holds one instance"
	put "$T/one/_lib/n.js" "module.exports = $((round + 2));"
	check "round $round: the replacement follows a change with the instance it took over" \
	    wait_for 20 answers one /v "v$((round + 2))"
done
# A reload starts new workers with new instances; the old workers' go to
# the new pools of the same name and functions, as spares (at most one
# per worker a pool can have), rather than being closed by the master.
kill -HUP "$FNPOOL_PID"
drained() { [ "$(grep -c '(generation 1): drained' "$T/fnpool.log")" = 3 ]; }
check "a reload drains the three old pools" wait_for 50 drained
check "and four new workers serve" wait_for 50 workers_up 4
is "$(inotify_count "$FNPOOL_PID")" 6 "the master holds the new workers' 3 instances and the old workers' 3 as spares"
put "$T/one/_lib/n.js" "module.exports = 9;"
check "a new worker follows a change" wait_for 20 answers one /v v9
check "no warning about watching" sh -c "! grep -q 'cannot watch\|inotify' '$T/fnpool.log'"

master=$FNPOOL_PID
fnpool_stop
is "$FNPOOL_RC" 0 "the master exits 0 on SIGTERM"
check "and is gone" sh -c "! kill -0 $master 2>/dev/null"
