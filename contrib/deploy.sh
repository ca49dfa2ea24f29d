#!/bin/bash
# deploy.sh: copy a release of functions to every fnpool host, check it
# there, and switch each host to it atomically (see docs/deploy.md and
# docs/scaling.md).
#
#   contrib/deploy.sh ./functions host1 host2 ...
#
# On each host, releases live in /srv/fnpool/releases/<id> and the pool's
# `functions` setting points at the symlink /srv/fnpool/functions.  Before
# any host is switched, `fnpool check` loads every function of the new
# release on every host, with that host's configuration (its pool's
# isolation, env and limits); when a function fails on any host, no host
# is switched and the copied releases are removed.  The switch is a
# rename of a new symlink over the old one, which is atomic: every
# request sees either the old release or the new one, never a mix.
#
# Environment: FNPOOL_DEPLOY_BASE (default /srv/fnpool),
# FNPOOL_DEPLOY_CONFIG (the hosts' fnpool.ini, default
# /etc/fnpool/fnpool.ini), FNPOOL_DEPLOY_POOL (default: the first pool),
# FNPOOL_DEPLOY_FNPOOL (the fnpool command on the hosts, default fnpool).
set -euo pipefail
src=${1:?usage: deploy.sh DIR HOST...}
shift
[ $# -gt 0 ] || { echo "usage: deploy.sh DIR HOST..." >&2; exit 2; }
base=${FNPOOL_DEPLOY_BASE:-/srv/fnpool}
config=${FNPOOL_DEPLOY_CONFIG:-/etc/fnpool/fnpool.ini}
fnpool=${FNPOOL_DEPLOY_FNPOOL:-fnpool}
pool=${FNPOOL_DEPLOY_POOL:+-p $(printf %q "$FNPOOL_DEPLOY_POOL")}
id=$(date -u +%Y%m%dT%H%M%SZ)
release=$base/releases/$id

q() { printf %q "$1"; }

for host in "$@"; do
	echo "deploy: $host: copying release $id"
	rsync -a --delete "$src/" "$host:$release/"
done
failed=
for host in "$@"; do
	echo "deploy: $host: checking release $id"
	if ! ssh "$host" "$(q "$fnpool") check -c $(q "$config") ${pool:-} $(q "$release")"; then
		failed="$failed $host"
	fi
done
if [ -n "$failed" ]; then
	for host in "$@"; do
		ssh "$host" "rm -rf $(q "$release")" || true
	done
	echo "deploy: fnpool check failed on$failed: no host switched;" \
	    "release $id removed" >&2
	exit 1
fi
for host in "$@"; do
	echo "deploy: $host: switching to $id"
	# A host's first release replaces an empty directory (the Debian
	# package makes /srv/fnpool/functions one); rmdir refuses a full one.
	f=$(q "$base/functions")
	ssh "$host" "{ [ -L $f ] || [ ! -d $f ] || rmdir $f; } && ln -sfn releases/$id $(q "$base/functions.new") && mv -T $(q "$base/functions.new") $f"
done
echo "deploy: release $id is live on $# host(s)"
