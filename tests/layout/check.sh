#!/bin/bash
# check.sh SRC [INDEX]: the rules of fnpool's source tree, over its
# #include lines and its index (docs/ARCHITECTURE.md).
#
#   1. every #include of fnpool's own headers names the folder
#      ("core/log.h"; the command line's own, in src/ itself, need not),
#      so the lines below see every dependency;
#   2. the master never runs JavaScript: nothing under master/ includes a
#      js/ or http/ header;
#   3. no include cycle between folders (core, shm, http, js, worker,
#      master, cli, and the command line in src/ itself);
#   4. no include cycle between units (a unit is foo.c with its foo.h);
#   4b. no function of fnpool's is defined in MuJS's js_ namespace (nor
#      named js_* so that it reads as MuJS's API), unless it replaces
#      MuJS's own and a linker dynamic list (*.sym) exports it by name;
#   5. with INDEX: every .c and .js file under SRC is named in it by its
#      path below SRC (`master/pool.c`, in backquotes), and every path into
#      one of SRC's folders that it names exists, so the index cannot
#      drift from the tree.
#
# Prints one line per broken rule and exits 1, or prints nothing and exits
# 0.  tests/integration/test_layout.sh runs it on the tree and on copies
# broken on purpose.
set -u
export LC_ALL=C
src=${1:?usage: check.sh SRCDIR [INDEX]}
index=${2:-}
[ -z "$index" ] || index=$(realpath "$index") || exit 2
cd "$src" || exit 2
status=0

folder() { case $1 in */*) echo "${1%%/*}" ;; *) echo main ;; esac; }

units=$(mktemp) folders=$(mktemp)
trap 'rm -f "$units" "$folders"' EXIT
while IFS= read -r file; do
	from=${file%.*}
	while IFS= read -r inc; do
		case $inc in
		*/*) ;;
		*)	[ -e "$inc" ] && [ "$(folder "$file")" = main ] && continue
			echo "$file: #include \"$inc\" names no folder"
			status=1; continue ;;
		esac
		[ -e "$inc" ] || [ -e "${inc%.*}.js" ] ||
		    echo "$inc" | grep -qE '^js/(prelude\.inc|promise_js\.h)$' || {
			echo "$file: #include \"$inc\": no such file under $src"
			status=1; continue; }
		if [ "$(folder "$file")" = master ]; then
			case $inc in
			js/*|http/*)
				echo "$file: the master includes $inc (master/ must not include js/ or http/)"
				status=1 ;;
			esac
		fi
		[ "${inc%.*}" != "$from" ] && echo "$from ${inc%.*}" >>"$units"
		[ "$(folder "$inc")" != "$(folder "$file")" ] &&
		    echo "$(folder "$file") $(folder "$inc")" >>"$folders"
	done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/p' "$file")
done < <(find . -name '*.[ch]' | sed 's|^\./||' | sort)

# A function that deliberately takes the place of MuJS's own is exported
# by name in a linker dynamic list (*.sym): those names are allowed.
replaced=$(sed -n 's/^[[:space:]]*\(js_[A-Za-z0-9_]*\);.*/\1/p' \
    $(find . -name '*.sym' | sort) /dev/null)
grep -nE '^js_[A-Za-z0-9_]+\(' $(find . -name '*.c' | sort) 2>/dev/null |
    sed 's|^\./||; s/(.*//' |
    while IFS= read -r hit; do
	printf '%s\n' $replaced | grep -qx "${hit##*:}" ||
	    echo "$hit: in MuJS's js_ namespace (name it after its file)"
    done | grep . && status=1

# tsort names the members of each loop on stderr.
loops() {
	sort -u "$2" | tsort 2>&1 >/dev/null | sed -n 's/^tsort: //p' |
	    grep -v 'input contains a loop' | tr '\n' ' '
}
l=$(loops folder "$folders")
[ -n "$l" ] && { echo "include cycle between folders: $l"; status=1; }
l=$(loops unit "$units")
[ -n "$l" ] && { echo "include cycle between units: $l"; status=1; }

[ -n "$index" ] || exit $status
names=$(grep -oE '`[a-z0-9_]+(/[a-z0-9_]+)*\.(c|js)`' "$index" | tr -d '`' | sort -u)
for f in $(find . \( -name '*.c' -o -name '*.js' \) | sed 's|^\./||' | sort); do
	grep -qxF "$f" <<<"$names" ||
	    { echo "$f is not named in $index"; status=1; }
done
folders=$(find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||')
for f in $names; do
	grep -qxF "${f%%/*}" <<<"$folders" || continue	# not a source path
	[ -e "$f" ] || { echo "$index names $f, which is not under $src"; status=1; }
done
exit $status
