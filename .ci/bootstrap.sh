#!/bin/sh
# Installs what Teilhabe needs on Debian 12 and nothing more: the Debian
# packages that are missing (as root, or through sudo) and the npm packages
# of package-lock.json. Safe to run again: it only acts on what is missing.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="gcc make pkg-config libc6-dev ca-certificates curl git
 libpq-dev libjansson-dev libjwt-dev libssl-dev libargon2-dev
 postgresql-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
 libcmocka-dev chromium wrk clang-format valgrind"

# The meeting handout: browser tests read the printed PDF's text.
PACKAGES="$PACKAGES poppler-utils"

# CivetWeb is compiled in from Debian's source package (api/civetweb/fetch.sh,
# run by make): apt-get fetches it, xz and patch unpack and patch it.
PACKAGES="$PACKAGES debian-archive-keyring xz-utils patch"

# Fuzzing (make fuzz, make test): clang with libFuzzer's runtime.
PACKAGES="$PACKAGES clang libclang-rt-14-dev"

# Debian's own Node.js 18 is enough; a newer one already installed is kept.
if ! command -v node >/dev/null 2>&1; then
	PACKAGES="$PACKAGES nodejs npm"
elif ! command -v npm >/dev/null 2>&1; then
	PACKAGES="$PACKAGES npm"
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "bootstrap: installing Debian packages:$missing"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || {
			echo "bootstrap: need root or sudo to install:$missing" >&2
			exit 1
		}
		SUDO="sudo"
	fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing
fi

# npm packages, reinstalled only when the lock file changed.
if [ ! -f node_modules/.teilhabe-lock ] ||
	! cmp -s package-lock.json node_modules/.teilhabe-lock; then
	echo "bootstrap: installing npm packages"
	npm ci --no-audit --no-fund --loglevel=error
	cp package-lock.json node_modules/.teilhabe-lock
fi

# The API reference page loads Redoc from web/vendor (git-ignored).
sh .ci/vendor-web.sh node_modules web/vendor
