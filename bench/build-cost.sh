#!/bin/bash
# bench/build-cost.sh BUILDDIR: what a function compiled by fnpool build
# costs per request against the same handler written by hand in ES5
# (bench/build-cost/: a synchronous pair and an async/await one, whose
# ES5 twin uses Promise chains): instructions per request, counted by
# bench/profile.sh (callgrind).  Needs the build's compiler (run
# test_build.sh first, or `fnpool build --install`).
set -eu
build=$(realpath "${1:?usage: bench/build-cost.sh BUILDDIR}")
src=$(cd "$(dirname "$0")/.." && pwd)
export FNPOOL_BUILD_DIR=$src/tools/build XDG_CACHE_HOME=$build/tests/build-cache
t=$(mktemp -d /tmp/fnpool-bench-cost.XXXXXX)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/src" "$t/functions"
cp "$src"/bench/build-cost/*.ts "$t/src/"
(cd "$t" && "$build/src/fnpool" build src out >/dev/null)
cp -rL "$t/out/." "$t/functions/"
cp "$src"/bench/build-cost/*-es5.js "$t/functions/"
uris=
for f in sync sync-es5 async async-es5; do
	got=$("$build/src/fnpool" invoke --functions "$t/functions" "/$f?id=1" | tail -1)
	[ "$got" = '{"title":"first (2 tags)","owner":"ada","tags":["a","b","json"]}' ] ||
	    { echo "build-cost: /$f answered $got" >&2; exit 1; }
	uris+=" /fnpool/$f?id=1"
done
FNPOOL=$build/src/fnpool FCGI_CLIENT=$build/tests/helpers/fcgi_client \
    PROFILE_FUNCTIONS=$t/functions PROFILE_N=${PROFILE_N:-2000} \
    PROFILE_URIS=$uris bash "$src/bench/profile.sh"
