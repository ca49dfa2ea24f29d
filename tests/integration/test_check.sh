#!/bin/bash
# fnpool check: every routable function loaded as preload loads it,
# without serving; one line per function, exit status 0/1/2; and
# contrib/deploy.sh refusing to switch to a release that fails it.
. "$(dirname "$0")/lib.sh"

# chk ARGS...: runs `fnpool check ARGS`; sets out, err and rc.
chk() {
	"$FNPOOL" check "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/check.log"
}

# is_lines GOT WANT DESCRIPTION: is, for text of many lines; each line is
# quoted so that a difference shown never reads as a TAP line.
is_lines() {
	is "$(printf '%s' "$1" | sed 's/^/> /')" "$(printf '%s' "$2" | sed 's/^/> /')" "$3"
}

# put FILE TEXT: writes TEXT (printf format, no arguments) to FILE.
put() { mkdir -p "$(dirname "$1")"; printf "$2" >"$1"; }

# ---- a tree with every kind of failure -------------------------------------

B=$T/bad
put "$B/ok.js" 'module.exports = function () { return "ok"; };\n'
put "$B/users/[id].js" 'var h = require("../_lib/helper");\nmodule.exports = function (ctx) { return h(ctx.params.id); };\n'
put "$B/_lib/helper.js" 'module.exports = function (s) { return s; };\n'
put "$B/_lib/broken.js" 'this is not javascript\n'
put "$B/.draft.js" 'this is not javascript either\n'
put "$B/node_modules/cjs/index.js" 'syntax error here (\n'
put "$B/api/syntax.js" 'module.exports = function (ctx) {\n  return (;\n};\n'
put "$B/modern.js" 'var x = 1;\nconst f = (a) => a;\nmodule.exports = f;\n'
put "$B/esm.js" 'export default function () {}\n'
put "$B/missing.js" 'var m = require("./_lib/nope");\nmodule.exports = function () {};\n'
put "$B/esmpkg.js" 'var e = require("esm-only");\nmodule.exports = function () {};\n'
put "$B/node_modules/esm-only/package.json" '{"name":"esm-only","type":"module","exports":{"import":"./index.js"}}\n'
put "$B/node_modules/esm-only/index.js" 'export default 1;\n'
put "$B/throws.js" 'var a = 1;\nthrow new Error("boom at load");\n'
put "$B/noexport.js" 'module.exports = 5;\n'
put "$B/deep.js" 'module.exports = require("./_lib/broken");\n'

chk "$B"
is "$rc" 1 "a tree with failures: exit status 1"
is_lines "$out" "FAIL api/syntax.js: load failed: SyntaxError: api/syntax.js:2: unexpected token in expression: ';'
FAIL deep.js: load failed: deep.js:1: SyntaxError: _lib/broken.js:1: unexpected token: (identifier) (expected ';')
FAIL esm.js: load failed: SyntaxError: esm.js:1: unexpected token: 'default' (expected ';'); hint: this file is an ES module (import/export); fnpool loads CommonJS (see docs/javascript.md)
FAIL esmpkg.js: load failed: esmpkg.js:1: Error: package 'esm-only' is an ES module only; fnpool loads CommonJS (see docs/javascript.md)
FAIL missing.js: load failed: missing.js:1: Error: Cannot find module './_lib/nope' from 'missing.js'
FAIL modern.js: load failed: SyntaxError: modern.js:2: unexpected token: (identifier) (expected ';'); hint: fnpool runs ES5; see docs/javascript.md for compiling modern JavaScript
FAIL noexport.js: bad exports: the module exports no handler: set module.exports to a function, or export default, main, or GET, POST, ...
ok ok.js
FAIL throws.js: load failed: throws.js:2: Error: boom at load
ok users/[id].js" \
    "one line per routable function, in name order: ok, or the error with file:line and hint"
like "$err" "fnpool check: 8 of 10 functions failed" "stderr: how many failed"
like "$err" "throws.js: load failed \\(request check\\): Error: boom at load +at throws.js:2" \
    "stderr: the log line with the whole trace"
is "$(printf '%s\n' "$out" | grep -cE '^(ok|FAIL) ([^ :]*/)?([_.]|node_modules/)')" 0 \
    "private (_x), hidden (.x) and node_modules files are not checked as entries"

# ---- a good tree ---------------------------------------------------------

G=$T/good
put "$G/index.js" 'module.exports = function () { return "home"; };\n'
put "$G/api/users.js" 'var u = require("./_model");\nexports.GET = function () { return u.all(); };\n'
put "$G/api/_model.js" 'exports.all = function () { return []; };\n'
put "$G/api/package.json" '{"name":"x"}\n'
chk "$G"
is "$rc" 0 "a good tree: exit status 0"
is_lines "$out" "ok api/users.js
ok index.js" "a good tree: ok for each function"
is "$err" "" "a good tree: nothing on stderr"

(cd "$G/.." && mv good functions && "$FNPOOL" check >"$T/out" 2>&1; echo $? >"$T/rc"; mv functions good)
is "$(cat "$T/rc") $(head -1 "$T/out")" "0 ok api/users.js" "no DIR: ./functions"

mkdir -p "$T/empty"
chk "$T/empty"
is "$rc" 1 "a tree without functions: exit status 1"
is "$err" "fnpool check: no functions under $T/empty" "and says so"

# ---- usage and configuration errors: exit status 2 -----------------------

usage_err() {
	local desc=$1 want=$2; shift 2
	chk "$@"
	is "$rc" 2 "$desc: exit status 2"
	like "$err" "$want" "$desc: says why"
	is "$out" "" "$desc: nothing on stdout"
}
usage_err "two DIRs" "expected at most one DIR, got 2 arguments" "$G" "$B"
usage_err "missing DIR" "functions root $T/none: No such file or directory" "$T/none"
usage_err "DIR a file" "functions root $G/index.js: not a directory" "$G/index.js"
usage_err "-p without -c" "-p POOL needs -c FILE" -p x "$G"
usage_err "unknown option" "unrecognized option|invalid option" --frobnicate "$G"
usage_err "missing config" "$T/none.ini" -c "$T/none.ini"
printf '[x]\nlisten = %s/x.sock\nfunctions = %s\nbogus = 1\n%s\n' "$T" "$G" \
    "$RUN_AS" >"$T/invalid.ini"
usage_err "invalid config" "invalid.ini:4: unknown key 'bogus'" -c "$T/invalid.ini"
printf '[x]\nlisten = %s/x.sock\nfunctions = %s\n%s\n' "$T" "$G" "$RUN_AS" >"$T/valid.ini"
usage_err "no such pool" "valid.ini: no pool named 'nope'" -c "$T/valid.ini" -p nope

chk --help
is "$rc $out" "0 usage: fnpool check [DIR | -c FILE [-p POOL] [DIR]]" "--help: the synopsis, exit status 0"
like "$("$FNPOOL" --help)" $'\n       fnpool check .*check: loads every function' "fnpool --help shows check"

# ---- -c and -p: the pool's settings --------------------------------------

P=$T/pooltree
put "$P/a.js" 'shared = "set by a.js";\nmodule.exports = function () { return shared; };\n'
put "$P/b.js" 'if (typeof shared === "undefined") throw new Error("a.js has not run in this state");\nmodule.exports = function () { return shared; };\n'
put "$P/c.js" 'exports.init = function (c) {\n  if (!c.env.SECRET) throw new Error("SECRET is not set");\n};\nexports.GET = function () { return 1; };\n'
cat >"$T/fnpool.ini" <<INI
[each]
listen = $T/each.sock
functions = $P
$RUN_AS

[shared]
listen = $T/shared.sock
functions = $P
isolation = pool
env.SECRET = s3cret
$RUN_AS

[slow]
listen = $T/slow.sock
functions = $T/slowtree
request_timeout = 1s
memory_limit = 8M
$RUN_AS
INI
put "$T/slowtree/a.js" 'module.exports = function () { return 1; };\n'
put "$T/slowtree/hog.js" 'var a = [];\nfor (var i = 0; i < 1e7; i++) a.push("x" + i);\nmodule.exports = function () {};\n'
put "$T/slowtree/loop.js" 'while (true) {}\n'
put "$T/slowtree/z.js" 'module.exports = function () { return 1; };\n'

chk -c "$T/fnpool.ini"
is "$rc" 1 "-c: the first pool (isolation = function, no env): exit status 1"
is_lines "$out" "ok a.js
FAIL b.js: load failed: b.js:1: Error: a.js has not run in this state
FAIL c.js: init threw, function unavailable: c.js:2: Error: SECRET is not set" \
    "-c: each function in its own state, init without SECRET"
chk -c "$T/fnpool.ini" -p shared
is "$rc" 0 "-p shared (isolation = pool, env.SECRET): exit status 0"
is_lines "$out" "ok a.js
ok b.js
ok c.js" "-p shared: one state for the pool, init sees the pool's env"
chk -c "$T/fnpool.ini" -p shared "$B"
is "$rc" 1 "-c with DIR: DIR replaces the pool's functions"
is "$(printf '%s\n' "$out" | wc -l)" 10 "-c with DIR: DIR's functions are checked"
is "$(printf '%s\n' "$out" | grep -c '^ok ')" 2 "-c with DIR: the same two load in the pool's one state"

chk -c "$T/fnpool.ini" -p slow
is "$rc" 1 "module code that never ends: exit status 1"
is_lines "$out" "ok a.js
FAIL hog.js: load failed: hit memory_limit (8388608 bytes)
FAIL loop.js: loading it took longer than request_timeout (1000 ms)
ok z.js" "memory_limit and request_timeout end a load; the functions after it are checked"

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	put "$T/private/tree/p.js" 'module.exports = function () { return 1; };\n'
	chmod 700 "$T/private"
	printf '[private]\nlisten = %s/private.sock\nfunctions = %s/private/tree\nuser = nobody\n' \
	    "$T" "$T" >"$T/private.ini"
	chk -c "$T/private.ini"
	is "$rc" 1 "as root, the pool's user loads the functions"
	is "$out" "FAIL p.js: load failed: Error: cannot read module 'p.js': Permission denied" \
	    "and meets the permissions it has in production"
	sed 's/^user = nobody$/user = no-such-user-fnpool/' "$T/private.ini" >"$T/nouser.ini"
	usage_err "no such user" "pool 'private': user 'no-such-user-fnpool' does not exist" \
	    -c "$T/nouser.ini"
else
	for i in 1 2 3 4 5; do ok "# SKIP not root: no user to become"; done
fi

# ---- contrib/deploy.sh ----------------------------------------------------

# ssh and rsync for "hosts" that are this machine: a command for HOST runs
# here, a copy to HOST:DIR copies to DIR.
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SH'
#!/bin/bash
echo "$1" >>"$SSH_LOG"
exec bash -c "$2"
SH
cat >"$T/bin/rsync" <<'SH'
#!/bin/bash
src=${@: -2:1} dst=${@: -1}
dst=${dst#*:}
mkdir -p "$dst" && cp -a "$src/." "$dst/"
SH
chmod +x "$T/bin/ssh" "$T/bin/rsync"
H=$T/host
mkdir -p "$H/releases/first"
cp -a "$G/." "$H/releases/first/"
ln -s releases/first "$H/functions"
cat >"$T/deploy.ini" <<INI
[api]
listen = $T/api.sock
functions = $H/functions
$RUN_AS
INI

deploy() {
	PATH="$T/bin:$PATH" SSH_LOG=$T/ssh.log FNPOOL_DEPLOY_BASE=$H \
	    FNPOOL_DEPLOY_CONFIG=$T/deploy.ini FNPOOL_DEPLOY_POOL=api \
	    FNPOOL_DEPLOY_FNPOOL=$FNPOOL \
	    bash "$SRCDIR/contrib/deploy.sh" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/deploy.log"
}

deploy "$B" web1 web2
is "$rc" 1 "deploy.sh with a failing release: exit status 1"
is "$(readlink "$H/functions")" "releases/first" "deploy.sh: no host switched"
like "$out" "FAIL throws.js: load failed: throws.js:2: Error: boom at load" \
    "deploy.sh: shows what fnpool check found"
like "$err" "fnpool check failed on web1 web2: no host switched; release [0-9TZ]+ removed" \
    "deploy.sh: says it refused"
is "$(ls "$H/releases")" "first" "deploy.sh: the refused release is removed"

deploy "$G" web1 web2
is "$rc" 0 "deploy.sh with a good release: exit status 0"
like "$(readlink "$H/functions")" '^releases/[0-9]{8}T[0-9]{6}Z$' "deploy.sh: switched to the new release"
is "$(ls "$H/functions/")" "$(ls "$G")" "deploy.sh: the new release holds the tree"
like "$out" "deploy: web2: checking release .*ok api/users.js.*live on 2 host" \
    "deploy.sh: checked on each host before switching"

# A host as the Debian package leaves it: functions is an empty directory,
# which the first release replaces; a directory with files in it stays.
mkdir -p "$T/pkghost/functions" "$T/fullhost/functions"
echo 'module.exports = function () {};' >"$T/fullhost/functions/mine.js"
H=$T/pkghost deploy "$G" web3
is "$rc" 0 "deploy.sh onto an empty functions directory: exit status 0"
like "$(readlink "$T/pkghost/functions")" '^releases/[0-9]{8}T[0-9]{6}Z$' \
    "deploy.sh: the empty directory became the release's symlink"
H=$T/fullhost deploy "$G" web4
is "$rc:$(ls "$T/fullhost/functions")" "1:mine.js" \
    "deploy.sh onto a functions directory with files: refused, the files stay"
like "$err" "rmdir: .*functions.*Directory not empty" "deploy.sh: says why"
