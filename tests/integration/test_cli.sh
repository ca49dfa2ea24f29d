#!/bin/bash
# The command line: --help, --version, -t with file:line, bad usage.
. "$(dirname "$0")/lib.sh"

out=$("$FNPOOL" --help 2>&1)
is "$?" 0 "--help: exit status 0"
like "$out" $'\n       fnpool worker ' "--help: shows fnpool worker"
like "$out" $'\n       fnpool invoke .* PATH' "--help: shows fnpool invoke"
out=$("$FNPOOL" invoke --help 2>&1)
like "$out" "invoke: answers one request for PATH.*Exit status: 0 for a 1xx-4xx" "invoke --help explains invoke"

version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$BUILDDIR/autoconfig.h")
check "configure's version is known ($version)" test -n "$version"
is "$("$FNPOOL" --version)" "fnpool $version" "--version prints configure's version"
is "$("$FNPOOL" -v)" "fnpool $version" "-v too"

cat >"$T/good.ini" <<INI
[www]
listen = $T/www.sock
functions = $FIXTURES
$RUN_AS
INI
out=$("$FNPOOL" -t -c "$T/good.ini" 2>&1)
is "$?" 0 "-t: a valid configuration exits 0"
like "$out" "configuration $T/good.ini is valid" "-t: and says so"
check "-t starts nothing" test ! -e "$T/www.sock"

cat >"$T/bad.ini" <<INI
[global]
log_level = loud

[www]
listen = $T/www.sock
functions = $FIXTURES
workers = 0
$RUN_AS
nonsense = 1
INI
out=$("$FNPOOL" -t -c "$T/bad.ini" 2>&1)
is "$?" 1 "-t: an invalid configuration exits 1"
like "$out" "bad.ini:2: bad value 'loud' for log_level" "-t: names file:line of a bad value"
like "$out" "bad.ini:7: bad value '0' for workers: expected a whole number from 1 to 1024" \
    "-t: and of a value out of bounds, with the bounds"
like "$out" "bad.ini:9: unknown key 'nonsense' in \\[www\\]" "-t: and of an unknown key"
like "$out" "bad.ini: 3 errors" "-t: every error is reported"

out=$("$FNPOOL" -t -c "$T/missing.ini" 2>&1)
is "$?" 1 "-t: a missing file exits 1"
like "$out" "$T/missing.ini: No such file or directory" "-t: and names it"

out=$("$FNPOOL" --frobnicate 2>&1)
is "$?" 2 "an unknown option exits 2"
like "$out" "unrecognized option '--frobnicate'" "and says which"
out=$("$FNPOOL" frobnicate 2>&1)
is "$?" 2 "an unknown command exits 2"
like "$out" "unexpected argument 'frobnicate'" "and says which"
