#!/bin/bash
# Multi-file functions behind a real nginx: require(), node_modules,
# cycles, errors, confinement, isolation, module cache on/off, max_states,
# preload.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

# A private copy of the fixtures, plus symlinks that point out of the root.
cp -r "$SRCDIR/tests/fixtures/modules" "$T/functions"
chmod -R u+w "$T/functions"
echo "module.exports = 'secret from outside the root';" >"$T/outside.js"
ln -s "$T/outside.js" "$T/functions/_lib/outside.js"
ln -s /etc "$T/functions/_lib/etc"
ln -s "$T/outside.js" "$T/functions/linked.js"
mkdir -p "$T/pre"
echo "console.log('preloaded ok'); module.exports = function () { return 'ok'; };" >"$T/pre/ok.js"
printf 'var x = 1;\nvar = ;\n' >"$T/pre/broken.js"
ln -s / "$T/pre/everything"	# preload must not walk out of the root
echo "console.log('preloaded other'); module.exports = function () { return 'other'; };" >"$T/pre/other.js"

cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[cache]
listen = $T/cache.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
workers = 1

[nocache]
listen = $T/nocache.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /nc
module_cache = off
workers = 1

[small]
listen = $T/small.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /small
max_states = 2
workers = 1

[pre]
listen = $T/pre.sock
$RUN_AS
listen.mode = 0666
functions = $T/pre
prefix = /pre
preload = on
workers = 1
INI
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/cache.sock;
}
location /nc/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/nocache.sock;
}
location /small/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/small.sock;
}
location /pre/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/pre.sock;
}
CONF

out=$("$FNPOOL" -t -c "$T/fnpool.ini" 2>&1)
is "$?" "0" "module_cache, max_states and preload are valid settings"
printf '[p]\nlisten = %s\nfunctions = %s\nmodule_cache = sometimes\nmax_states = 0\n' \
    "$T/x.sock" "$T/functions" >"$T/bad.ini"
out=$("$FNPOOL" -t -c "$T/bad.ini" 2>&1)
like "$out" "bad.ini:4: bad value 'sometimes' for module_cache: expected on or off" \
    "a bad module_cache names file:line"
like "$out" "bad.ini:5: bad value '0' for max_states" "a bad max_states names file:line"

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/pre.sock"
check "nginx starts" nginx_start

# ---- require() --------------------------------------------------------------
r=$(http '/app?name=ada')
is "$r" $'200\n{"greeting":"Hello, Ada!","upper":"ABC","title":"Hello There","padded":"007","version":"1.2.3","widgets":["gear","sprocket"],"twice":42,"filename":"app.js","dirname":".","resolved":"node_modules/strutil/src/strutil.js","id":"app.js"}' \
    "relative, @/, node_modules (nested and walking up), package.json main, index.js, JSON"
r=$(http /cycle)
is "$r" $'200\n{"name":"a","done":true,"b":{"sawName":"a","sawDone":false}}' \
    "a cycle sees partial exports, as in Node"
r=$(http /names)
is "$r" $'200\n{"filename":"names.js","dirname":".","cache":["names.js"],"main":true,"loaded":true}' \
    "require.cache, require.main and module.loaded"

r=$(http /missing)
id=$(header x-request-id)
is "$r" "500"$'\n''{"error":"Internal Server Error","requestId":"'"$id"'"}' \
    "a missing module -> 500 with the request id"
check "the log says which module is missing, from which file and line" \
    grep -q "request $id.*Cannot find module './_lib/nope' from 'missing.js'.*missing.js:3" "$T/fnpool.log"
r=$(http /baddep)
id=$(header x-request-id)
is "${r%%$'\n'*}" "500" "a syntax error in a dependency -> 500"
check "the log names the dependency's file and line" \
    grep -q "request $id.*SyntaxError: _lib/broken.js:2" "$T/fnpool.log"
r=$(http /usefs)
id=$(header x-request-id)
is "${r%%$'\n'*}" "500" "require('fs') -> 500"
check "the log says Node's built-ins are not available" \
    grep -q "request $id.*Cannot find module 'fs' from 'usefs.js': Node's built-in modules .* are not available" "$T/fnpool.log"
check "no host path reaches the log through module errors" \
    bash -c "! grep -E 'Cannot find|SyntaxError' '$T/fnpool.log' | grep -q '$T'"

# ---- confinement ------------------------------------------------------------
r=$(http /escape)
is "$r" $'200\n'"[\"Cannot find module './_lib/outside' from 'escape.js'\",\"Cannot find module './_lib/etc/passwd' from 'escape.js'\",\"Cannot find module '../outside' from 'escape.js'\",\"Cannot find module '@/../outside' from 'escape.js'\",\"Cannot find module '/etc/passwd' from 'escape.js'\",\"Cannot find module './_shared/util\\u0000../../outside' from 'escape.js'\",\"Cannot find module 'strutil/../../../outside' from 'escape.js'\"]" \
    "require cannot leave the root: symlinks, .., @/.., absolute, NUL"
check "no escape attempt loaded anything" bash -c "! grep -q 'secret from outside' '$T/body'"
for p in /_lib/count /_shared/util /node_modules/strutil/src/strutil \
    /node_modules/@fnpool-test/pad /.hidden /lib/../_lib/count /linked; do
	r=$(http "$p")
	is "${r%%$'\n'*}" "404" "not routable: $p"
done
r=$(http --path-as-is /../outside)
like "${r%%$'\n'*}" '^(400|404)$' "URL with .. cannot leave the root"
r=$(http /%2e%2e/outside)
like "${r%%$'\n'*}" '^(400|404)$' "URL with %2e%2e cannot leave the root"
r=$(http /%2e%2e%2f%2e%2e%2foutside)
like "${r%%$'\n'*}" '^(400|404)$' "URL with %2e%2e%2f cannot leave the root"
r=$(http /lib/%2e%2e%2f%2e%2e%2foutside)
like "${r%%$'\n'*}" '^(400|404)$' "URL with an encoded ../.. below a directory"
r=$(http /app%00.js)
like "${r%%$'\n'*}" '^(400|404)$' "URL with a NUL byte"
r=$(http "/$(head -c 300 /dev/zero | tr '\0' a)")
is "${r%%$'\n'*}" "414" "a 300-byte function name -> 414"
r=$(http /app)
is "${r%%$'\n'*}" "200" "the worker still serves after the attempts"

# ---- isolation and cache ----------------------------------------------------
r=$(http /iso_a)
is "$r" $'200\n{"polluted":"function","leaked":"string"}' "iso_a changes its own globals"
r=$(http /iso_b)
is "$r" $'200\n{"polluted":"undefined","leaked":"undefined"}' "iso_b does not see them"

http /counter >/dev/null
http /counter >/dev/null
r=$(http /counter)
is "$r" $'200\n{"loads":1,"depLoads":1,"calls":3}' "module cache: module code of the graph runs once"
http /nc/counter >/dev/null
r=$(http /nc/counter)
is "$r" $'200\n{"loads":1,"depLoads":1,"calls":1}' "module_cache = off: evaluated afresh per request"
printf 'var loads = 0;\nloads += 1;\nexports.loads = loads * 100;\n' >"$T/functions/_lib/count.js.new"
mv "$T/functions/_lib/count.js.new" "$T/functions/_lib/count.js"
r=$(http /nc/counter)
is "$r" $'200\n{"loads":1,"depLoads":100,"calls":1}' "module_cache = off: read from disk per request"

# max_states = 2: a third function evicts the least recently used.
http /small/counter >/dev/null
r=$(http /small/counter)
is "$r" $'200\n{"loads":1,"depLoads":100,"calls":2}' "max_states: state kept"
http /small/iso_a >/dev/null
r=$(http /small/counter)
is "$r" $'200\n{"loads":1,"depLoads":100,"calls":3}' "max_states: two states fit"
http /small/iso_b >/dev/null	# evicts iso_a (least recently used)
http /small/app >/dev/null	# evicts counter
r=$(http /small/counter)
is "$r" $'200\n{"loads":1,"depLoads":100,"calls":1}' "max_states: the least recently used state was evicted"

# ---- preload ----------------------------------------------------------------
check "preload runs module code before any request" \
    grep -q "function=ok request=preload: preloaded ok" "$T/fnpool.log"
check "preload loads the other functions too" grep -q "function=other request=preload: preloaded other" "$T/fnpool.log"
check "a function that fails to preload is logged" \
    grep -q "broken.js: load failed (request preload): SyntaxError: broken.js:2" "$T/fnpool.log"
check "preload does not walk a symlink out of the root" \
    bash -c "! grep -q 'everything/' '$T/fnpool.log'"
r=$(http /pre/ok)
is "$r" $'200\nok' "a preloaded function answers"
is "$(grep -c 'preloaded ok' "$T/fnpool.log")" "1" "and its module code ran only at preload"
r=$(http /pre/broken)
is "${r%%$'\n'*}" "500" "the broken one answers 500"

# ---- module_cache = off does not leak -----------------------------------------
# The RSS of the nocache worker stays flat over thousands of requests.  Under
# AddressSanitizer RSS says nothing (freed memory sits in quarantine), but
# LeakSanitizer reports any leak when the worker exits.
pool_worker() {
	local inode pid
	inode=$(awk -v p="$1" '$8 == p { print $7 }' /proc/net/unix | head -n1)
	for pid in $(worker_pids); do
		if ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "socket:\[$inode\]"; then
			echo "$pid"
			return
		fi
	done
}
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
many() {	# many N PATH: N requests over one client connection
	local i
	for i in $(seq 1 "$1"); do echo "url = \"http://fnpool.test$2\""; echo "output = /dev/null"; done >"$T/many.cfg"
	curl -s --unix-socket "$T/nginx.sock" -K "$T/many.cfg" -w '%{http_code}\n' | sort | uniq -c | awk '{print $1, $2}'
}
w=$(pool_worker "$T/nocache.sock")
check "found the nocache worker" test -n "$w"
if ldd "$FNPOOL" | grep -q libasan; then
	r=$(many 300 /nc/app)
	is "$r" "300 200" "300 requests with module_cache = off (LeakSanitizer checks at exit)"
else
	r=$(many 500 /nc/app)
	is "$r" "500 200" "500 warm-up requests with module_cache = off"
	before=$(rss "$w")
	r=$(many 3000 /nc/app)
	is "$r" "3000 200" "3000 more requests with module_cache = off"
	after=$(rss "$w")
	diag "nocache worker RSS: $before kB after 500 requests, $after kB after 3500"
	check "RSS grows by less than 512 kB over 3000 requests" test $((after - before)) -lt 512
	is "$(pool_worker "$T/nocache.sock")" "$w" "the same worker served them all"
fi
