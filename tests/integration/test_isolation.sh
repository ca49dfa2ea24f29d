#!/bin/bash
# isolation = function (the default) and isolation = pool, through nginx
# with one worker per pool: a _lib module required by two functions is two
# instances in the first and one in the second, where globals are shared
# too, each function's init hook runs once, a function that fails to load
# fails alone, and memory_limit drops the one shared state.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

FIX="$SRCDIR/tests/fixtures/isolation/functions"
owner=
[ "$(id -u)" = 0 ] && owner=$'listen.owner = www-data\nlisten.group = www-data'
cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid
state_dir = $T/state

[fn]
listen = $T/fn.sock
$RUN_AS
$owner
functions = $FIX
prefix = /fn
workers = 1

[pool]
listen = $T/pool.sock
$RUN_AS
$owner
functions = $FIX
prefix = /pool
workers = 1
isolation = pool
memory_limit = 16M
INI
cat >"$T/server.conf" <<CONF
location /fn/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fn.sock;
}
location /pool/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/pool.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/pool.sock"
check "nginx starts" nginx_start
check "both workers up" wait_for 50 workers_up 2

body() { sed 1d <<<"$1"; }

# ---- isolation = function ------------------------------------------------------
http -X POST '/fn/a?x=1' >/dev/null
ra=$(http /fn/a) rb=$(http /fn/b)
like "$(body "$ra")" '"items":\["1"\]' "function: a.js sees what it stored"
like "$(body "$rb")" '"items":\[\]' "function: b.js does not (its _lib/store.js is another instance)"
like "$(body "$rb")" '"sameStoreAsA":false' "  two instances of _lib/store.js"
ra=$(http /fn/a)
like "$(body "$ra")" '"sawGlobal":false' "  b.js's globals are not a.js's"

# ---- isolation = pool --------------------------------------------------------------
http -X POST '/pool/a?x=1' >/dev/null
http -X POST '/pool/a?x=2' >/dev/null
ra=$(http /pool/a) rb=$(http /pool/b)
like "$(body "$ra")" '"items":\["1","2"\]' "pool: a.js sees what it stored"
like "$(body "$rb")" '"items":\["1","2"\]' "pool: so does b.js: one _lib/store.js"
like "$(body "$rb")" '"sameStoreAsA":true' "  one instance of _lib/store.js"
ra=$(http /pool/a)
like "$(body "$ra")" '"sawGlobal":true' "  b.js's globals are seen by a.js"
like "$(body "$ra")" '"inits":1' "  a.js's init hook ran once"
r=$(http /pool/broken)
is "${r%%$'\n'*}" 500 "a function that does not load: 500"
ra=$(http /pool/a)
like "$(body "$ra")" '"items":\["1","2"\]' "  and the others keep their data"
r=$(http /pool/big)
is "${r%%$'\n'*}" 500 "a function past memory_limit: 500"
ra=$(http /pool/a)
like "$(body "$ra")" '"items":\[\],"inits":1' "  the shared state was dropped: every function starts again"
is "$(worker_count)" 2 "  the worker lives on"
