#!/bin/bash
# crypto.sh: fnpool's crypto next to crypto-js running in fnpool and
# next to Node's crypto, in one run: SHA-256 of 1 MiB (MB/s), HMAC-SHA256
# of a 1 KiB body (per second), scryptSync with N=16384, r=8, p=1 (ms).
# Each workload runs in one `fnpool invoke` (and one `node`) that times
# itself with process.hrtime, best of ROUNDS, after a warm-up; process
# start-up is not counted.  See bench/README.md.
#
#   FNPOOL=build/src/fnpool bash bench/crypto.sh
#   CRYPTO_ROUNDS=5 CRYPTO_SECONDS=2 ...    (defaults: 3 rounds of 1 s)
#
# crypto-js 3.3.0 (ES5) is installed with npm into a temporary directory;
# its rows read n/a when npm cannot reach the registry.  Node's rows read
# n/a when node is not installed.
set -u
export LC_ALL=C

: "${FNPOOL:?set FNPOOL to the fnpool binary (build/src/fnpool)}"
ROUNDS=${CRYPTO_ROUNDS:-3}
SECONDS_PER=${CRYPTO_SECONDS:-1}
R=$(mktemp -d /tmp/fnpool-bench-crypto.XXXXXX)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/functions"

# The workloads, as one CommonJS module that fnpool and Node both run:
# run(name, seconds) -> {ops, seconds, bytes}.
cat >"$R/functions/work.js" <<'JS'
var crypto = require('crypto'), C = null;
try { C = require('crypto-js'); } catch (e) {}
var mib = Buffer.alloc(1024 * 1024, 'x'), kib = Buffer.alloc(1024, 'y');
/* crypto-js in MuJS takes seconds per MiB: it hashes 64 KiB */
var k64 = Buffer.alloc(64 * 1024, 'x');
/* crypto-js takes word arrays; made once (from the bytes: indexing a
   long string is slow in MuJS), outside the timing */
var words = {};
function wordsOf(name, buf) {
  if (!words[name])
    words[name] = C.lib.WordArray.create(new Uint8Array(buf));
  return words[name];
}
var work = {
  sha256: function () { crypto.createHash('sha256').update(mib).digest('hex'); return mib.length; },
  hmac: function () { crypto.createHmac('sha256', 'secret').update(kib).digest('hex'); return kib.length; },
  scrypt: function () { crypto.scryptSync('password', 'salt', 64, { N: 16384, r: 8, p: 1 }); return 0; },
  cjs_sha256: function () { C.SHA256(wordsOf('k64', k64)).toString(); return k64.length; },
  cjs_hmac: function () { C.HmacSHA256(wordsOf('kib', kib), 'secret').toString(); return kib.length; }
};
function now() { var t = process.hrtime(); return t[0] + t[1] / 1e9; }
function run(name, seconds) {
  var f = work[name], ops = 0, bytes = 0, t0, t;
  if (name.slice(0, 4) === 'cjs_' && !C)
    return null;
  f();					/* warm-up */
  t0 = now();
  do {
    bytes += f();
    ops++;
    t = now();
  } while (t - t0 < seconds);
  return { ops: ops, seconds: t - t0, bytes: bytes };
}
module.exports = function (ctx) {
  return run(ctx.query.w, +ctx.query.s);
};
module.exports.run = run;
JS

if command -v npm >/dev/null &&
    (cd "$R/functions" && echo '{"private":true}' >package.json &&
    timeout 120 npm install --no-audit --no-fund --ignore-scripts \
    --no-package-lock crypto-js@3.3.0 >"$R/npm.log" 2>&1); then
	:
else
	echo "crypto.sh: crypto-js not installed (npm unavailable): its rows are n/a" >&2
fi

# fnpool_run W: one result line "ops seconds bytes" (best of ROUNDS)
best() {	# best "ops seconds bytes" lines on stdin: highest ops/second
	awk 'NF == 3 && $2 > 0 { r = $1 / $2; if (r > b) { b = r; l = $0 } }
	    END { if (l != "") print l; else print "n/a" }'
}
fnpool_run() {
	local i
	for i in $(seq 1 "$ROUNDS"); do
		"$FNPOOL" invoke --functions "$R/functions" \
		    "/work?w=$1&s=$SECONDS_PER" 2>>"$R/invoke.log" | tail -n1 |
		    { cat; echo; } |
		    sed -n 's/.*"bytes":\([0-9.e+]*\),"ops":\([0-9]*\),"seconds":\([0-9.e+-]*\).*/\2 \3 \1/p'
	done | best
}
node_run() {
	local i
	command -v node >/dev/null || { echo "n/a"; return; }
	for i in $(seq 1 "$ROUNDS"); do
		(cd "$R/functions" && node -e "
var r = require('./work.js').run('$1', $SECONDS_PER);
if (r) console.log(r.ops + ' ' + r.seconds + ' ' + r.bytes);")
	done | best
}

mbps() { [ "$1" = n/a ] && echo n/a || awk -v o="$1" '{ printf "%.1f", $3 / $2 / 1e6 }' <<<"$1"; }
persec() { [ "$1" = n/a ] && echo n/a || awk '{ printf "%.0f", $1 / $2 }' <<<"$1"; }
ms() { [ "$1" = n/a ] && echo n/a || awk '{ printf "%.1f", $2 / $1 * 1000 }' <<<"$1"; }
ratio() { [ "$1" = n/a ] || [ "$2" = n/a ] && echo n/a || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "# fnpool crypto benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs"
echo "# $("$FNPOOL" -v 2>/dev/null | head -1), OpenSSL $(openssl version 2>/dev/null | awk '{print $2}'), node $(node -v 2>/dev/null || echo none)"
echo "# best of $ROUNDS rounds of ${SECONDS_PER}s each"
echo
f_sha=$(fnpool_run sha256); c_sha=$(fnpool_run cjs_sha256); n_sha=$(node_run sha256)
f_hmac=$(fnpool_run hmac); c_hmac=$(fnpool_run cjs_hmac); n_hmac=$(node_run hmac)
f_scr=$(fnpool_run scrypt); n_scr=$(node_run scrypt)
printf '| workload | fnpool crypto | crypto-js in fnpool | Node crypto | fnpool / Node |\n'
printf '| --- | --- | --- | --- | --- |\n'
printf '| SHA-256 of 1 MiB (MB/s; crypto-js: of 64 KiB) | %s | %s | %s | %s |\n' "$(mbps "$f_sha")" \
    "$(mbps "$c_sha")" "$(mbps "$n_sha")" "$(ratio "$(mbps "$f_sha")" "$(mbps "$n_sha")")"
printf '| HMAC-SHA256 of 1 KiB (per second) | %s | %s | %s | %s |\n' \
    "$(persec "$f_hmac")" "$(persec "$c_hmac")" "$(persec "$n_hmac")" \
    "$(ratio "$(persec "$f_hmac")" "$(persec "$n_hmac")")"
printf '| scryptSync N=16384 r=8 p=1 (ms each) | %s | - | %s | %s |\n' \
    "$(ms "$f_scr")" "$(ms "$n_scr")" "$(ratio "$(ms "$f_scr")" "$(ms "$n_scr")")"
