#!/bin/bash
# The globals fnpool adds to MuJS (src/js/jsext.c, src/js/prelude.js), through
# real requests: the answer of a function using many of them must be
# Node 20's for the same code (computed with node, written here), with
# module_cache on (a kept state) and off (a new state per request, where
# every section of the prelude is compiled on first use); typed arrays
# count against memory_limit.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

mkdir -p "$T/functions"
cat >"$T/functions/globals.js" <<'JS'
// Uses the globals fnpool adds to MuJS; the test compares with Node.
module.exports = function (ctx) {
  var b = Buffer.from(ctx.query.s || 'héllo wörld');
  var u = new Uint8Array([250, 5, 300]);
  u[1] += 255;
  u[9] = 1;
  var d = { when: '2024-02-29', who: 'ada' };
  return {
    base64: b.toString('base64'),
    hex: Buffer.from(b.toString('base64'), 'base64').toString('hex'),
    bytes: Array.prototype.slice.call(u),
    padded: String(42).padStart(6, '0') + '|' + 'x'.padEnd(3, '-'),
    substr: 'abcdef'.substr(-4, 2),
    escaped: escape('ä b€'),
    unescaped: unescape('%u00e4%20b'),
    nfd: 'é'.normalize('NFD').length + ',' + 'e\u0301'.normalize('NFC').length,
    template: 'Hi {who} on {when}!'.replace(/\{(\w+)\}|(\$)/g, function (m, key, dollar, off) {
      return dollar ? '$' : d[key] + '@' + off;
    }),
    lines: '- a\n- b\n- c'.replace(/^- /gm, '* '),
    legacy: /(\d+)-(\d+)/.test('on 2024-02') && RegExp.$2 + RegExp.$1,
    assign: Object.assign({}, { a: 1 }, { b: 2 }),
    entries: Object.entries({ x: [1] }),
    found: [5, 12, 8].find(function (n) { return n > 6; }),
    includes: [NaN].includes(NaN) && 'abc'.includes('bc') && 'abc'.startsWith('ab'),
    math: [Math.trunc(-4.5), Math.sign(-3), Math.log2(1024), Math.hypot(6, 8), Math.imul(65536, 65536)],
    numbers: [Number.isInteger(5), Number.isSafeInteger(Math.pow(2, 53)), Number.EPSILON > 0],
    text: new TextDecoder().decode(new TextEncoder().encode('ça va')),
    atob: atob(btoa('fnpool'))
  };
};
JS
cat >"$T/functions/bytes.js" <<'JS'
module.exports = function (ctx) {
  var n = +ctx.query.mb * 1024 * 1024, a = new Float64Array(n / 8);
  a.fill(1.5);
  return { length: a.length, sum: a[0] + a[a.length - 1] };
};
JS

cat >"$T/fnpool.ini" <<INI
[cache]
listen = $T/cache.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
workers = 1
memory_limit = 16M

[nocache]
listen = $T/nocache.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
prefix = /nc
module_cache = off
workers = 1
INI
cat >"$T/server.conf" <<CONF
location /nc/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/nocache.sock;
}
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/cache.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 \
    bash -c "[ -S '$T/cache.sock' ] && [ -S '$T/nocache.sock' ]"
check "nginx starts" nginx_start

# Node 20's answers for globals.js.
node_default='{"base64":"aMOpbGxvIHfDtnJsZA==","hex":"68c3a96c6c6f2077c3b6726c64","bytes":[250,4,44],"padded":"000042|x--","substr":"cd","escaped":"%E4%20b%u20AC","unescaped":"ä b","nfd":"2,1","template":"Hi ada@3 on 2024-02-29@12!","lines":"* a\n* b\n* c","legacy":"022024","assign":{"a":1,"b":2},"entries":[["x",[1]]],"found":12,"includes":true,"math":[-4,-1,10,10,0],"numbers":[true,false,true],"text":"ça va","atob":"fnpool"}'
node_emoji='{"base64":"8J+YgCBvaw==","hex":"f09f9880206f6b","bytes":[250,4,44],"padded":"000042|x--","substr":"cd","escaped":"%E4%20b%u20AC","unescaped":"ä b","nfd":"2,1","template":"Hi ada@3 on 2024-02-29@12!","lines":"* a\n* b\n* c","legacy":"022024","assign":{"a":1,"b":2},"entries":[["x",[1]]],"found":12,"includes":true,"math":[-4,-1,10,10,0],"numbers":[true,false,true],"text":"ça va","atob":"fnpool"}'

r=$(http /globals)
is "$r" $'200\n'"$node_default" "module_cache on: the globals answer as in Node"
r=$(http /globals)
is "$r" $'200\n'"$node_default" "... and again from the kept state"
r=$(http '/globals?s=%F0%9F%98%80%20ok')
is "$r" $'200\n'"$node_emoji" "Buffer of a query string above U+FFFF"
for i in 1 2 3; do
	r=$(http /nc/globals)
	is "$r" $'200\n'"$node_default" "module_cache off, request $i: a new state answers as in Node"
done

r=$(http '/bytes?mb=4')
is "$r" $'200\n{"length":524288,"sum":3}' "a 4 MB typed array within memory_limit = 16M"
r=$(http '/bytes?mb=32')
like "$r" $'^500\n\\{"error":"The function exceeded its memory limit \\(memory_limit = 16777216 bytes\\)' \
    "a 32 MB typed array past memory_limit: 500 naming the limit"
check "... logged with the function" grep -q "bytes.js: request .* hit memory_limit" "$T/fnpool.log"
r=$(http '/bytes?mb=4')
is "$r" $'200\n{"length":524288,"sum":3}' "the next request works, on a new state"
r=$(http '/bytes?mb=-1')
like "$r" $'^500\n' "an invalid typed array length: 500"
check "... logged as a RangeError" grep -q "bytes.js: threw .*RangeError: Invalid typed array length: -131072" "$T/fnpool.log"
