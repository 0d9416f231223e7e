#!/usr/bin/env bash
# Builds the release app and writes it as one self-contained HTML file (wasm, script, stylesheet
# and icon inside; it asks for no other file and works opened from disk):
#
#   scripts/single-file.sh OUT.html
#
# Sets up what is missing first (scripts/setup.sh serve). The release build (dist/) holds the
# same file under a content-hashed name, which the hosted app offers as "Download this app as one
# file"; this copies it to OUT.html. LENS_CONNECT_SRC works as for `trunk build --release` (the
# file's Content-Security-Policy allows AWS's endpoints and those origins, nothing else).
set -euo pipefail
[ $# -eq 1 ] && [ -n "$1" ] || { echo "usage: scripts/single-file.sh OUT.html" >&2; exit 2; }
out="$(realpath -m "$1")"
case "$out" in *.html) ;; *) echo "single-file: $1 must end in .html" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" serve
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release --offline --skip-version-check
# index.html names the file (<link id=lens-one-file>, written by scripts/post_build.py).
name="$(sed -n 's|.*id=lens-one-file href="\./\([^"]*\.html\)".*|\1|p' dist/index.html)"
[ -n "$name" ] && [ -f "dist/$name" ] || { echo "single-file: the release build wrote no one-file build (dist/index.html names none)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cp "dist/$name" "$out"
echo "single-file: $out ($(stat -c %s "$out") bytes; it asks for no other file)"
