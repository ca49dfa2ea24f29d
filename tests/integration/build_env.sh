# build_env.sh: sourced after lib.sh by the fnpool build tests.  Points
# `fnpool build` at the source tree's script and installs its compiler
# (pinned by tools/build/package-lock.json) once per build tree, in
# BUILDDIR/tests/build-cache, shared by the tests that need it.

command -v node >/dev/null || skip_all "Node.js not installed: apt-get install nodejs npm"
command -v npm >/dev/null || skip_all "npm not installed: apt-get install npm"
export FNPOOL_BUILD_DIR="$SRCDIR/tools/build"
export XDG_CACHE_HOME="$BUILDDIR/tests/build-cache"
unset FNPOOL_BUILD_MODULES FNPOOL_NODE

# npm_ci DIR: installs DIR's package-lock.json; skips the test when the
# registry cannot be reached.
npm_ci() {
	(cd "$1" && npm ci --no-audit --no-fund --ignore-scripts) >"$T/npm.log" 2>&1 ||
	    npm_failed "npm ci in $1"
}

npm_failed() {
	grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network' "$T/npm.log" &&
	    skip_all "npm registry unreachable ($(grep -m1 -oE 'E[A-Z]+' "$T/npm.log"))"
	cat "$T/npm.log" >&2
	echo "Bail out! $1 failed"
	exit 1
}

# The compiler, as a user gets it: fnpool build --install (npm ci).
build_cache=$XDG_CACHE_HOME/fnpool/build-$(node -p "require('$FNPOOL_BUILD_DIR/package.json').version")
if ! [ -d "$build_cache/node_modules/@swc/core" ] ||
    ! cmp -s "$build_cache/package-lock.json" "$FNPOOL_BUILD_DIR/package-lock.json"; then
	"$FNPOOL" build --install >"$T/npm.log" 2>&1 || npm_failed "fnpool build --install"
fi
