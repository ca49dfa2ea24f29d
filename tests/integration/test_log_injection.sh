#!/bin/bash
# Log injection: text a client controls (here the query string) reaches the
# error log through every kind of message that quotes a function's error or
# a name -- threw, rejected, a timer callback that threw, an unhandled
# rejection, Cannot find module '<name>', a bad response header '<name>'
# (the client's text is the "id" of a JSON body).
# With CR, LF, NUL and ESC in it, each stays one escaped line: nothing a
# client sends can forge a line or reach a terminal as a control sequence.
. "$(dirname "$0")/lib.sh"

# Static: the escaping is in log_vwrite, which every log_* call goes
# through; nothing else may write the error log.  Only log.c calls
# syslog() or write() on the log, and log_write_raw (no escaping, for the
# signal handler) serves timeout.c alone, whose prepared line holds a route
# name (a file in the functions root) and a checked request id.
src=$SRCDIR/src
is "$(grep -rln 'syslog(' "$src" | sed "s|^$src/||" | sort | tr '\n' ' ')" \
    "core/log.c " "only core/log.c calls syslog()"
is "$(grep -rln 'log_write_raw(' "$src" | sed "s|^$src/||" | sort | tr '\n' ' ')" \
    "core/log.c core/log.h worker/timeout.c " "log_write_raw serves timeout.c alone"
is "$(grep -c 'write(logger.fd' "$src/core/log.c")" 2 \
    "log.c writes the log in two places: log_vwrite and log_write_raw"
check "log_vwrite escapes what it formats" \
    grep -q 'n += log_escape(line + n' "$src/core/log.c"
is "$(grep -cE '^#define log_(error|warn|notice|info|debug)\(\.\.\.\)[[:space:]]+log_msg\(' \
    "$src/core/log.h")" 5 "every log_* level is log_msg"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
log_level = info

[inject]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $SRCDIR/tests/fixtures/inject
workers = 1
INI
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF

fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
check "the worker is up" wait_for 50 workers_up 1

# A whole forged line, then an ESC sequence and a NUL.
forged='{"id": "\r\n2026-01-01 00:00:00.000 [error] master[1]: FORGED\u001b[2J\u0000end"}'
# the escaped form every message must carry
want='\\r\\n2026-01-01 00:00:00.000 \[error\] master\[1\]: FORGED\\x1b\[2J\\x00end'

for fn in threw rejected timer unhandled require header; do
	r=$(http -H 'Content-Type: application/json' --data-binary "$forged" "/$fn" |
	    head -1)
	case $fn in
	unhandled) is "$r" 200 "$fn: the response is served" ;;
	*) is "$r" 500 "$fn: 500" ;;
	esac
	id=$(header x-request-id)
	check "$fn: its log line is written" \
	    wait_for 50 grep -q "request $id.*FORGED" "$T/fnpool.log"
	line=$(grep "request $id.*FORGED" "$T/fnpool.log" | head -1)
	like "$line" "$want" "$fn: CR, LF, ESC and NUL are escaped"
done

# The kinds of message above, as the log has them.
like "$(grep -c 'threw (request' "$T/fnpool.log")" '^[1-9]' "a 'threw' line is there"
like "$(grep -c 'unhandled promise rejection' "$T/fnpool.log")" '^[1-9]' \
    "an 'unhandled promise rejection' line is there"
like "$(grep -c 'setTimeout callback threw' "$T/fnpool.log")" '^[1-9]' \
    "a 'setTimeout callback threw' line is there"
like "$(grep -c "Cannot find module '" "$T/fnpool.log")" '^[1-9]' \
    "a 'Cannot find module' line is there"
like "$(grep -c "header '" "$T/fnpool.log")" '^[1-9]' "a bad header line is there"

# No line of the log was forged, and no control byte but LF is in it.
is "$(grep -c 'FORGED' "$T/fnpool.log")" \
    "$(grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ \[[a-z]+\] [a-z@ ]+\[[0-9]+\]: .*FORGED' "$T/fnpool.log")" \
    "every line that carries the text starts with fnpool's own stamp"
is "$(grep -c '^2026-01-01 00:00:00.000' "$T/fnpool.log")" 0 "no forged line"
is "$(LC_ALL=C tr -d '\n\t -~\200-\377' <"$T/fnpool.log" | wc -c)" 0 \
    "no control byte in the log"
