#!/bin/bash
# deploy.sh: copy a release of functions to every fnpool host and switch
# each host to it atomically (see docs/scaling.md).
#
#   contrib/deploy.sh ./functions host1 host2 ...
#
# On each host, releases live in /srv/fnpool/releases/<id> and the pool's
# `functions` setting points at the symlink /srv/fnpool/functions.  The
# switch is a rename of a new symlink over the old one, which is atomic:
# every request sees either the old release or the new one, never a mix.
set -euo pipefail
src=${1:?usage: deploy.sh DIR HOST...}
shift
base=${FNPOOL_DEPLOY_BASE:-/srv/fnpool}
id=$(date -u +%Y%m%dT%H%M%SZ)

for host in "$@"; do
	echo "deploy: $host: copying release $id"
	rsync -a --delete "$src/" "$host:$base/releases/$id/"
done
for host in "$@"; do
	echo "deploy: $host: switching to $id"
	ssh "$host" "ln -sfn releases/$id $base/functions.new && mv -T $base/functions.new $base/functions"
done
echo "deploy: release $id is live on $# host(s)"
