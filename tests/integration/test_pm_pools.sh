#!/bin/bash
# Pools: static and dynamic sizing, two isolated pools on two sockets.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
owner=
[ "$(id -u)" = 0 ] && owner="listen.owner = www-data"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[fixed]
listen = $T/fixed.sock
$owner
functions = $PM_FIXTURES
prefix = /fixed
workers = 3
env.POOL = fixed
$RUN_AS

[dyn]
listen = $T/dyn.sock
$owner
functions = $PM_FIXTURES
prefix = /dyn
pm = dynamic
min_idle = 1
max_idle = 1
max_workers = 4
idle_timeout = 300ms
env.POOL = dyn
$RUN_AS

[other]
listen = $T/other.sock
$owner
functions = $SRCDIR/tests/fixtures/pm2
prefix = /other
workers = 1
$RUN_AS
INI
nginx_pools fixed:"$T/fixed.sock" dyn:"$T/dyn.sock" other:"$T/other.sock"

out=$("$FNPOOL" -t -c "$T/fnpool.ini" 2>&1)
is "$?" "0" "-t accepts static, dynamic and plain pools"

fnpool_start "$T/fnpool.ini"
check "all sockets appear" wait_for 50 is_socket "$T/other.sock"
check "nginx starts" nginx_start
# 3 static + 1 idle dynamic + 1
check "static pool starts 3 workers, dynamic its min_idle" wait_for 50 workers_are 5

is "$(http /fixed/hello)" $'200\nhello from fixed' "static pool answers"
is "$(http /dyn/hello)" $'200\nhello from dyn' "dynamic pool answers"
is "$(http /other/hello)" $'200\nsecond root' \
    "a second pool serves its own functions root"
r=$(http /other/slow)
like "$r" '^404' "pools are isolated: another pool's functions are not found"

# Scale up: four slow requests at once on a pool that starts with one.
for i in 1 2 3 4; do
	curl -s -o "$T/slow.$i" --max-time 20 --unix-socket "$T/nginx.sock" \
	    -w '%{http_code}' "http://fnpool.test/dyn/slow?ms=1500" \
	    >"$T/slow.$i.code" &
	LOAD_PIDS="$LOAD_PIDS $!"
done
check "dynamic pool grows to max_workers under concurrent slow requests" \
    wait_for 40 workers_are 8
most=0
while kill -0 $LOAD_PIDS 2>/dev/null; do	# until the first one ends
	n=$(nworkers)
	[ "$n" -gt "$most" ] && most=$n
done
is "$most" "8" "and never beyond max_workers (3 + 4 + 1) while they run"
wait $LOAD_PIDS
LOAD_PIDS=
is "$(cat "$T"/slow.*.code)" "200200200200" "all four slow requests succeed"
check "idle workers beyond max_idle stop after idle_timeout" \
    wait_for 50 workers_are 5
check "the log says why they stopped" log_has "dyn: worker [0-9]+ idle for [0-9]+ ms: stopping it"
is "$(http /dyn/hello)" $'200\nhello from dyn' "the shrunk pool still answers"

# The sample configuration stays in step with the option table.
sed -e "s|^listen = .*|listen = $T/sample.sock|" \
    -e "s|^functions = .*|functions = $PM_FIXTURES|" \
    "$SRCDIR/conf/fnpool.ini" >"$T/sample.ini"
if id www-data >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ "$(id -un)" = www-data ]; }; then
	out=$("$FNPOOL" -t -c "$T/sample.ini" 2>&1)
	is "$?" "0" "conf/fnpool.ini is valid ($out)"
else
	ok "# SKIP conf/fnpool.ini names user www-data: needs root"
fi
# Every commented-out key is a real key too.
sed -E -e 's/^; ([a-z_.]+ = .*)$/\1/' -e '/^pm = static$/d' -e '/^workers = 4$/d' \
    "$T/sample.ini" >"$T/sample-all.ini"
sed -i "s|^pid = .*|pid = $T/sample.pid|" "$T/sample-all.ini"
out=$("$FNPOOL" -t -c "$T/sample-all.ini" 2>&1)
unknown=$(echo "$out" | grep -c "unknown key")
is "$unknown" "0" "every key shown in conf/fnpool.ini exists"

# Workers never outlive their master, even one killed with SIGKILL.
scan_workers
kids=("${WORKERS[@]}")
kill -KILL "$FNPOOL_PID"
wait "$FNPOOL_PID" 2>/dev/null
FNPOOL_PID=
orphans_gone() {
	local pid st
	for pid in "${kids[@]}"; do
		read -r st <"/proc/$pid/stat" 2>/dev/null || continue
		st=${st##*) }
		[ "${st%% *}" = Z ] || return 1
	done
}
check "workers exit when the master is killed (${#kids[@]} of them)" wait_for 50 orphans_gone
