#!/bin/bash
# bench/build.sh BUILDDIR: a cold `fnpool build` of a 20-function app with
# 10 dependencies (the packages of tests/fixtures/build/packages, installed
# by test_build_packages.sh in BUILDDIR/tests/build-packages).  Prints the
# wall time of one build into a fresh DEST, in a fresh Node process.
set -eu
build=$(realpath "${1:?usage: bench/build.sh BUILDDIR}")
src=$(cd "$(dirname "$0")/.." && pwd)
modules=$build/tests/build-packages/node_modules
[ -d "$modules" ] || { echo "run test_build_packages.sh first ($modules)" >&2; exit 1; }
export FNPOOL_BUILD_DIR=$src/tools/build XDG_CACHE_HOME=$build/tests/build-cache
t=$(mktemp -d /tmp/fnpool-bench-build.XXXXXX)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/src/api"
ln -s "$modules" "$t/src/node_modules"
deps=(lodash dayjs validate.js slugify bcryptjs crypto-js js-sha256 nanoid uuid date-fns)
for i in $(seq 1 20); do
	a=${deps[$(( i % 10 ))]} b=${deps[$(( (i + 3) % 10 ))]}
	cat >"$t/src/api/f$i.ts" <<TS
import * as a from '$a';
import * as b from '$b';

interface Reply { n: number; keys: string[] }

export default async function handler(ctx: { query: Record<string, string> }): Promise<Reply> {
	const { n = '$i' } = ctx.query;
	await Promise.resolve();
	return { n: Number(n), keys: [...Object.keys(a), ...Object.keys(b)].slice(0, 3) };
}
TS
done
cd "$t"
start=$(date +%s%N)
"$build/src/fnpool" build src out
echo "cold build: $(( ($(date +%s%N) - start) / 1000000 )) ms (20 functions, 10 dependencies, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg))"
