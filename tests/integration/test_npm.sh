#!/bin/bash
# Real pure-ES5 packages from the npm registry, installed by npm as a user
# would, required by a function behind nginx.  Skips (saying why) when npm
# or the registry is not there.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
command -v npm >/dev/null || skip_all "npm is not installed (apt-get install npm)"
# npm_reason LOG: the line of an npm log that says what went wrong.
npm_reason() {
	grep -m1 -E 'request to|npm (error|ERR!) code' "$1" || tail -n1 "$1"
}
timeout 30 npm view lodash version >"$T/npm-view.out" 2>&1 ||
    skip_all "the npm registry is unreachable: $(npm_reason "$T/npm-view.out")"

mkdir -p "$T/functions"
cd "$T/functions" || exit 1
echo '{ "name": "fnpool-npm-test", "private": true }' >package.json
# --ignore-scripts: nothing from the registry runs on this machine.
if ! timeout 300 npm install --no-audit --no-fund --ignore-scripts \
    --no-package-lock lodash@4 mustache@4 ms@2 >"$T/npm-install.log" 2>&1; then
	skip_all "npm install failed: $(npm_reason "$T/npm-install.log")"
fi
cd - >/dev/null || exit 1
cat >"$T/functions/npm.js" <<'JS'
var _ = require('lodash');
var chunk = require('lodash/chunk');
var Mustache = require('mustache');
var ms = require('ms');
module.exports = function (ctx) {
  return {
    chunk: _.chunk([1, 2, 3, 4, 5], 2),
    chunkPath: chunk([1, 2, 3], 2),
    sorted: _.sortBy([{ n: 'b' }, { n: 'a' }], 'n').map(function (o) { return o.n; }),
    html: Mustache.render('Hello {{name}} {{esc}}', { name: ctx.query.name, esc: '<i>' }),
    ms: ms('2h'),
    msText: ms(90000),
    resolved: [require.resolve('lodash'), require.resolve('mustache')]
  };
};
JS
cat >"$T/fnpool.ini" <<INI
[npm]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
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
r=$(http '/npm?name=Ada')
is "$r" $'200\n{"chunk":[[1,2],[3,4],[5]],"chunkPath":[[1,2],[3]],"html":"Hello Ada &lt;i&gt;","ms":7200000,"msText":"2m","resolved":["node_modules/lodash/lodash.js","node_modules/mustache/mustache.js"],"sorted":["a","b"]}' \
    "lodash, lodash/chunk, mustache and ms from npm work in a function"
r=$(http /node_modules/lodash/lodash)
is "${r%%$'\n'*}" "404" "installed packages are not routable"
