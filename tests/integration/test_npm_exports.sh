#!/bin/bash
# Real npm packages whose package.json has "exports" (with a "require"
# condition), installed by npm as a user would, run through `fnpool
# invoke`: get-intrinsic (which also takes eval as a value at load), its
# dependencies' subpath exports, and uuid 9 and nanoid 3, which resolve
# through "exports" to ES2015 code and so fail with the ES5 hint.
# Skips (saying why) when npm or the registry is not there.
. "$(dirname "$0")/lib.sh"

command -v npm >/dev/null || skip_all "npm is not installed (apt-get install npm)"
npm_reason() {
	grep -m1 -E 'request to|npm (error|ERR!) code' "$1" || tail -n1 "$1"
}
timeout 30 npm view get-intrinsic version >"$T/npm-view.out" 2>&1 ||
    skip_all "the npm registry is unreachable: $(npm_reason "$T/npm-view.out")"

mkdir -p "$T/functions"
cd "$T/functions" || exit 1
echo '{ "name": "fnpool-npm-exports-test", "private": true }' >package.json
# --ignore-scripts: nothing from the registry runs on this machine.
if ! timeout 300 npm install --no-audit --no-fund --ignore-scripts \
    --no-package-lock get-intrinsic@1.2.4 es-errors@1.3.0 uuid@9.0.1 \
    nanoid@3.3.7 >"$T/npm-install.log" 2>&1; then
	skip_all "npm install failed: $(npm_reason "$T/npm-install.log")"
fi

cat >intrinsic.js <<'JS'
var GetIntrinsic = require('get-intrinsic');
module.exports = function (ctx) {
	return [typeof GetIntrinsic('%eval%'),
	    GetIntrinsic('%Array.prototype.push%') === Array.prototype.push,
	    GetIntrinsic('%Math.max%')(1, 3), require.resolve('es-errors/type'),
	    new (require('es-errors/type'))('x') instanceof TypeError];
};
JS
cat >uuid.js <<'JS'
module.exports = function (ctx) { return require.resolve('uuid'); };
JS
cat >uuidload.js <<'JS'
var uuid = require('uuid');
module.exports = function (ctx) { return uuid.v4(); };
JS
cat >nanoid.js <<'JS'
module.exports = function (ctx) {
	return [require.resolve('nanoid'), require.resolve('nanoid/non-secure')];
};
JS
cat >unexported.js <<'JS'
module.exports = function (ctx) {
	try { require('uuid/dist/v4.js'); } catch (e) { return [e.code, e.message]; }
};
JS

# inv PATH: sets out (the body) and err (the log).
inv() {
	"$FNPOOL" invoke --functions "$T/functions" "$1" >"$T/out" 2>"$T/err" </dev/null
	out=$(tr -d '\r' <"$T/out" | sed '1,/^$/d')
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/invoke.log"
}

inv /intrinsic
is "$out" '["function",true,3,"node_modules/es-errors/type.js",true]' \
    "get-intrinsic 1.2.4 loads (eval as a value) and its dependencies' exports resolve, as in Node"
inv /uuid
is "$out" 'node_modules/uuid/dist/index.js' "uuid 9: exports' node/require condition, as Node's require.resolve"
inv /uuidload
like "$err" 'hint \(request [0-9a-f]+\): fnpool runs ES5' "uuid 9's CommonJS build is ES2015: the ES5 hint"
inv /nanoid
is "$out" '["node_modules/nanoid/index.cjs","node_modules/nanoid/non-secure/index.cjs"]' \
    "nanoid 3: the require condition of nested condition objects, subpath exports"
inv /unexported
is "$out" "[\"ERR_PACKAGE_PATH_NOT_EXPORTED\",\"Package subpath './dist/v4.js' is not defined by \\\"exports\\\" in node_modules/uuid/package.json\"]" \
    "a file of uuid 9 that exists but is not exported is refused, as in Node"
