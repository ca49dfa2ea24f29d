#!/bin/bash
# setup-deps.sh: installs what building and testing fnpool needs on Debian 12
# (bookworm) or newer.  Run as root; installs only what is missing.
#
# MuJS must be 1.3.6 (configure refuses others: README.md).  Debian 12
# ships 1.3.2, which is too buggy (Number('-3') is NaN, among others),
# so on Debian 12 this backports
# Debian 13's mujs source package the Debian way (contrib/mujs-backport.sh:
# apt-get source, dpkg-buildpackage) and installs the resulting
# libmujs3/libmujs-dev .debs.
set -euo pipefail

MUJS_MIN=1.3.6
PACKAGES=(build-essential autoconf automake pkg-config libfcgi-dev libinih-dev
	libpcre2-dev	# RegExp (src/js/regexp_engine.c)
	libssl-dev	# libcrypto (OpenSSL 3) for require('crypto')
	nginx-light apache2 lighttpd curl procps apache2-utils spawn-fcgi iproute2
	clang libclang-rt-dev	# libFuzzer for tests/fuzz (Debian's default clang)
	logrotate mandoc	# contrib/logrotate and man/ are tested with them
	libcurl4-openssl-dev	# fetch (src/js/builtin/fetch_curl.c)
	openssl php8.2-curl	# tests/integration/test_fetch*.sh, bench/fetch.sh
	libsqlite3-dev libpq-dev	# fnpool:db (src/js/builtin/db*.c)
	libmicrohttpd-dev	# fnpool dev's HTTP server (src/cli/dev.c)
	dpkg-dev debhelper lintian	# make deb, tests/packaging/test_deb.sh
	postgresql)		# test_db_pg.sh runs its own server (tests/integration/pg.sh)

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# fnpool build (tools/build/, tests/integration/test_build*.sh) runs on
# Node and npm: Debian's, unless the machine has them already (a Node.js
# from elsewhere brings its own npm, which Debian's npm would conflict with).
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

apt_updated=
apt_update() {
	[ -n "$apt_updated" ] && return 0
	apt-get update -qq
	apt_updated=1
}

# Web servers are installed for the tests, which start their own
# instances: keep the packages from starting system services.
no_service_starts() {
	[ -e /usr/sbin/policy-rc.d ] && return 1
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
}

if [ ${#missing[@]} -gt 0 ]; then
	echo "setup-deps: installing ${missing[*]}"
	apt_update
	policy=0
	no_service_starts && policy=1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    "${missing[@]}" >/dev/null
	[ "$policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

mujs_ok() { pkg-config --atleast-version="$MUJS_MIN" mujs 2>/dev/null; }

if mujs_ok; then
	exit 0
fi

# A release whose own archive has a new enough MuJS: just install it.
apt_update
candidate=$(apt-cache policy libmujs-dev | awk '/Candidate:/ {print $2}')
if [ -n "$candidate" ] && [ "$candidate" != "(none)" ] &&
    dpkg --compare-versions "$candidate" ge "$MUJS_MIN"; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmujs-dev >/dev/null
	mujs_ok && exit 0
fi

echo "setup-deps: backporting MuJS $MUJS_MIN+ from Debian 13 (trixie) sources"
work=$(mktemp -d /tmp/fnpool-mujs-debs.XXXXXX)
bash "$(dirname "$0")/../contrib/mujs-backport.sh" "$work" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "$work"/libmujs3_*.deb "$work"/libmujs-dev_*.deb >/dev/null
rm -rf "$work"
if ! mujs_ok; then
	echo "setup-deps: MuJS is still older than $MUJS_MIN" >&2
	exit 1
fi
echo "setup-deps: MuJS $(pkg-config --modversion mujs) installed"
