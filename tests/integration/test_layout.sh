#!/bin/bash
# The source tree's rules (tests/layout/check.sh): folders by process role,
# the master never includes js/ or http/, no include cycles between
# folders or units, and docs/ARCHITECTURE.md names every source file.
# Each rule is also shown to fail, on a copy of src/ broken on purpose.
set -u
SRCDIR=${SRCDIR:?set SRCDIR to the source tree}
CHECK="$SRCDIR/tests/layout/check.sh"
INDEX="$SRCDIR/docs/ARCHITECTURE.md"
T=$(mktemp -d /tmp/fnpool-layout.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0 failed=0
ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

out=$(bash "$CHECK" "$SRCDIR/src" "$INDEX" 2>&1)
if [ -z "$out" ]; then ok "the tree keeps every rule"
else not_ok "the tree keeps every rule"; printf '#   %s\n' "$out"; fi

for d in core shm http js worker master; do
	if [ -d "$SRCDIR/src/$d" ]; then ok "src/$d exists"; else not_ok "src/$d exists"; fi
done

# broken DESCRIPTION EXPECTED-OUTPUT-REGEX EDIT-COMMAND...: the check must
# fail on a fresh copy of src/ after EDIT, saying EXPECTED.
broken() {
	local desc=$1 want=$2 out rc; shift 2
	rm -rf "$T/src" && cp -r "$SRCDIR/src" "$T/src" && cp "$INDEX" "$T/index.md"
	(cd "$T/src" && "$@")
	out=$(bash "$CHECK" "$T/src" "$T/index.md" 2>&1); rc=$?
	if [ "$rc" -ne 0 ] && [[ $out =~ $want ]]; then ok "$desc"
	else not_ok "$desc"; printf '#   %s\n' "exit $rc" "$out"; fi
}
prepend() { sed -i "1i $2" "$1"; }

broken "a master file including a js/ header fails" \
    'master/master.c: the master includes js/runtime.h' \
    prepend master/master.c '#include "js/runtime.h"'
broken "a master file including an http/ header fails" \
    'master/pool.c: the master includes http/router.h' \
    prepend master/pool.c '#include "http/router.h"'
broken "core including worker/ (a cycle between folders) fails" \
    'include cycle between folders: .*core' \
    prepend core/log.c '#include "worker/serve.h"'
broken "two units including each other fail" \
    'include cycle between units: .*core/buf' \
    prepend core/log.h '#include "core/buf.h"'
broken "a function of fnpool's named js_* fails" \
    "core/buf.c:[0-9]+:js_mine: in MuJS's js_ namespace" \
    sed -i '$ a int\njs_mine(void)\n{\n\treturn 0;\n}' core/buf.c
broken "an include that names no folder fails" \
    'names no folder' \
    prepend core/buf.c '#include "log.h"'
broken "an include of a missing header fails" \
    'no such file' \
    prepend core/buf.c '#include "core/nothere.h"'
broken "a source file missing from docs/ARCHITECTURE.md fails" \
    'core/newthing.c is not named' \
    touch core/newthing.c
broken "a file named in docs/ARCHITECTURE.md but gone fails" \
    'names core/buf.c, which is not under' \
    rm core/buf.c

echo "1..$n"
[ "$failed" -eq 0 ]
