#!/bin/bash
# Scheduled functions (schedule.NAME, master/schedule.c): @every 1s runs
# reach the function with ctx.schedule and are logged with their request
# id, a run due while the previous one still goes is skipped, schedules
# survive a SIGHUP (a bad one is refused with file:line), the status page
# and metrics list them, and no request from outside (headers, query,
# a web server's fastcgi_param) can start one.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
command -v python3 >/dev/null || skip_all "python3 not installed"
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'
LOG=$T/fnpool.log

mkdir -p "$T/fn/jobs"
cat >"$T/fn/jobs/tick.js" <<'JS'
module.exports = function (ctx) {
  console.log('tick ' + JSON.stringify(ctx.schedule) + ' ' + ctx.method);
  return { schedule: ctx.schedule === undefined ? null : ctx.schedule };
};
JS
cat >"$T/fn/jobs/slow.js" <<'JS'
// 2.5 s per run: the runs due each second meanwhile are skipped
module.exports = function (ctx) {
  console.log('slow start');
  return new Promise(function (resolve) {
    setTimeout(function () { console.log('slow end'); resolve('done'); }, 2500);
  });
};
JS

# write_ini SCHEDULE_LINES
write_ini() {
	cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[www]
listen = $T/www.sock
$owner
functions = $T/fn
prefix = /www
workers = 3
status.listen = $T/status.sock
status.path = /_/status
metrics.path = /_/metrics
$RUN_AS
$1
INI
}

count() { grep -c -- "$1" "$LOG"; }
at_least() { [ "$(count "$1")" -ge "$2" ]; }

write_ini $'schedule.tick = @every 1s /jobs/tick\nschedule.slow = @every 1s /jobs/slow'
cat >"$T/server.conf" <<CONF
location /www/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/www.sock;
}
# a web server told to pass the schedule's parameters from the client
location /forge/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_param DOCUMENT_URI /www/jobs/tick;
	fastcgi_param FNPOOL_SCHEDULE \$arg_name;
	fastcgi_param FNPOOL_SCHEDULE_AT 2026-01-01T00:00:00Z;
	fastcgi_param FNPOOL_SCHEDULE_KEY \$http_x_key;
	fastcgi_pass unix:$T/www.sock;
}
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/www.sock"
check "nginx starts" nginx_start

# ---- runs ------------------------------------------------------------------
check "tick runs every second (3 runs within 6 s)" \
    wait_for 60 at_least 'tick {"name":"tick","scheduled":"' 3
line=$(grep -m1 'tick {"name":"tick"' "$LOG")
like "$line" 'tick \{"name":"tick","scheduled":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"\} GET' \
    "ctx.schedule is {name, scheduled} with the ISO time it was due"
due=$(sed -n 's/.*"scheduled":"\([^"]*\)".*/\1/p' <<<"$line")
started=$(grep -m1 "schedule www/tick: run due at $due started" "$LOG")
like "$started" "schedule www/tick: run due at $due started: /jobs/tick \(request [0-9a-f]{32}\)" \
    "the master logs the run with its due time and request id"
id=$(sed -n 's/.*(request \([0-9a-f]*\)).*/\1/p' <<<"$started")
check "the function's log line carries the same request id" \
    grep -q "$id.*tick {\"name\":\"tick\",\"scheduled\":\"$due\"}\|tick {\"name\":\"tick\",\"scheduled\":\"$due\"}.*$id" "$LOG"
check "and its end is logged with the status" \
    grep -qE "schedule www/tick: run due at $due \(request $id\) done in [0-9]+ ms: status 200" "$LOG"

# ---- overlap ---------------------------------------------------------------
check "a slow run's successor is skipped and logged" \
    wait_for 80 at_least 'schedule www/slow: run due at .* skipped: the previous run (request [0-9a-f]*) is still going' 1
check "slow runs again after it ends" wait_for 60 at_least 'slow end' 1
overlap=$(awk '/slow start/ { if (open) bad = 1; open = 1 } /slow end/ { open = 0 } END { print bad + 0 }' "$LOG")
is "$overlap" 0 "no two slow runs at once"

# ---- status and metrics ----------------------------------------------------
r=$(http /_/status)
json=$(sed 1d <<<"$r")
sched() { python3 -c 'import json,sys; d=json.load(sys.stdin); s={x["name"]: x for x in d["schedules"]}; print('"$1"')' <<<"$json"; }
is "$(sched 'sorted(s)')" "['slow', 'tick']" "status lists the pool's schedules"
is "$(sched 's["tick"]["schedule"], s["tick"]["path"]')" "@every 1s /jobs/tick" \
    "with spec and path"
like "$(sched 's["tick"]["last_run"], s["tick"]["next_run"], s["tick"]["last_status"]')" \
    '^[0-9-]{10}T[0-9:]{8}Z [0-9-]{10}T[0-9:]{8}Z 200$' "last run, next run, last status"
like "$(sched 's["tick"]["runs"] >= 3, s["slow"]["skipped"] >= 1')" '^True True$' \
    "runs and skipped runs counted"
r=$(http '/_/status?text')
like "$r" $'\nschedule tick: +@every 1s /jobs/tick\n  last run: +[0-9-]{10}T' "status ?text lists them too"
r=$(http /_/metrics)
like "$r" $'\nfnpool_schedule_runs_total\\{pool="www",schedule="tick"\\} [1-9][0-9]*\n' \
    "metrics: runs per schedule"
like "$r" $'\nfnpool_schedule_skipped_total\\{pool="www",schedule="slow"\\} [1-9][0-9]*\n' \
    "metrics: skipped runs"

# ---- forged requests -------------------------------------------------------
r=$(http -H 'FNPOOL_SCHEDULE: tick' -H 'FNPOOL-SCHEDULE-KEY: x' -H 'X-Fnpool-Schedule: tick' \
    '/www/jobs/tick?FNPOOL_SCHEDULE=tick&FNPOOL_SCHEDULE_KEY=x')
is "$r" $'200\n{"schedule":null}' "headers and query parameters make no schedule"
key=$(printf '%064d' 0)
r=$(http -H "X-Key: $key" '/forge/x?name=tick')
is "$(head -1 <<<"$r")" 403 "a web server passing the parameters with a wrong key: 403"
check "logged as refused" grep -q "refused (403): it carries fnpool's schedule parameters without the master's key" "$LOG"
r=$(http '/forge/x?name=tick')
is "$(head -1 <<<"$r")" 403 "the parameters without a key: 403"
check "no forged run reached the function" bash -c "! grep -q '\"scheduled\":\"2026-01-01T00:00:00Z\"' '$LOG'"
check "and the key is in no log" bash -c "! grep -qiE '[0-9a-f]{64}' '$LOG' '$T/nginx-error.log'"

# ---- reload ----------------------------------------------------------------
write_ini $'schedule.tick = @every 1s /jobs/tick\nschedule.tock = @every 1s /jobs/tick'
before=$(count 'tick {"name":"tick"')
kill -HUP "$FNPOOL_PID"
check "reloaded" wait_for 80 at_least 'reloaded: generation 2 serving' 1
check "the new schedule runs after SIGHUP" wait_for 60 at_least 'tick {"name":"tock"' 1
check "the kept one goes on" wait_for 60 at_least 'tick {"name":"tick"' $((before + 2))
json=$(http /_/status | sed 1d)
is "$(sched 'sorted(s)')" "['tick', 'tock']" "status: the removed schedule is gone"
like "$(sched 's["tick"]["runs"] > 3')" True "the kept schedule's count goes on from before"
slow_after=$(sed -n '/SIGHUP: reloading/,$p' "$LOG" | grep -c 'schedule www/slow: run due at .* started')
check "the removed schedule starts no more runs (at most one as the reload began)" test "$slow_after" -le 1

write_ini $'schedule.tick = @every 1s /jobs/tick\nschedule.bad = 61 * * * * /jobs/tick'
badline=$(grep -n '^schedule.bad' "$T/fnpool.ini" | cut -d: -f1)
kill -HUP "$FNPOOL_PID"
check "a bad schedule: the reload is refused with file:line" \
    wait_for 50 at_least "$T/fnpool.ini:$badline: bad schedule '61 \* \* \* \*' for schedule.bad: minute 61 is out of range 0-59" 1
before=$(count 'tick {"name":"tock"')
check "and the running schedules go on" wait_for 50 at_least 'tick {"name":"tock"' $((before + 1))
out=$("$FNPOOL" -t -c "$T/fnpool.ini" 2>&1)
like "$out" "fnpool.ini:$badline: bad schedule" "fnpool -t names the line too"

fnpool_stop
is "$FNPOOL_RC" 0 "fnpool stops cleanly with a run in flight or not"
