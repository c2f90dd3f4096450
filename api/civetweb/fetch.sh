#!/bin/sh
# Fetches CivetWeb's source from Debian's own source package, checks it,
# applies the project's patches (api/civetweb/*.patch, in name order) and
# leaves the result in var/civetweb/civetweb-1.15, which the Makefile
# compiles into the binary. Why CivetWeb is compiled in instead of linking
# Debian's libcivetweb: the README, "Where CivetWeb comes from".
#
# apt-get fetches with a private source list and private lists under
# var/civetweb/apt: the system's apt configuration is neither read for
# sources nor changed. Runs again only when a patch or this script changed;
# once fetched, it works without network.
set -eu

VERSION=1.15+dfsg-4 # Debian 12 (bookworm), the version libcivetweb1 has
ORIG=civetweb_1.15+dfsg.orig.tar.xz
ORIG_SHA256=ec372e9737bc820118bbb735f46a07d41f795814ca0f38bc6e67048e7a460f33

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
base="$root/var/civetweb"
apt="$base/apt"
out="$base/civetweb-1.15"

# what the unpacked tree was made from: this script and the patches
stamp=$(cat "$here/fetch.sh" $(ls "$here"/*.patch 2>/dev/null) | sha256sum | cut -d' ' -f1)
if [ -f "$out/.teilhabe-stamp" ] && [ "$(cat "$out/.teilhabe-stamp")" = "$stamp" ]; then
	touch "$out/src/civetweb.c" # up to date: tell make so
	exit 0
fi

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$ORIG_SHA256" ]; }

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/download"
if ! sha_ok "$apt/download/$ORIG"; then
	echo "civetweb: fetching Debian's source package civetweb=$VERSION"
	cat >"$apt/src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
	set -- -q -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts="$apt" \
		-o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache"
	apt-get "$@" update >/dev/null
	# apt checks the files against the signed Sources index
	# Should Debian replace this revision (a security update), the archive
	# keeps only the new one: take it, as its upstream tarball is the same
	# 1.15 source, checked against the pinned SHA-256 below either way.
	(cd "$apt/download" &&
		{ apt-get "$@" source --download-only "civetweb=$VERSION" >/dev/null 2>&1 ||
			apt-get "$@" source --download-only civetweb/bookworm >/dev/null; })
	sha_ok "$apt/download/$ORIG" || {
		echo "civetweb: $ORIG does not have the pinned SHA-256" >&2
		exit 1
	}
fi

rm -rf "$out.tmp" "$out"
mkdir -p "$out.tmp"
tar -xJf "$apt/download/$ORIG" -C "$out.tmp" --strip-components=1
for p in "$here"/*.patch; do
	[ -e "$p" ] || continue
	echo "civetweb: applying $(basename "$p")"
	patch -p1 -s --fuzz=0 --no-backup-if-mismatch -d "$out.tmp" <"$p"
done
echo "$stamp" >"$out.tmp/.teilhabe-stamp"
mv "$out.tmp" "$out"
