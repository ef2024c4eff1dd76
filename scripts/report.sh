#!/usr/bin/env bash
# Writes screenshots/report.png: the HTML report of the built-in model
# (Russia vs the United States) from the real binary, rendered by headless
# Chromium.
#
#   scripts/report.sh                              # builds with cargo, then renders
#   DETENTE_BIN=path/to/detente scripts/report.sh  # uses that binary
#
# The picture shows the first five rows of the comparison table, then the
# cruxes, the trades, the first two position maps and two charts of "How it
# may move" (two issues on which both actors move): the script hides the
# rest with added style rules (the report itself is untouched), because a
# headless screenshot has a fixed height.
#
# Needs (installed with apt-get when missing): chromium, fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/common.sh
missing=()
command -v chromium >/dev/null || missing+=(chromium)
has_font 'DejaVu Sans' || missing+=(fonts-dejavu-core)
install_missing "${missing[@]}"
find_binary

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p screenshots

"$BIN" export --left russia --right united-states --format html -o "$WORK/report.html"
HIDE='tbody tr:nth-child(n+6), figure[id^="map-"] ~ figure[id^="map-"] ~ figure[id^="map-"], figure[id^="move-"]:not(#move-alliance-choice):not(#move-spheres-of-influence) { display: none; }'
awk -v hide="$HIDE" '/<\/head>/ { print "<style>" hide "</style>" } { print }' \
    "$WORK/report.html" >"$WORK/picture.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/chromium-profile" --hide-scrollbars \
    --window-size=1100,4000 --screenshot="$PWD/screenshots/report.png" \
    "file://$WORK/picture.html" >/dev/null 2>&1 ||
    { echo "chromium failed on $WORK/picture.html" >&2; exit 1; }
echo screenshots/report.png
