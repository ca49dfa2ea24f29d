#!/bin/bash
# Deploy by copying files while requests flow: replace, add and delete
# files, then swap the whole root (a symlink re-pointed).  No request may
# fail, and new code must be served within a second.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"

# put FILE CONTENT: an atomic replace, as docs/deploy.md recommends.
put() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1.tmp.$$"
	mv -f "$1.tmp.$$" "$1"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# served_within MS PATH WANT: polls until PATH answers WANT (status and
# body; "404*" matches a 404 with any body), at most MS milliseconds;
# prints the milliseconds it took.
served_within() {
	local limit=$1 path=$2 want=$3 start r
	start=$(now_ms)
	while :; do
		r=$(http "$path")
		if [[ $r == $want ]]; then
			echo $(($(now_ms) - start))
			return 0
		fi
		[ $(($(now_ms) - start)) -gt "$limit" ] && { echo "timeout: $r"; return 1; }
	done
}

R1=$T/releases/r1
put "$R1/v.js" "var version = require('./_lib/version');
module.exports = function () { return 'v' + version.n; };"
put "$R1/_lib/version.js" "exports.n = 1;"
put "$R1/stable.js" "var pad = require('pad'); module.exports = function () { return pad('s', 3); };"
put "$R1/node_modules/pad/index.js" "module.exports = function (s, n) { while (s.length < n) s = '-' + s; return s; };"
put "$R1/gone.js" "module.exports = function () { return 'still here'; };"
ln -s releases/r1 "$T/current"

cat >"$T/fnpool.ini" <<INI
[global]
log_level = info

[deploy]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $T/current
workers = 2
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
is "$(http /v)" $'200\nv1' "release 1 answers"

# The load: two clients, each bounded in requests and in time.
client() {	# client N PATH
	local i end=$((SECONDS + 60))
	for i in $(seq 1 3000); do
		[ -e "$T/stop" ] || [ "$SECONDS" -ge "$end" ] && break
		curl -s --max-time 10 --unix-socket "$T/nginx.sock" \
		    -w '\t%{http_code}\n' "http://fnpool.test$2" >>"$T/load.$1" ||
		    echo "curl failed $?" >>"$T/load.$1"
	done
}
client 1 /v & c1=$!
client 2 /stable & c2=$!
client 3 /v & c3=$!
has_load() { [ "$(cat "$T"/load.* 2>/dev/null | wc -l)" -ge 30 ]; }
check "requests are flowing" wait_for 100 has_load

# 1. A dependency changes.
put "$T/current/_lib/version.js" "exports.n = 2;"
ms=$(served_within 1000 /v $'200\nv2')
check "a changed dependency is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null

# 2. The entry file changes.
put "$T/current/v.js" "var version = require('./_lib/version');
module.exports = function () { return 'v' + version.n + '-new'; };"
ms=$(served_within 1000 /v $'200\nv2-new')
check "a changed entry file is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null

# 3. A function is added, in a new directory too.
put "$T/current/added.js" "module.exports = function () { return 'added'; };"
ms=$(served_within 1000 /added $'200\nadded')
check "an added function is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null
mkdir "$T/current/newdir"
put "$T/current/newdir/deep.js" "module.exports = function () { return require('../_lib/version').n; };"
ms=$(served_within 1000 /newdir/deep $'200\n2')
check "a function in a new directory is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null

# 4. A function is deleted.
is "$(http /gone)" $'200\nstill here' "the function to delete answers"
rm "$T/current/gone.js"
ms=$(served_within 1000 /gone '404*')
check "a deleted function answers 404 within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null

# 5. A package under node_modules changes.
put "$T/current/node_modules/pad/index.js" "module.exports = function (s, n) { while (s.length < n) s = '+' + s; return s; };"
ms=$(served_within 1000 /stable $'200\n++s')
check "a changed package is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null

# 6. The whole root is swapped: a new release, then the symlink re-pointed.
cp -a "$R1" "$T/releases/r2"
put "$T/releases/r2/_lib/version.js" "exports.n = 'r2';"
ln -s releases/r2 "$T/current.new"
mv -T "$T/current.new" "$T/current"
ms=$(served_within 1000 /v $'200\nvr2-new')
check "a swapped root is served within a second (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null
check "the swap is logged" grep -q "functions root is now $T/releases/r2" "$T/fnpool.log"
put "$T/releases/r2/_lib/version.js" "exports.n = 'r2b';"
ms=$(served_within 1000 /v $'200\nvr2b-new')
check "changes inside the new release are followed (${ms} ms)" test "${ms%% *}" -le 1000 2>/dev/null
put "$R1/_lib/version.js" "exports.n = 'old';"
r=$(http /v)
is "$r" $'200\nvr2b-new' "the old release no longer matters"

touch "$T/stop"
wait "$c1" "$c2" "$c3"
total=$(cat "$T"/load.* | wc -l)
bad=$(cat "$T"/load.* | awk -F'\t' '$2 != "200"' | wc -l)
diag "$total requests during the deploys"
check "requests flowed during the whole deploy ($total)" test "$total" -ge 50
is "$bad" "0" "no request failed during the deploys"
[ "$bad" = 0 ] || cat "$T"/load.* | awk -F'\t' '$2 != "200"' | sort | uniq -c | head | sed 's/^/#   /'
r=$(cat "$T/load.1" "$T/load.3" | cut -f1 | sort -u | tr '\n' ' ')
like "$r" '^(v1 )?(v2 )?(v2-new )?(vr2-new )?(vr2b-new )?$' "every /v answer was one of the deployed versions"
r=$(cut -f1 "$T/load.2" | sort -u | tr '\n' ' ')
like "$r" '^(\+\+s )?(--s )?$' "every /stable answer was one of the deployed versions"
