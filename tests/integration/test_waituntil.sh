#!/bin/bash
# ctx.waitUntil and setInterval through a real nginx: the client has the
# whole response while the work goes on, its side effect shows after, a
# rejection is logged with the request id, status shows the worker
# finishing, background_timeout recycles the worker without touching a
# response, and intervals live within the request.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

mkdir -p "$T/functions"
cat >"$T/functions/count.js" <<'JS'
var count = 0;
exports.GET = function (ctx) {
	if (ctx.query.read !== undefined)
		return { count: count };
	ctx.waitUntil(new Promise(function (ok) {
		setTimeout(function () {
			count++;
			console.log('background work done, count ' + count);
			ok();
		}, Number(ctx.query.ms || 500));
	}));
	return { queued: true };
};
JS
cat >"$T/functions/reject.js" <<'JS'
module.exports = function (ctx) {
	ctx.waitUntil(Promise.reject(new Error('audit row not written')));
	return 'answered';
};
JS
cat >"$T/functions/forever.js" <<'JS'
module.exports = function (ctx) {
	ctx.waitUntil(new Promise(function () {
		setInterval(function () {}, 50);	/* keeps the work alive */
	}));
	return 'sent';
};
JS
cat >"$T/functions/badarg.js" <<'JS'
module.exports = function (ctx) {
	ctx.waitUntil(function () {});
	return 'unreached';
};
JS
cat >"$T/functions/interval.js" <<'JS'
var timers = require('timers');

module.exports = function (ctx) {
	var n = 0, want = Number(ctx.query.n || 3);
	var done = new Promise(function (resolve) {
		var id = timers.setInterval(function (step) {
			n += step;
			if (n === want) {
				clearInterval(id);
				resolve();
			}
		}, 10, 1);
	});
	if (ctx.query.leave !== undefined)
		setInterval(function () {}, 10);
	return done.then(function () { return { ticks: n }; });
};
JS

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[bg]
listen = $T/bg.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /bg
workers = 1
request_timeout = 5s
status.listen = $T/status.sock
status.path = /_/status

[keep]
listen = $T/keep.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /keep
workers = 1

[bgto]
listen = $T/bgto.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /bgto
workers = 1
request_timeout = 5s
background_timeout = 700ms
INI
cat >"$T/http.conf" <<CONF
upstream keep { server unix:$T/keep.sock; keepalive 2; }
CONF
cat >"$T/server.conf" <<CONF
location /bg/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/bg.sock;
}
location /keep/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_keep_conn on;
	fastcgi_pass keep;
}
location /bgto/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/bgto.sock;
}
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/bgto.sock"
check "nginx starts" nginx_start
check "the workers are up" wait_for 50 workers_up 3

logged() { grep -q -a -F -- "$1" "$T/fnpool.log"; }
# timed PATH: "STATUS SECONDS" then the body, as curl measured them
timed() {
	curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -D "$T/headers" \
	    -o "$T/body" -w '%{http_code} %{time_total}\n' \
	    "http://fnpool.test$1"
	cat "$T/body"
}
under() { awk -v t="$1" -v lim="$2" 'BEGIN { exit !(t < lim) }'; }

# ---- the response first, the work after it ---------------------------------

# (1.5 s of work: the checks between, python's included, take less)
r=$(timed '/bg/count?ms=1500')
is "$(sed 1d <<<"$r")" '{"queued":true}' "waitUntil: the client has the whole response"
t=$(head -1 <<<"$r" | cut -d' ' -f2)
is "$(head -1 <<<"$r" | cut -d' ' -f1)" 200 "  with status 200"
# (a sanitizer build on a loaded machine took 0.2 s: the bound is a
# third of the work's time)
check "  in under 500 ms while a 1500 ms background timer runs ($t s)" under "$t" 0.5
id=$(header x-request-id)
not_yet() { ! logged "background work done"; }
check "  the work has not ended yet" not_yet

r=$(http '/_/status?full')
finishing() { python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not any(w["state"] == "finishing" and w["request_id"] == sys.argv[1] for w in d["workers"]))' "$id" <<<"$(sed 1d <<<"$r")"; }
check "  status shows the worker finishing that request" finishing

is "$(http '/bg/count?read')" $'200\n{"count":1}' \
    "  its side effect is there for the next request of the worker"
check "  the work's console line carries the request id" \
    logged "request=$id: background work done, count 1"
r=$(http '/_/status?full')
idle() { sed 1d <<<"$r" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not all(w["state"] != "finishing" for w in d["workers"]))'; }
check "  and the worker is no longer finishing" idle

# the same on a kept FastCGI connection (fastcgi_keep_conn on); the next
# request waits for the worker to finish the work
for i in 1 2; do
	r=$(timed '/keep/count?ms=1500')
	t=$(head -1 <<<"$r" | cut -d' ' -f2)
	check "kept connection, request $i: the response in under 500 ms ($t s)" \
	    under "$t" 0.5
	is "$(http '/keep/count?read')" $'200\n{"count":'$i'}' \
	    "  the next request sees the work done"
done

# ---- rejections, bad arguments ----------------------------------------------

is "$(http /bg/reject)" $'200\nanswered' "a rejected waitUntil promise leaves the response alone"
check "  it is logged with the request id" wait_for 50 \
    logged "reject.js: a ctx.waitUntil promise rejected (request $(header x-request-id)): Error: audit row not written"

r=$(http /bg/badarg)
like "$r" '^500' "waitUntil(a function): 500"
check "  the log says to call it" wait_for 50 \
    logged "TypeError: ctx.waitUntil: the argument must be a promise (call the async function: ctx.waitUntil(work()))"

# ---- background_timeout ------------------------------------------------------

old=$(worker_pids)
r=$(timed /bgto/forever)
is "$(sed 1d <<<"$r")" sent "work that never ends: the response is sent"
t=$(head -1 <<<"$r" | cut -d' ' -f2)
check "  at once ($t s)" under "$t" 0.1
id=$(header x-request-id)
check "  the work times out at background_timeout with a log line" wait_for 50 \
    logged "forever.js: request $id: its ctx.waitUntil work timed out (background_timeout) after"
replaced() { [ "$(worker_count)" = 3 ] && [ "$(worker_pids)" != "$old" ]; }
check "  and the worker is replaced" wait_for 50 replaced
is "$(http '/bgto/count?read')" $'200\n{"count":0}' "  the new worker answers"

# ---- setInterval ----------------------------------------------------------------

is "$(http '/bg/interval?n=3')" $'200\n{"ticks":3}' "setInterval counts until clearInterval"
is "$(http '/bg/interval?n=5&leave')" $'200\n{"ticks":5}' \
    "an interval left running does not hold the response"
check "  it is cleared with a log line naming the request" wait_for 50 \
    logged "interval.js: request $(header x-request-id) ended with 1 setInterval running: cleared"

# ---- fnpool invoke: the response, then the work ------------------------------

"$FNPOOL" invoke --functions "$T/functions" '/count?ms=800' \
    >"$T/inv.out" 2>"$T/invoke.log" </dev/null &
inv=$!
printed() { grep -q '{"queued":true}' "$T/inv.out"; }
check "invoke prints the response" wait_for 50 printed
check "  while the work still runs" kill -0 "$inv"
wait "$inv"
is "$?" 0 "  then exits 0 once the work is done"
check "  which ran to its end" grep -q "background work done, count 1" "$T/invoke.log"
