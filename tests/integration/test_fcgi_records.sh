#!/bin/bash
# The workers' FastCGI records, from a raw client (fcgi_client): idle and
# partial connections never keep a worker from serving (request_read_timeout
# closes them), every record type may carry padding, lengths are checked
# against max_params_size before anything is allocated, GET_VALUES is
# answered, and roles other than RESPONDER get FCGI_UNKNOWN_ROLE.  After
# each, nginx's requests are still served, by the same workers.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
need_fcgi_client
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'

mkdir "$T/fn"
cat >"$T/fn/dump.js" <<'JS'
module.exports = function (ctx) {
  return { path: ctx.path, probe: ctx.headers['x-probe'] || null,
    body: ctx.body || null, big: (ctx.headers['x-big'] || '').length };
};
JS
echo 'module.exports = function () { return "hello"; };' >"$T/fn/hello.js"
chmod -R a+rX "$T/fn"
printf 'BODY' >"$T/body.txt"

cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[p]
listen = $T/p.sock
$owner
functions = $T/fn
workers = 2
request_read_timeout = 1s
status.listen = $T/status.sock
metrics.path = /_/metrics
$RUN_AS
INI
cat >"$T/server.conf" <<CONF
location /_/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/status.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/p.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/p.sock"
check "2 workers" wait_for 50 workers_up 2
W=$(worker_pids)
check "nginx starts" nginx_start
C() { "$CLIENT" "$T/p.sock" "$@" 2>&1; }

# served WHAT: a request through nginx answers 200 "hello".
served() {
	is "$(http /hello | tr '\n' ' ')" "200 hello" "then nginx's requests are served ($1)"
}

# fast WHAT MAX: a request through nginx answers within MAX seconds.
fast() {
	local t
	t=$(curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -o /dev/null \
	    -w '%{http_code} %{time_total}' http://fnpool.test/hello)
	if [[ $t =~ ^200\ ([0-9.]+)$ ]] && awk -v t="${BASH_REMATCH[1]}" -v m="$2" 'BEGIN { exit !(t < m) }'; then
		ok "$1: answered in ${t#200 } s"
	else
		not_ok "$1: answered within $2 s"
		diag "got: $t"
	fi
}

# logged TEXT: the log has a line with TEXT (info, naming the pool).
logged() { grep -qF -- "$1" "$T/fnpool.log"; }

# rss_kb: the workers' resident memory, summed.
rss_kb() {
	local p s=0
	for p in $W; do
		s=$((s + $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status")))
	done
	echo "$s"
}
vsz_kb() {
	local p s=0
	for p in $W; do
		s=$((s + $(awk '/^VmSize:/ { print $2 }' "/proc/$p/status")))
	done
	echo "$s"
}

# ms_since NS: milliseconds since date +%s%N gave NS.
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

served "at start"

# ---- connections that send nothing -----------------------------------------
# 3 connections that send nothing, more than the 2 workers: nginx's
# requests are served at once, and the idle ones are closed after
# request_read_timeout.
"$CLIENT" "$T/p.sock" hold 3 sleep 30000 >"$T/hold3.out" 2>&1 &
H=$!
check "3 idle connections are open" wait_for 50 grep -q "held 3" "$T/hold3.out"
fast "3 idle connections, 2 workers: a request through nginx" 1
for i in 1 2 3 4 5; do fast "and again ($i)" 1; done
check "the idle connections are closed and logged at info" wait_for 50 \
    logged "pool p: closed a connection that sent nothing within request_read_timeout"
kill "$H" 2>/dev/null; wait "$H" 2>/dev/null

start=$(date +%s%N)
out=$(C closed 0)
ms=$(ms_since "$start")
is "$out" "0: closed" "an idle connection is closed by the worker"
if [ "$ms" -ge 900 ] && [ "$ms" -lt 5000 ]; then
	ok "after request_read_timeout (1 s): $ms ms"
else
	not_ok "after request_read_timeout (1 s)"
	diag "closed after $ms ms"
fi

# ---- 1,000 idle connections and a slow drip --------------------------------
# The drip starts first: the connections that sent nothing are the first
# closed when a worker holds 64 reading a request.
rss0=$(rss_kb)
"$CLIENT" "$T/p.sock" drip 0 /hello 100 >"$T/drip.out" 2>&1 &
D=$!
check "a slow drip has started" wait_for 50 grep -q "^0: dripping" "$T/drip.out"
"$CLIENT" "$T/p.sock" hold 1000 sleep 30000 >"$T/hold1000.out" 2>&1 &
H=$!
check "1,000 idle connections are open" wait_for 100 grep -q "held 1000" "$T/hold1000.out"
worst=0
for i in $(seq 20); do
	t=$(curl -sS --max-time 10 --unix-socket "$T/nginx.sock" -o /dev/null \
	    -w '%{http_code} %{time_total}' http://fnpool.test/hello)
	[[ $t =~ ^200\ ([0-9.]+)$ ]] || { worst=999; break; }
	worst=$(awk -v a="$worst" -v b="${BASH_REMATCH[1]}" 'BEGIN { print (b > a ? b : a) }')
done
if awk -v t="$worst" 'BEGIN { exit !(t < 0.5) }'; then
	ok "1,000 idle connections and a slow drip: 20 requests through nginx, the slowest in $worst s"
else
	not_ok "1,000 idle connections and a slow drip: 20 requests through nginx within 0.5 s"
	diag "slowest: $worst s"
fi
rss1=$(rss_kb)
if [ $((rss1 - rss0)) -lt 16384 ]; then
	ok "the workers' memory stays bounded ($rss0 -> $rss1 KiB)"
else
	not_ok "the workers' memory stays bounded"
	diag "RSS $rss0 -> $rss1 KiB"
fi
check "the slow drip is closed by request_read_timeout" wait_for 50 \
    grep -qE '^0: closed after [0-9]+ bytes' "$T/drip.out"
check "and logged at info" logged "pool p: closed a connection that sent no whole request within request_read_timeout"
kill "$H" 2>/dev/null; wait "$H" 2>/dev/null
wait "$D" 2>/dev/null
served "after 1,000 idle connections"

# ---- partial requests -----------------------------------------------------------
for kind in header begin params; do
	start=$(date +%s%N)
	is "$(C partial 0 "$kind" closed 0)" "0: closed" "partial request ($kind): closed by the worker"
	ms=$(ms_since "$start")
	if [ "$ms" -ge 900 ] && [ "$ms" -lt 5000 ]; then
		ok "partial request ($kind): after request_read_timeout ($ms ms)"
	else
		not_ok "partial request ($kind): after request_read_timeout"
		diag "closed after $ms ms"
	fi
	served "after a partial request ($kind)"
done
out=$(C partial 0 params partial 1 params get 2 /hello)
is "$out" "2: hello" "two partial requests held open: a third connection is served"

# ---- padding on every record type --------------------------------------------
for pad in 1 7 8 255; do
	out=$(C pad "$pad" probe "p$pad" body "$T/body.txt" text/plain get 0 /dump)
	is "$out" "0: {\"path\":\"/dump\",\"probe\":\"p$pad\",\"body\":\"BODY\",\"big\":0}" \
	    "padding $pad on BEGIN_REQUEST, PARAMS and STDIN: path, header and body arrive"
done
out=$(C pad 3 get 0 /dump get 0 /dump)
is "$(grep -c '"path":"/dump"' <<<"$out")" 2 "padded requests on a kept connection, one after the other"
served "after padded records"

# ---- lengths and max_params_size ------------------------------------------------
vsz0=$(vsz_kb)
start=$(date +%s%N)
is "$(C huge 0 closed 0)" "0: closed" "a pair claiming 1 GB: the connection is closed"
ms=$(ms_since "$start")
if [ "$ms" -lt 900 ]; then
	ok "at once, from its length ($ms ms), not by request_read_timeout"
else
	not_ok "at once, from its length, not by request_read_timeout"
	diag "closed after $ms ms"
fi
check "logged at info: why" logged "pool p: refused a FastCGI connection: a parameter longer than max_params_size"
vsz1=$(vsz_kb)
if [ $((vsz1 - vsz0)) -lt 65536 ]; then
	ok "nothing like 1 GB was reserved (workers' VmSize $vsz0 -> $vsz1 KiB)"
else
	not_ok "nothing like 1 GB was reserved"
	diag "VmSize $vsz0 -> $vsz1 KiB"
fi
out=$(C bigheader 2000000 send 0 /dump closed 0)
like "$out" "0: closed$" "a 2 MB header (over max_params_size, 1M): the connection is closed"
out=$(C bigheader 900000 get 0 /dump)
is "$out" '0: {"path":"/dump","probe":null,"body":null,"big":900000}' "a 900 KB header (under max_params_size) is served"
served "after refused lengths"

# ---- management records and roles ------------------------------------------------
is "$(C values 0)" "0: type=10 FCGI_MAX_CONNS=2 FCGI_MAX_REQS=2 FCGI_MPXS_CONNS=0" \
    "GET_VALUES gets GET_VALUES_RESULT: the pool's workers, no multiplexing; unknown names left out"
is "$(C values 0 get 0 /hello)" $'0: type=10 FCGI_MAX_CONNS=2 FCGI_MAX_REQS=2 FCGI_MPXS_CONNS=0\n0: hello' \
    "and a request after it on the same connection is served"
is "$(C role 2 send 0 /dump end 0)" "0: end app=0 status=3 stdout=0" \
    "AUTHORIZER gets END_REQUEST with FCGI_UNKNOWN_ROLE, no output"
is "$(C role 3 send 0 /dump end 0)" "0: end app=0 status=3 stdout=0" \
    "FILTER gets END_REQUEST with FCGI_UNKNOWN_ROLE, no output"
check "logged at info" logged "pool p: refused a request for FastCGI role 2"
is "$(C role 2 send 0 /dump end 0 role 1 get 0 /hello)" $'0: end app=0 status=3 stdout=0\n0: hello' \
    "a responder request after a refused role on the kept connection is served"
served "after GET_VALUES and other roles"

# ---- counters ---------------------------------------------------------------------
m=$(http /_/metrics)
like "$m" $'\nfnpool_read_timeouts_total\\{pool="p"\\} [1-9]' "metrics: connections closed without a whole request"
like "$m" $'\nfnpool_fastcgi_refused_total\\{pool="p"\\} [1-9]' "metrics: connections refused for their records"

check "no worker was replaced on the way" test "$(worker_pids)" = "$W"
