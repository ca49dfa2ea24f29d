#!/bin/bash
# The npm packages users tried (tests/fixtures/build/packages, pinned by
# its package-lock.json), compiled by fnpool build and each exercised by a
# function through nginx.  The expected bodies were computed by Node 20
# running the same source files (as ES modules) and are written below.
# A package that fnpool cannot run is reported as TODO with the reason.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
. "$(dirname "$0")/build_env.sh"

PK="$SRCDIR/tests/fixtures/build/packages"
modules=$BUILDDIR/tests/build-packages
if ! cmp -s "$modules/package-lock.json" "$PK/package-lock.json" ||
    ! [ -d "$modules/node_modules" ]; then
	mkdir -p "$modules"
	cp "$PK/package.json" "$PK/package-lock.json" "$modules/"
	npm_ci "$modules"
fi

# name, then the body Node answered (JSON strings).
EXPECTED=$(cat <<'TSV'
bcryptjs	"{\"right\":true,\"wrong\":false,\"made\":60}"
crypto-js	"{\"sha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"hmac\":\"ECkAtyt78QMe7Ha0gEtmBSN2iWs=\",\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"}"
date-fns	"{\"next\":\"2024-02-29\",\"leap\":true,\"days\":301}"
dayjs	"{\"iso\":\"2024-03-01T10:20:30.000Z\",\"leap\":29,\"diff\":69,\"start\":\"2024-02-01\",\"valid\":false}"
joi	"{\"good\":true,\"value\":{\"user\":\"ada99\",\"year\":1990},\"bad\":[\"string.alphanum\",\"string.min\",\"number.min\"]}"
js-sha256	"{\"sha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"sha224\":\"d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f\",\"hmac\":\"2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628\"}"
jsonwebtoken	"{\"token\":\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJhZG1pbiI6dHJ1ZX0.LG5jqWCrAAWbUMv6IIF_kHEjmYwSQrtDQajAELdwFLs\",\"payload\":{\"sub\":\"ada\",\"admin\":true},\"bad\":\"invalid signature\"}"
lodash	"{\"chunk\":[[1,2],[3,4],[5]],\"group\":{\"3\":[\"one\",\"two\"],\"5\":[\"three\"]},\"deep\":{\"a\":{\"b\":1,\"c\":2}},\"template\":\"hi ada\",\"camel\":\"fooBarBaz\",\"uniq\":[{\"x\":1},{\"x\":2}]}"
markdown-it	"<h1>Title</h1>\n<p>Some <em>emphasis</em> and <code>code</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
nanoid	"{\"length\":21,\"urlSafe\":true,\"digits\":true,\"unique\":true}"
sanitize-html	"<p>Hi <b>there</b> <a>l</a></p>"
slugify	"{\"plain\":\"Hello-World-and-Friends!\",\"lower\":\"ca-va-tres-bien\"}"
uuid	"{\"v4\":4,\"v5\":\"cbcebdea-1707-59f4-ac6a-c5fc237379ae\"}"
validate	"{\"bad\":{\"email\":[\"Email is not a valid email\"],\"age\":[\"Age must be an integer\"]},\"good\":null}"
zod	"{\"ok\":true,\"data\":{\"name\":\"ada\",\"age\":36,\"tags\":[]},\"bad\":false,\"paths\":[\"name:too_small\",\"age:too_small\"]}"
TSV
)

# Why a package fails (docs/javascript.md, "npm packages and fnpool
# build"): a TODO that starts to pass is an XPASS, which fails the test
# until it leaves this list.
declare -A TODO=(
	[zod]="BigInt, which MuJS does not have, when it loads"
)

mkdir -p "$T/app"
cp -r "$PK/src" "$T/app/src"
ln -s "$modules/node_modules" "$T/app/src/node_modules"
cd "$T/app" || exit 1
"$FNPOOL" build src out >"$T/build.out" 2>&1
is "$?" 0 "fnpool build of the 15 packages' functions"
diag "$(cat "$T/build.out")"

cat >"$T/fnpool.ini" <<INI
[global]
pid = $T/fnpool.pid

[packages]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $T/app/out
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

passed=0
while IFS=$'\t' read -r name json; do
	want=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]))' "$json")
	# sanitize-html's first request loads entities' decode tables, which
	# loop charCodeAt over a 24 kB string: MuJS copies a string each time
	# it looks up a method on it, so that load takes 8 s here and more on
	# a loaded machine (docs/javascript.md, "Engine limits").
	got=$(http --max-time 60 "/$name")
	if [ "$got" = "$(printf '200\n%s' "$want")" ]; then
		passed=$((passed + 1))
		ok "$name${TODO[$name]:+ # TODO ${TODO[$name]}}"
	elif [ -n "${TODO[$name]:-}" ]; then
		tap_n=$((tap_n + 1))	# a known failure: reported, not counted
		echo "not ok $tap_n - $name # TODO ${TODO[$name]}"
		diag "got:  $got" "want: $want"
		grep -m1 -F "$name.js" "$T/fnpool.log" | cut -c1-400 | sed 's/^/#   /'
	else
		not_ok "$name"
		diag "got:  $got" "want: $want"
		grep -m1 -F "$name.js" "$T/fnpool.log" | cut -c1-400 | sed 's/^/#   /'
	fi
done <<<"$EXPECTED"
diag "$passed of $(wc -l <<<"$EXPECTED") packages answer as in Node"
