#!/bin/bash
# The access log (default and custom formats, one line per request,
# reopened on SIGUSR1 after a rename) and the slow log (written while the
# slow request still runs, once, and counted in the status).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pm.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'

cat >"$T/fnpool.ini" <<INI
[www]
listen = $T/www.sock
$owner
functions = $PM_FIXTURES
prefix = /www
workers = 1
access.log = $T/access.log
slowlog = $T/slow.log
slowlog_timeout = 400ms
status.listen = $T/status.sock
status.path = /_/status
$RUN_AS

[fmt]
listen = $T/fmt.sock
$owner
functions = $FIXTURES
prefix = /fmt
workers = 1
access.log = $T/fmt-access.log
access.format = %{function}|%{status}|%{request_id}|%{param:HTTP_X_TEST}|%{method}|%{bytes}|%{memory}
$RUN_AS

[plain]
listen = $T/plain.sock
$owner
functions = $PM_FIXTURES
prefix = /plain
workers = 1
slowlog_timeout = 300ms
$RUN_AS
INI
# As root: a pool whose user may not create files where its access log is
# ($T is root's): the master opens the log, the worker inherits it.
pools="www:$T/www.sock fmt:$T/fmt.sock plain:$T/plain.sock"
nworkers=3
if [ "$(id -u)" = 0 ]; then
	cat >>"$T/fnpool.ini" <<INI

[nobody]
listen = $T/nobody.sock
$owner
functions = $PM_FIXTURES
prefix = /nobody
workers = 1
access.log = $T/nobody-access.log
user = nobody
INI
	pools="$pools nobody:$T/nobody.sock"
	nworkers=4
fi
# shellcheck disable=SC2086
nginx_pools $pools
cat >>"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "sockets appear" wait_for 50 is_socket "$T/status.sock"
check "nginx starts" nginx_start
check "workers start" wait_for 50 workers_are $nworkers

# ---- default format ---------------------------------------------------------
http /www/hello >/dev/null
id1=$(header X-Request-Id)
http /www/no-such >/dev/null
http -H 'Content-Type: text/plain' -A 'agent "007"' -e 'http://ref.test/' \
    --data-binary 'abc' /www/hello >/dev/null
http -I /www/hello >/dev/null
lines() { [ "$(wc -l <"$1" 2>/dev/null)" = "$2" ]; }
check "one line per request" wait_for 30 lines "$T/access.log" 4
mapfile -t L <"$T/access.log"
stamp='\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}\]'
like "${L[0]}" "^unix: - - $stamp \"GET /www/hello HTTP/1.1\" 200 12 \"-\" \"curl/[^\"]+\" $id1 [0-9]+\\.[0-9]{3}\$" \
    "default format: nginx combined, then request id and duration in ms"
like "${L[1]}" "\"GET /www/no-such HTTP/1.1\" 404 [0-9]+ " "a 404"
like "${L[2]}" "\"POST /www/hello HTTP/1.1\" 200 12 \"http://ref.test/\" \"agent \\\\x22007\\\\x22\" " \
    "referer and user agent, quotes escaped"
like "${L[3]}" "\"HEAD /www/hello HTTP/1.1\" 200 0 " "HEAD: no body bytes"

# ---- a custom format ----------------------------------------------------------
http -H 'X-Test: custom' /fmt/text >/dev/null
id2=$(header X-Request-Id)
http /fmt/nope >/dev/null
check "the custom log has its lines" wait_for 30 lines "$T/fmt-access.log" 2
mapfile -t L <"$T/fmt-access.log"
like "${L[0]}" "^text\\.js\\|200\\|$id2\\|custom\\|GET\\|[0-9]+\\|[1-9][0-9]*\$" \
    "custom format: function, status, id, any parameter, method, bytes, memory"
like "${L[1]}" '^-\|404\|[0-9a-f]{32}\|-\|GET\|' "no function: -"

# ---- reopen after a rename --------------------------------------------------------
mv "$T/access.log" "$T/access.log.1"
kill -USR1 "$FNPOOL_PID"
check "the worker reopens the access log (a new file)" wait_for 50 test -e "$T/access.log"
http /www/hello >/dev/null
id3=$(header X-Request-Id)
check "the next request goes to the new file" wait_for 30 grep -q "$id3" "$T/access.log"
is "$(wc -l <"$T/access.log.1")" "4" "and nothing more to the renamed one"
check "the master logged the reopen" log_has "log files reopened"

# ---- a pool whose user may not write the log's directory ----------------------
if [ "$(id -u)" = 0 ]; then
	http /nobody/hello >/dev/null
	id4=$(header X-Request-Id)
	check "a worker running as nobody logs through the master's descriptor" \
	    wait_for 30 grep -q "$id4" "$T/nobody-access.log"
	is "$(stat -c %U "$T/nobody-access.log")" "root" "the file is the master's"
	old=$(pgrep -u nobody -P "$FNPOOL_PID")
	mv "$T/nobody-access.log" "$T/nobody-access.log.1"
	kill -USR1 "$FNPOOL_PID"
	check "the master reopens it (a new file)" wait_for 50 test -e "$T/nobody-access.log"
	replaced() { n=$(pgrep -u nobody -P "$FNPOOL_PID"); [ -n "$n" ] && [ "$n" != "$old" ]; }
	check "the worker, which may not open it, exits to be replaced" wait_for 50 replaced
	check "and says why" log_has "nobody worker\\[$old\\]: cannot reopen access.log $T/nobody-access.log \\(Permission denied\\): exiting to be replaced"
	http /nobody/hello >/dev/null
	id5=$(header X-Request-Id)
	check "its replacement writes to the new file" wait_for 30 grep -q "$id5" "$T/nobody-access.log"
else
	ok "# SKIP a pool running as another user needs root"
fi

# ---- the slow log ---------------------------------------------------------------------
(curl -s -o /dev/null -w '%{http_code}' --max-time 20 --unix-socket "$T/nginx.sock" \
    -H 'X-Request-Id: slow-one' "http://fnpool.test/www/slow?ms=5000" >"$T/slow.code") &
slow=$!
check "the slow request is logged while it runs" wait_for 50 grep -q "slow-one" "$T/slow.log"
check "the request is still running" kill -0 "$slow"
like "$(cat "$T/slow.log")" \
    "^[0-9-]+ [0-9:.]+ \\[warn\\] master\\[[0-9]+\\]: pool www: slow request: worker [0-9]+ has run slow\\.js for /www/slow \\(request slow-one\\) for [0-9]+ ms \\(slowlog_timeout 400 ms\\)\$" \
    "the slow log names the function, URI, request id, worker and time"
r=$(http /_/status)
like "$r" '"slow_requests":1,' "the status counts it"
wait "$slow"
is "$(cat "$T/slow.code")" "200" "the slow request finishes"
is "$(grep -c slow-one "$T/slow.log")" "1" "logged once"
check "its access log line has its duration (the function waits 5000 ms by a clock in whole ms)" \
    grep -Eq '"GET /www/slow\?ms=5000 HTTP/1.1" 200 .* slow-one (499[0-9]|[5-9][0-9]{3})\.[0-9]{3}$' "$T/access.log"
# without a slowlog file: the error log
r=$(http "/plain/slow?ms=1000")
is "${r%%$'\n'*}" "200" "a slow request in a pool without a slowlog file"
check "goes to the error log" \
    log_has "\\[warn\\] master\\[[0-9]+\\]: pool plain: slow request: worker [0-9]+ has run slow\\.js for /plain/slow"

# ---- a reload whose access.log cannot be opened -------------------------------------
sed -i "s|^access.log = $T/access.log\$|access.log = $T/no/such/dir/access.log|" "$T/fnpool.ini"
kill -HUP "$FNPOOL_PID"
failed() { log_has "reload failed: cannot open the new sockets or logs; still serving with generation 1"; }
check "a reload whose access.log cannot be opened fails" wait_for 50 failed
check "naming the file" log_has "pool www: access.log $T/no/such/dir/access.log: No such file or directory"
http /www/hello >/dev/null
id6=$(header X-Request-Id)
check "the running generation keeps serving and logging" wait_for 30 grep -q "$id6" "$T/access.log"

# ---- configuration errors ----------------------------------------------------------
bad() {
	printf '[p]\nlisten = %s/p.sock\nfunctions = %s\n%s\n%s\n' "$T" "$PM_FIXTURES" "$RUN_AS" "$1" >"$T/bad.ini"
	"$FNPOOL" -t -c "$T/bad.ini" 2>&1
}
like "$(bad 'access.format = %{nope}')" "bad.ini:1: pool 'p': bad access.format: unknown field %\\{nope\\}" \
    "an unknown access log field"
like "$(bad 'access.log = relative.log')" "access.log 'relative.log' must be an absolute path" "a relative access.log"
printf '[p]\nlisten = %s/p.sock\nfunctions = %s\n%s\naccess.log = %s/no/such/dir/a.log\n' "$T" "$PM_FIXTURES" "$RUN_AS" "$T" >"$T/bad.ini"
"$FNPOOL" -c "$T/bad.ini" >"$T/bad.out" 2>&1
is "$?" "1" "an access.log that cannot be opened stops the start"
like "$(cat "$T/bad.out")" "pool p: access.log $T/no/such/dir/a.log: No such file or directory" "naming the file and why"
like "$(bad 'slowlog = /tmp/x.log')" "slowlog is set but slowlog_timeout is 0" "slowlog without slowlog_timeout"
like "$(bad 'slowlog_timeout = soon')" "bad value 'soon' for slowlog_timeout" "a bad slowlog_timeout"
