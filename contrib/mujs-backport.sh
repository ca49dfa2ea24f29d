#!/bin/bash
# mujs-backport.sh OUTDIR: builds Debian 13 (trixie)'s mujs source package
# on Debian 12 the Debian way -- apt-get source, dpkg-buildpackage -- and
# leaves libmujs3_*.deb and libmujs-dev_*.deb in OUTDIR.  fnpool needs
# MuJS 1.3.6 or newer; Debian 12 ships 1.3.2 (README.md, "MuJS 1.3.6 on
# Debian 12").  Run as root: it installs the build dependencies and adds
# a deb-src entry for trixie while it runs.  `make deb-mujs` and
# tests/setup-deps.sh call it.
set -euo pipefail
out=$(realpath "${1:?usage: mujs-backport.sh OUTDIR}")
[ -d "$out" ] || { echo "mujs-backport: $out: not a directory" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "mujs-backport: run as root (apt-get)" >&2; exit 2; }

# The archive's versions (madison leaves out what dpkg has installed).
for v in $(apt-cache madison libmujs3 | awk -F' *[|] *' '{ print $2 }'); do
	if dpkg --compare-versions "$v" ge 1.3.6; then
		echo "mujs-backport: not needed: this release has libmujs3 $v (apt-get install libmujs3)"
		exit 0
	fi
done
echo "mujs-backport: building Debian 13's mujs for this machine"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    dpkg-dev debhelper libreadline-dev >/dev/null
src_list=/etc/apt/sources.list.d/fnpool-trixie-src.sources
work=$(mktemp -d /tmp/fnpool-mujs.XXXXXX)
finish() {
	rm -f "$src_list"
	apt-get update -qq || true
	rm -rf "$work"
}
trap finish EXIT
cat >"$src_list" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt-get update -qq
chmod 755 "$work"
(
	cd "$work"
	apt-get source -qq mujs/trixie >/dev/null 2>&1
	cd mujs-*/
	dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1 ||
	    { tail -20 "$work/build.log" >&2; exit 1; }
)
cp "$work"/libmujs3_*.deb "$work"/libmujs-dev_*.deb "$out"/
echo "mujs-backport: $(cd "$out" && ls libmujs3_*.deb libmujs-dev_*.deb | tr '\n' ' ')in $out"
