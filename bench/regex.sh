#!/bin/bash
# regex.sh: a regex-heavy workload in fnpool (this build), in another
# fnpool build (REGEX_BASELINE: main's, with MuJS's own regex engine) and
# in Node 20, in one run: validator's isEmail and the WHATWG e-mail
# pattern on 10,000 addresses, validator's isURL with the RFC 3986 split
# on 10,000 URLs, and a 1 MiB text split by /\r?\n/.  Each workload runs
# in one `fnpool invoke` (and one `node`) that times itself with
# process.hrtime after a warm-up; making the data and start-up are not
# counted.  Every build's answers are checked against Node's.  See
# bench/README.md.
#
#   FNPOOL=build/src/fnpool REGEX_BASELINE=/work/main/build/src/fnpool \
#       bash bench/regex.sh
#   REGEX_ROUNDS=3 REGEX_SECONDS=2 ...   (defaults: 1 round of 1 s)
#
# A build whose engine does not finish a workload within REGEX_TIMEOUT
# (10s, the invocation's request_timeout) reads "timeout" there, and is
# not run on it again; one that needs more than memory_limit (256M)
# reads "memory_limit".  Node's column reads n/a without node.
set -u
export LC_ALL=C

: "${FNPOOL:?set FNPOOL to the fnpool binary (build/src/fnpool)}"
BASELINE=${REGEX_BASELINE:-}
ROUNDS=${REGEX_ROUNDS:-1}
SECONDS_PER=${REGEX_SECONDS:-1}
TIMEOUT=${REGEX_TIMEOUT:-10s}
WORKLOADS="email html5email url lines"
R=$(mktemp -d /tmp/fnpool-bench-regex.XXXXXX)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/functions"
chmod 755 "$R" "$R/functions"	# the workers run as www-data under root
user=$(id -un)
[ "$(id -u)" = 0 ] && user=www-data
cat >"$R/fnpool.ini" <<INI
[regex]
listen = $R/unused.sock
user = $user
functions = $R/functions
request_timeout = $TIMEOUT
memory_limit = 256M
INI

# Which engine a build matches with: MuJS's own rejects lookbehind.
cat >"$R/functions/engine.js" <<'JS'
module.exports = function () {
  try { new RegExp('(?<=a)b'); } catch (e) { return 'MuJS\'s own'; }
  return 'takes lookbehind: not MuJS\'s own';
};
JS

# The workloads, as one CommonJS module that fnpool and Node both run.
cat >"$R/functions/work.js" <<'JS'
/*
 * regex.sh's workloads, run by fnpool and by Node alike:
 * run(name, seconds) -> {answers, items, seconds}.  The data is made
 * here, the same in every engine (its own random numbers), and only for
 * the workload that runs.
 */
var seed;
function rand(n) {
  seed = (seed * 69069 + 1) % 4294967296;	/* exact in doubles */
  return Math.floor(seed / 65536) % n;
}
function pick(a) { return a[rand(a.length)]; }
function made(n, parts) {
  var out = [], i, j, s;
  seed = 12345;
  for (i = 0; i < n; i++) {
    for (s = '', j = 0; j < parts.length; j++)
      s += pick(parts[j]);
    out.push(s);
  }
  return out;
}
/* 10,000 addresses, valid and not, some with non-ASCII letters */
function emails() {
  return made(10000, [
    ['john', 'j.doe', 'mary-ann', 'o\'reilly', 'x_y', 'info+tag', 'a..b',
      'first last', 'admin', 'u\u00f1ico', 'sales.team', '"quoted"',
      'max.mustermann', 'very.long.local.part.with.dots', ''],
    ['@', '@', '@', '@@', ''],
    ['example', 'mail.example', 'sub.dom-ain', 'b\u00fccher',
      'xn--bcher-kva', '-bad', 'localhost', 'a.b.c.d', 'under_score', 'host-',
      'gmail', 'outlook'],
    ['.com', '.org', '.de', '.co.uk', '.io', '.c', '.x1', '.museum',
      '.xn--p1ai', '.']]);
}
/* 10,000 URLs: schemes, credentials, hosts, ports, paths and queries */
function urls() {
  return made(10000, [
    ['http://', 'https://', 'ftp://', '//', 'mailto:', 'htp://', ''],
    ['', '', '', 'user:pass@', 'user@'],
    ['example.com', 'www.example.org', '10.0.0.1', '192.168.1.20', '8.8.8.8',
      '256.1.1.1', 'b\u00fccher.de', 'localhost', 'a_b.com',
      'xn--d1acpjx3f.xn--p1ai', 'exa mple.com', '223.255.255.254', '-x.com'],
    ['', '', ':8080', ':80', ':99999', ':1'],
    ['', '/', '/a/b/c', '/search?q=fnpool&lang=en', '/p?x=1#frag',
      '/caf\u00e9/men\u00fc', '/with space', '/index.html?a=%20b&c']]);
}
/* 1 MiB of text in lines of 10 to 100 characters, \n and some \r\n */
function text() {
  var out = [], n = 0, l, words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet',
    'fnpool', 'regex', 'caf\u00e9', 'line', '42'];
  seed = 12345;
  while (n < 1024 * 1024) {
    l = '';
    while (l.length < 10 + rand(90))
      l += pick(words) + ' ';
    l += pick(['\n', '\n', '\n', '\r\n']);
    out.push(l);
    n += l.length;
  }
  return out.join('');
}

/* validator 13.11.0, lib/isEmail.js and lib/isFQDN.js (default options) */
var emailUserPart = /^[a-z\d!#\$%&'\*\+\-\/=\?\^_`{\|}~]+$/i;
var fqdnLabel = /^[a-z_\u00a1-\uffff0-9-]+$/i;
var fqdnTld = /^([a-z\u00A1-\u00A8\u00AA-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]{2,}|xn[a-z0-9-]{2,})$/i;
/* the WHATWG HTML pattern of <input type=email> */
var html5Email = /^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
function isFQDN(str) {
  var parts = str.split('.'), tld = parts[parts.length - 1], i, p;
  if (parts.length < 2 || !fqdnTld.test(tld) || /\s/.test(tld))
    return false;
  for (i = 0; i < parts.length; i++) {
    p = parts[i];
    if (p.length > 63 || !fqdnLabel.test(p) || /[\uff01-\uff5e]/.test(p) ||
        /^-|-$/.test(p))
      return false;
  }
  return true;
}
function isEmail(s) {
  var at = s.lastIndexOf('@'), user, parts, i;
  if (at < 1)
    return false;
  user = s.slice(0, at);
  parts = user.split('.');
  for (i = 0; i < parts.length; i++)
    if (!emailUserPart.test(parts[i]))
      return false;
  return isFQDN(s.slice(at + 1));
}
/* validator 13.11.0, lib/isIP.js (v4) and lib/isURL.js (default options) */
var ipv4Segment = '(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])';
var ipv4 = new RegExp('^(' + ipv4Segment + '[.]){3}' + ipv4Segment + '$');
var wrappedIpv6 = /^\[([^\]]+)\](?::([0-9]+))?$/;
function isURL(url) {
  var split, protocol, host, hostname, portStr = null, port;
  if (!url || url.length >= 2083 || /[\s<>]/.test(url) ||
      url.indexOf('mailto:') === 0)
    return false;
  url = url.split('#')[0].split('?')[0];
  split = url.split('://');
  if (split.length > 1) {
    protocol = split.shift().toLowerCase();
    if (protocol !== 'http' && protocol !== 'https' && protocol !== 'ftp')
      return false;
  } else if (url.slice(0, 2) === '//')
    return false;
  split = split.join('://').split('/');
  url = split.shift();
  if (url === '')
    return false;
  split = url.split('@');
  if (split.length > 1 && (split.length > 2 || split[0].indexOf(':') === 0))
    return false;
  hostname = split[split.length - 1];
  if (wrappedIpv6.test(hostname))
    return false;		/* no IPv6 hosts in this data */
  split = hostname.split(':');
  host = split.shift();
  if (split.length)
    portStr = split.join(':');
  if (portStr !== null && portStr.length > 0) {
    port = parseInt(portStr, 10);
    if (!/^[0-9]+$/.test(portStr) || port <= 0 || port > 65535)
      return false;
  }
  return ipv4.test(host) || isFQDN(host);
}
/* RFC 3986, appendix B */
var rfc3986 = /^(([^:\/?#]+):)?(\/\/([^\/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/;

/* One item of each workload: the answer it adds. */
var item = {
  email: function (s) { return isEmail(s) ? 1 : 0; },
  html5email: function (s) { return html5Email.test(s) ? 1 : 0; },
  url: function (s) {
    var m = rfc3986.exec(s), n = isURL(s) ? 1 : 0;
    if (m[7] !== undefined && m[7] !== '')
      n += 2 * m[7].split('&').length;
    return n;
  },
  lines: function (s) { return s.split(/\r?\n/).length; }
};
var CHUNK = 250;
/* The items in chunks: CHUNK addresses or URLs, or the whole text. */
function chunks(name) {
  var all = name === 'email' || name === 'html5email' ? emails() : name === 'url' ? urls() : null,
      out = [], i;
  if (all === null)
    return [[text()]];
  for (i = 0; i < all.length; i += CHUNK)
    out.push(all.slice(i, i + CHUNK));
  return out;
}
function now() { var t = process.hrtime(); return t[0] + t[1] / 1e9; }
/*
 * Runs chunks one after the other, round and round, for at least
 * `seconds` and at least one chunk, after one chunk of warm-up; each
 * chunk's answer is the sum of its items' (the first round's, checked
 * in the later ones).
 */
function run(name, seconds) {
  var f = item[name], cs = chunks(name), answers = [], items = 0,
      k = 0, a, i, t0, t;
  for (i = 0; i < cs[0].length; i++)
    f(cs[0][i]);			/* warm-up */
  t0 = now();
  do {
    for (a = 0, i = 0; i < cs[k].length; i++)
      a += f(cs[k][i]);
    if (answers.length <= k)
      answers.push(a);
    else if (answers[k] !== a)
      throw new Error(name + ': chunk ' + k + ' answered ' + a +
          ', then ' + answers[k]);
    items += cs[k].length;
    k = (k + 1) % cs.length;
    t = now();
  } while (t - t0 < seconds);
  return { answers: answers.join(' '), items: items, seconds: t - t0 };
}
module.exports = function (ctx) {
  return run(ctx.query.w, +ctx.query.s);
};
module.exports.run = run;
JS
chmod 644 "$R/functions/"*.js

# "answers items seconds" of one run: the JSON fields, in any order.
fields() {
	local j
	j=$(tail -n1)
	case $j in
	*'"items":'*) ;;
	*'Gateway Timeout'*) echo timeout; return ;;
	*'memory limit'*) echo memory_limit; return ;;
	*) echo n/a; return ;;
	esac
	printf '%s|%s|%s\n' \
	    "$(sed -n 's/.*"answers":"\([0-9 ]*\)".*/\1/p' <<<"$j")" \
	    "$(sed -n 's/.*"items":\([0-9]*\).*/\1/p' <<<"$j")" \
	    "$(sed -n 's/.*"seconds":\([0-9.e+-]*\).*/\1/p' <<<"$j")"
}
fnpool_once() {	# BINARY WORKLOAD
	"$1" invoke -c "$R/fnpool.ini" "/work?w=$2&s=$SECONDS_PER" \
	    2>>"$R/invoke.log" | fields
}
node_once() {
	command -v node >/dev/null || { echo n/a; return; }
	(cd "$R/functions" && node -e "
var r = require('./work.js').run('$1', $SECONDS_PER);
console.log(JSON.stringify(r));" 2>>"$R/node.log") | fields
}
# The best of the rounds' "answers|items|seconds" (most items a second).
best() {
	awk -F'|' '$3 > 0 { r = $2 / $3; if (r > b) { b = r; l = $0 } }
	    $0 == "timeout" && l == "" { l = "timeout" }
	    END { print (l == "" ? "n/a" : l) }'
}

declare -A got
for w in $WORKLOADS; do
	for t in fnpool baseline node; do
		got[$t.$w]=""
	done
done
for round in $(seq 1 "$ROUNDS"); do
	for w in $WORKLOADS; do
		got[fnpool.$w]+=$(fnpool_once "$FNPOOL" "$w")$'\n'
		if [ -n "$BASELINE" ] && [[ ${got[baseline.$w]} != *timeout* ]]; then
			got[baseline.$w]+=$(fnpool_once "$BASELINE" "$w")$'\n'
		fi
		got[node.$w]+=$(node_once "$w")$'\n'
	done
done

# rate FIELDS UNIT: items a second (MB/s for lines), or the failure
rate() {
	case $1 in
	n/a|timeout|memory_limit|'') echo "${1:-n/a}"; return ;;
	esac
	awk -F'|' -v w="$2" '{ r = $2 / $3; if (w == "lines") r *= 1.048576;
	    printf (w == "lines" ? "%.1f" : "%.0f"), r }' <<<"$1"
}
# "wrong" when answers are not those of Node for the same chunks
check() {
	local a=${1%%|*} n=${2%%|*}
	case $1 in *'|'*) ;; *) return ;; esac
	case $2 in *'|'*) ;; *) return ;; esac
	[[ "$n " == "$a "* ]] || echo " (answers differ from Node's)"
}
ratio() {	# two significant digits below 10
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 <= 0 || b + 0 <= 0)
	    printf "n/a"; else if (a / b >= 10) printf "%.0f", a / b;
	    else if (a / b >= 1) printf "%.1f", a / b; else printf "%.2g", a / b }'
}
engine() { "$1" invoke -c "$R/fnpool.ini" /engine 2>/dev/null | tail -n1; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# fnpool regex benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $load"
echo "# fnpool: $FNPOOL ($("$FNPOOL" -v 2>/dev/null | head -1); engine: $(engine "$FNPOOL"))"
if [ -n "$BASELINE" ]; then
	echo "# baseline: $BASELINE ($("$BASELINE" -v 2>/dev/null | head -1); engine: $(engine "$BASELINE"))"
else
	echo "# baseline: none (set REGEX_BASELINE to another fnpool binary)"
fi
echo "# node $(node -v 2>/dev/null || echo none); best of $ROUNDS round(s) of ${SECONDS_PER}s; timeout $TIMEOUT"
echo
printf '| workload | fnpool | baseline | Node | fnpool / baseline | fnpool / Node |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
declare -A what=(
	[email]="validator isEmail, 10,000 addresses (per second)"
	[html5email]="WHATWG e-mail pattern, 10,000 addresses (per second)"
	[url]="validator isURL + RFC 3986 split, 10,000 URLs (per second)"
	[lines]='1 MiB split by /\r?\n/ (MB/s)')
met=1
for w in $WORKLOADS; do
	f=$(best <<<"${got[fnpool.$w]}")
	b=$(best <<<"${got[baseline.$w]}")
	n=$(best <<<"${got[node.$w]}")
	[ -z "$BASELINE" ] && b=n/a
	fr=$(rate "$f" "$w"); br=$(rate "$b" "$w"); nr=$(rate "$n" "$w")
	fx=$(check "$f" "$n"); bx=$(check "$b" "$n")
	vs=$(ratio "$fr" "$br")
	[ "$br" = timeout ] && [ "$fr" != timeout ] && vs="baseline did not finish"
	printf '| %s | %s%s | %s%s | %s | %s | %s |\n' "${what[$w]}" "$fr" "$fx" \
	    "$br" "$bx" "$nr" "$vs" "$(ratio "$fr" "$nr")"
	case $vs in
	"baseline did not finish") [ -z "$fx" ] || met=0 ;;
	n/a) met=0 ;;
	*) awk -v v="$vs" 'BEGIN { exit !(v >= 5) }' && [ -z "$fx" ] || met=0 ;;
	esac
done
echo
if [ -n "$BASELINE" ]; then
	echo "Target, fnpool ≥ 5 × the baseline on every workload with Node's answers: $([ $met = 1 ] && echo met || echo '**not met**')"
fi
