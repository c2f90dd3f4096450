#!/bin/sh
# Copies the web client's third-party bundles from node_modules into DEST
# (web/vendor for the service, the nginx image's vendor/ in web/Dockerfile).
#
# Redoc's sidebar credits ("API docs by Redocly") load a logo from
# cdn.redoc.ly. The pages load nothing from other hosts and their
# Content-Security-Policy would refuse it (a violation on every visit of
# /docs/), so the copy shows a blank inline image there instead: the one
# reference to another host in the bundle. Fails if the bundle changed so
# that the reference is no longer found.
#
# usage: .ci/vendor-web.sh NODE_MODULES DEST
set -eu
src=$1/redoc/bundles/redoc.standalone.js
dest=$2/redoc
logo='https://cdn.redoc.ly/redoc/logo-mini.svg'
blank="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/%3E"

grep -q "\"$logo\"" "$src" || {
	echo "vendor-web: $src no longer loads $logo; check the bundle for other hosts" >&2
	exit 1
}
mkdir -p "$dest"
sed "s|\"$logo\"|\"$blank\"|" "$src" >"$dest/redoc.standalone.js.new"
if cmp -s "$dest/redoc.standalone.js.new" "$dest/redoc.standalone.js"; then
	rm "$dest/redoc.standalone.js.new"
else
	mv "$dest/redoc.standalone.js.new" "$dest/redoc.standalone.js"
fi

# uPlot (the Kennzahlen charts, js/indicators/chart.js): its minified
# browser build and its style sheet, as they are. It loads nothing from
# elsewhere and sets styles through the CSSOM only (element.style, never a
# <style> element or markup), which a Content-Security-Policy does not block.
mkdir -p "$2/uplot"
for f in uPlot.iife.min.js uPlot.min.css; do
	cmp -s "$1/uplot/dist/$f" "$2/uplot/$f" || cp "$1/uplot/dist/$f" "$2/uplot/$f"
done
