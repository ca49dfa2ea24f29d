#!/bin/bash
# fnpool build: a TypeScript tree compiled and served through nginx,
# errors logged at their .ts line, ESM/CommonJS interop, top-level await
# refused, async functions and spread against Node, routing and privacy
# of the output, the atomic switch of DEST, --watch, and the errors of a
# machine without Node or the compiler.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
. "$(dirname "$0")/build_env.sh"

FIX="$SRCDIR/tests/fixtures/build"
mkdir -p "$T/app"
cp -r "$FIX/app/src" "$T/app/src"
cd "$T/app" || exit 1

# ---- the build --------------------------------------------------------------

"$FNPOOL" build src out >"$T/build.out" 2>&1
is "$?" 0 "fnpool build src out succeeds"
like "$(cat "$T/build.out")" '^fnpool build: out -> \.out\.releases/[^:]+: [0-9]+ files, [0-9]+ compiled, in [0-9]+ ms$' \
    "it reports the release and its counts"
check "DEST is a symlink to a release" test -L out
check "users.ts became api/users.js" test -f out/api/users.js
check "with its source map" test -f out/api/users.js.map
is "$(tail -1 out/api/users.js)" "//# sourceMappingURL=users.js.map" "which the file names"
check "no .ts is left in DEST" test -z "$(find -L out -name '*.ts')"
check "the esm-only package is compiled into DEST's node_modules" \
    test -f out/node_modules/esm-only/index.js
check "the helpers are bundled once, in node_modules/@swc/helpers" \
    test "$(find -L out -name '_class_call_check.cjs' | wc -l)" = 1
check "dual: only the require build is taken" \
    test ! -e out/node_modules/dual/esm/index.js
grep -q 'require("../node_modules/@swc/helpers/cjs/' out/api/users.js
is "$?" 0 "requires name the exact output file"

# ---- served through nginx -------------------------------------------------------

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid

[build]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $T/app/out
workers = 1
expose_errors = on
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

is "$(http '/api/users?name=ada')" \
    $'200\n{"greeting":"Hello, ada!","city":"London","first":"math","others":["code"],"rest":[]}' \
    "/api/users answers from users.ts: classes, destructuring, template, ?., async"
is "$(http '/api/users?name=bob&x=1')" \
    $'200\n{"greeting":"Hello, bob!","city":"unknown","first":null,"others":[],"rest":["x"]}' \
    "?? and ?. with a missing address, rest of an object"
is "$(http /interop)" \
    $'200\n{"cjs":"called","named":"named from cjs","esm":"default from esm","x":42,"nsDefault":"default from esm","requireDefault":"default from esm","requireX":42,"only":"ESM-ONLY","dual":"dual: the require build"}' \
    "ESM/CJS interop: default and named imports of CJS, export default via require, an ESM-only package"
is "$(http /keywords)" $'200\n{"sum":10}' \
    "keywords as property names at a line's end (MuJS's lexer would end the statement)"
for p in /_private /_lib/cjs /_lib/esm /node_modules/esm-only /node_modules/esm-only/index; do
	like "$(http "$p" | head -1)" '^404$' "$p is private in the output as in the source"
done

check "users.ts's two async functions are Promise chains (tools/build/async-chain.js)" \
    test "$(grep -c '_async_to_generator.fail(void 0, _error)' out/api/users.js)" -eq 2
out=$(http '/api/users?name=zed')
like "$out" '^500' "a thrown error is a 500"
like "$out" 'at fail \(src/api/users\.ts:17\)' "expose_errors: the trace names users.ts:17"
like "$(cat "$T/fnpool.log")" 'Error: no user zed  at fail \(src/api/users\.ts:17\)  at src/api/users\.ts:21' \
    "the log names the .ts file and line of the throw and of the caller"

# ---- the map is read only inside the root ----------------------------------

rel=$(readlink out)
ln -sf /etc/hostname "$rel/api/users.js.map.tmp" && mv -f "$rel/api/users.js.map.tmp" "$rel/api/users.js.map"
out=$(http '/api/users?name=zed')
like "$out" 'at fail \(api/users\.js:[0-9]+\)' "a map that points outside the root is not read: the compiled line stays"

nginx_stop
fnpool_stop

# ---- top-level await, refused ---------------------------------------------------

cp -r "$FIX/tla" "$T/tla"
(cd "$T/tla" && "$FNPOOL" build src out) >"$T/tla.out" 2>&1
is "$?" 1 "top-level await: the build fails"
is "$(cat "$T/tla.out")" \
    "fnpool build: src/bad.mjs:3: top-level await is not supported: fnpool runs module code synchronously when the function loads; move the await into the handler" \
    "naming file:line"
check "and DEST is not created" test ! -e "$T/tla/out"

# ---- errors of the command ------------------------------------------------------

b() { "$FNPOOL" build "$@" >"$T/b.out" 2>&1; rc=$?; bout=$(cat "$T/b.out"); }
b src
is "$rc" 2 "one argument: usage error (2)"
like "$bout" 'expected SRC and DEST' "saying what is expected"
b --frobnicate src x
is "$rc" 2 "unknown option: usage error"
b nosuch x
is "$rc" 1 "a missing SRC fails"
like "$bout" '^fnpool build: nosuch: ENOENT' "naming it"
mkdir -p "$T/plain"
b src "$T/plain"
is "$rc" 1 "DEST that is a directory is refused"
like "$bout" 'exists and is not a symlink' "saying why (it cannot be switched atomically)"
b src src/out
is "$rc" 1 "DEST inside SRC is refused"
mkdir -p "$T/dup/src" && echo 'export default 1;' >"$T/dup/src/a.ts" && echo 'module.exports = 2;' >"$T/dup/src/a.js"
(cd "$T/dup" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 1 "a.ts beside a.js fails"
like "$(cat "$T/b.out")" 'src/a\.(js|ts) and src/a\.(js|ts) would both be a\.js in DEST' "naming both files"
mkdir -p "$T/syn/src" && printf 'let a = 1;\nlet b = ;\n' >"$T/syn/src/s.ts"
(cd "$T/syn" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 1 "a syntax error fails the build"
like "$(cat "$T/b.out")" 'src/s\.ts' "naming the file"

# against_node DIR N WHAT: the answers of DIR/src/cases.mjs, case by case,
# from fnpool serving DIR/out and from Node running DIR/out, against Node
# running the source itself; N cases.
against_node() {
	local dir=$1 n=$2 what=$3 c want
	node --input-type=module -e "import h from '$dir/src/cases.mjs'; console.log(JSON.stringify(h()))" \
	    >"$dir/node.json" 2>&1
	node -e "console.log(JSON.stringify(require('$dir/out/cases.js').default()))" \
	    >"$dir/node-out.json" 2>&1
	"$FNPOOL" invoke --functions "$dir/out" /cases 2>&1 | tail -1 >"$dir/fnpool.json"
	is "$(node -p "Object.keys(require('$dir/node.json')).length" 2>&1)" "$n" \
	    "Node answered the $n $what cases"
	for c in $(node -p "Object.keys(require('$dir/node.json')).join(' ')"); do
		want=$(node -p "JSON.stringify(require('$dir/node.json').$c)")
		is "$(node -p "JSON.stringify(require('$dir/fnpool.json').$c)" 2>&1)" "$want" \
		    "$what: $c as in Node"
		is "$(node -p "JSON.stringify(require('$dir/node-out.json').$c)" 2>&1)" "$want" \
		    "$what: $c as in Node, from the output"
	done
}

# ---- async functions, against Node ------------------------------------------------
# Ordering against other microtasks, await of values and thenables,
# try/catch/finally, loops with break/continue and labels, switch,
# methods with this and arguments, rejections, timers, async iteration:
# each case's answer from the compiled tree and from Node running the
# source itself.  lean.mjs's functions are in the lean form
# (tools/build/lean-async.js), whose run is fnpool:helpers' asyncRun in
# fnpool and @swc/helpers' steps in Node, which runs the output too.
mkdir -p "$T/async/src"
cp "$FIX/async/cases.mjs" "$FIX/async/lean.mjs" "$T/async/src/"
(cd "$T/async" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 0 "the async cases build"
for f in cases:11 lean:7; do
	n=${f#*:} f=${f%:*}
	node --input-type=module -e "import h from '$T/async/src/$f.mjs'; console.log(JSON.stringify(await h()))" \
	    >"$T/async/$f.node.json" 2>&1
	node -e "require('$T/async/out/$f.js').default().then((r) => console.log(JSON.stringify(r)))" \
	    >"$T/async/$f.node-out.json" 2>&1
	"$FNPOOL" invoke --functions "$T/async/out" "/$f" 2>&1 | tail -1 >"$T/async/$f.fnpool.json"
	is "$(node -p "Object.keys(require('$T/async/$f.node.json')).length" 2>&1)" "$n" \
	    "Node answered the $n cases of $f.mjs"
	for c in $(node -p "Object.keys(require('$T/async/$f.node.json')).join(' ')"); do
		want=$(node -p "JSON.stringify(require('$T/async/$f.node.json').$c)")
		is "$(node -p "JSON.stringify(require('$T/async/$f.fnpool.json').$c)" 2>&1)" \
		    "$want" "async: $f $c as in Node"
		[ "$f" = lean ] && is "$(node -p "JSON.stringify(require('$T/async/$f.node-out.json').$c)" 2>&1)" \
		    "$want" "async: $f $c as in Node, compiled"
	done
done
# Each async function of lean.mjs is unwrapped but the arrow whose default
# parameter SWC reads outside the wrapper: the 10 without loops or try
# statements around their awaits are Promise chains (async-chain.js;
# users.ts's are too, whose error above names its line through the map),
# the 14 others generators that asyncRun drives.
is "$(grep -c '_async_to_generator.fail(void 0, _error)' "$T/async/out/lean.js")" 10 \
    "10 async functions of lean.mjs are Promise chains"
is "$(grep -c '_async_to_generator.run(' "$T/async/out/lean.js")" 14 "14 are generators in the lean form"
is "$(grep -c '_async_to_generator._(' "$T/async/out/lean.js")" 1 "one keeps SWC's form"

# ---- spread, against Node ------------------------------------------------------
# [...x], f(...x) and new F(...x) call fnpool build's own
# _to_consumable_array, which is fnpool:helpers' spread in C; where that
# module is missing it is @swc/helpers' chain, which Node runs here from
# the output itself.  Arrays with holes, strings by code point, Map, Set,
# generators, iterables, the iterator's calls, errors: each case's answer
# from fnpool, from Node running the output, and from Node running the
# source.
mkdir -p "$T/spread/src"
cp "$FIX/spread/cases.mjs" "$T/spread/src/"
printf '%s\n' 'export default () => [5, null, {}, { [Symbol.iterator]: 1 }].map((v) => {' \
    '	try { return [...v]; } catch (e) { return e.name + ": " + e.message; } });' >"$T/spread/src/messages.mjs"
(cd "$T/spread" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 0 "the spread cases build"
helper=$T/spread/out/node_modules/@swc/helpers/cjs/_to_consumable_array.cjs
check "the output's _to_consumable_array is fnpool's" grep -q 'require("fnpool:helpers")' "$helper"
check "with @swc/helpers' chain bundled beside it" test -f "${helper%/*}/_array_without_holes.cjs"
against_node "$T/spread" 11 spread
m='is not iterable (cannot read property Symbol(Symbol.iterator))'
is "$("$FNPOOL" invoke --functions "$T/spread/out" /messages 2>&1 | tail -1)" \
    "[\"TypeError: number 5 $m\",\"TypeError: null $m\",\"TypeError: object $m\",\"TypeError: object $m\"]" \
    "what is not iterable: V8's message for a value it does not name"

# ---- array destructuring, against Node ----------------------------------------
# const [a, b] = x and const [a, ...b] = x call fnpool build's own
# _sliced_to_array and _to_array: an array comes back as it is from
# fnpool:helpers' arrayOr, in C; anything else (strings, Map, Set,
# generators, iterators closed early, arguments, typed arrays, what is not
# iterable) goes through @swc/helpers' chain, which Node runs here too.
mkdir -p "$T/destructure/src"
cp "$FIX/destructure/cases.mjs" "$T/destructure/src/"
(cd "$T/destructure" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 0 "the destructuring cases build"
for h in _sliced_to_array _to_array; do
	check "the output's $h is fnpool's" \
	    grep -q 'require("fnpool:helpers")' "$T/destructure/out/node_modules/@swc/helpers/cjs/$h.cjs"
done
against_node "$T/destructure" 6 destructuring

# ---- generators, against Node ----------------------------------------------------
# Generator and async functions drive their state machines through fnpool
# build's own _ts_generator (a shared prototype, not closures per
# generator).  next with values, throw and return (before the start too),
# try/catch/finally, yield* of generators, arrays and strings, for...of
# with break, a generator that calls itself, methods, infinite ones, and
# the generator object's shape: each case's answer from fnpool, from Node
# running the output, and from Node running the source.
mkdir -p "$T/gen/src"
cp "$FIX/generators/cases.mjs" "$T/gen/src/"
echo "module.exports = function () {
	return require('@swc/helpers/_/_async_to_generator')._(function () { return {}; })()
	    .then(function () { return 'resolved'; }, function (e) { return e.message; });
};" >"$T/gen/src/notgen.js"
(cd "$T/gen" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 0 "the generator cases build"
for h in _ts_generator _async_to_generator; do
	check "the output's $h is fnpool build's" \
	    grep -q "fnpool build's $h" "$T/gen/out/node_modules/@swc/helpers/cjs/$h.cjs"
done
is "$("$FNPOOL" invoke --functions "$T/gen/out" /notgen 2>&1 | tail -1)" \
    "_async_to_generator: the function made object, not a generator of fnpool build's _ts_generator" \
    "_async_to_generator of a function that makes no generator: a rejection that says so"
against_node "$T/gen" 10 generators

# ---- Node's core modules that fnpool lacks --------------------------------------
# A package that declares in package.json "browser" that it runs without
# 'fs' gets an empty object for it; a module fnpool has stays fnpool's.
mkdir -p "$T/core/src/api" "$T/core/src/node_modules/needs-fs" "$T/core/src/node_modules/wants-fs"
cat >"$T/core/src/node_modules/needs-fs/package.json" <<'JSON'
{ "name": "needs-fs", "main": "index.js", "browser": { "fs": false, "path": false } }
JSON
echo "var fs = require('fs'), path = require('path');
module.exports = { fs: typeof fs.readFileSync, path: typeof path.join };" \
    >"$T/core/src/node_modules/needs-fs/index.js"
echo '{ "name": "wants-fs", "main": "index.js" }' >"$T/core/src/node_modules/wants-fs/package.json"
echo "module.exports = function () { return require('fs'); };" >"$T/core/src/node_modules/wants-fs/index.js"
printf "import k from 'needs-fs';\nimport w from 'wants-fs';\nexport default () => ({ k, w: typeof w });\n" >"$T/core/src/api/pkg.ts"
printf "import fs from 'fs';\nimport x from './nope';\nexport default () => [fs, x];\n" >"$T/core/src/api/own.ts"
(cd "$T/core" && "$FNPOOL" build src out) >"$T/b.out" 2>&1
is "$?" 0 "a tree that requires 'fs' builds"
like "$(cat "$T/b.out")" "src/api/own\.ts: 'fs' is not among fnpool's core modules: require\(\) throws when that line runs" \
    "a source file's require of 'fs' is warned about"
like "$(cat "$T/b.out")" "src/api/own\.ts: './nope' cannot be resolved" "as is a file that is not there"
unlike "$(cat "$T/b.out")" "node_modules" "packages' requires are not warned about"
is "$("$FNPOOL" invoke --functions "$T/core/out" /api/pkg | tail -1)" '{"k":{"fs":"undefined","path":"function"},"w":"function"}' \
    "browser {fs: false}: an empty object for fs, fnpool's own path"
like "$(cat "$T/core/out/node_modules/wants-fs/index.js")" "require\('fs'\)" \
    "a package without that declaration keeps its require('fs')"
like "$("$FNPOOL" invoke --functions "$T/core/out" /api/own 2>&1)" "Cannot find module 'fs'" \
    "which throws when it runs, as warned"

PATH=/nonexistent "$FNPOOL" build src x >"$T/b.out" 2>&1
is "$?" 1 "without Node: status 1"
like "$(cat "$T/b.out")" 'Node\.js is not installed .*apt-get install' "and how to get it"
FNPOOL_NODE=/nonexistent/node "$FNPOOL" build src x >"$T/b.out" 2>&1
like "$(cat "$T/b.out")" '^fnpool build: /nonexistent/node: No such file' "FNPOOL_NODE that does not exist is named"
FNPOOL_BUILD_DIR=$T/nowhere "$FNPOOL" build src x >"$T/b.out" 2>&1
like "$(cat "$T/b.out")" "$T/nowhere/fnpool-build.js: No such file" "a missing build script is named"
XDG_CACHE_HOME=$T/empty-cache "$FNPOOL" build src x >"$T/b.out" 2>&1
is "$?" 1 "without the compiler: status 1"
like "$(cat "$T/b.out")" 'the compiler \(@swc/core@[0-9.]+ @swc/helpers@[0-9.]+\) is not installed' "saying so"
like "$(cat "$T/b.out")" 'fnpool build --install' "and which command installs it"

# ---- the atomic switch ------------------------------------------------------------

# Two versions of a two-file tree, built alternately while a reader
# checks that every tree it opens through DEST is whole and consistent.
mkdir -p "$T/sw/src"
cd "$T/sw" || exit 1
version() { for f in a b; do echo "export default '$1';" >"src/$f.ts"; done; }
version 1
"$FNPOOL" build -q src out || not_ok "first build of the switch test"
(
	reads=0 bad=0
	while [ ! -e "$T/sw/stop" ]; do
		r=$(realpath out) || { bad=$((bad + 1)); continue; }
		a=$(grep -o "'[0-9]'" "$r/a.js" 2>/dev/null)
		b=$(grep -o "'[0-9]'" "$r/b.js" 2>/dev/null)
		[ -n "$a" ] && [ "$a" = "$b" ] || bad=$((bad + 1))
		reads=$((reads + 1))
	done
	echo "$reads $bad" >"$T/sw/reader"
) &
reader=$!
for v in 2 3 4 5 6 7 8 9; do
	version $v
	"$FNPOOL" build -q src out || not_ok "build $v"
done
touch "$T/sw/stop"
wait "$reader"
read -r reads bad <"$T/sw/reader"
diag "reader: $reads trees read during 8 builds"
check "the reader read trees during the builds" test "$reads" -gt 0
is "$bad" 0 "no tree read through DEST was missing or mixed"
is "$(grep -o "'[0-9]'" out/a.js)" "'9'" "DEST has the last build"
is "$(ls .out.releases | wc -l)" 3 "the newest 3 releases are kept"

# ---- --watch ------------------------------------------------------------------

mkdir -p "$T/w/src/api"
cd "$T/w" || exit 1
for i in 1 2 3 4 5; do echo "export default () => 'v$i';" >"src/api/f$i.ts"; done
"$FNPOOL" build --watch src out >"$T/watch.log" 2>&1 &
watcher=$!
trap 'kill "$watcher" 2>/dev/null; cleanup' EXIT
watch_built() { grep -q "'v1'" out/api/f1.js; }
check "--watch builds at once" wait_for 100 watch_built
echo "export default () => 'changed';" >src/api/.f3.tmp && mv src/api/.f3.tmp src/api/f3.ts
t0=$(date +%s%N)
changed() { grep -q "'changed'" out/api/f3.js; }
check "--watch rebuilds a changed file" wait_for 50 changed
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
diag "one changed file served from DEST after $ms ms"
check "within 1 s" test "$ms" -lt 1000
like "$(tail -1 "$T/watch.log")" ' 1 compiled, ' "only that file was compiled again"
printf 'export default = ;\n' >src/api/.f4.tmp && mv src/api/.f4.tmp src/api/f4.ts
bad_logged() { grep -q 'DEST unchanged; waiting for changes' "$T/watch.log"; }
check "--watch reports a broken file and keeps running" wait_for 50 bad_logged
check "the previous build still serves" grep -q "'changed'" out/api/f3.js
kill "$watcher"
wait "$watcher" 2>/dev/null
trap cleanup EXIT
