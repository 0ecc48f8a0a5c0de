#!/usr/bin/env bash
# Real photographs and real video for the replay-logo tests and the bench, taken from Debian's opencv-doc package
# (OpenCV's sample data, BSD/Apache-licensed): vtest.avi (a real camera's video of people walking through a hall:
# a moving crowd) and photographs (a building, fruit, a baboon, a room, graffiti, a Leuven square, a chess board).
# Nothing is committed: the files land in target/test-scenes/. Usage: bench/fetch-test-scenes.sh [target-dir]
set -euo pipefail
dir="${1:-$(dirname "$0")/../target/test-scenes}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
files=(vtest.avi building.jpg fruits.jpg baboon.jpg home.jpg graf1.png leuvenA.jpg board.jpg)
missing=0
for f in "${files[@]}"; do [[ -s "$dir/$f" ]] || missing=1; done
[[ $missing -eq 0 ]] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download opencv-doc >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download opencv-doc >/dev/null
fi
data=./usr/share/doc/opencv-doc/examples/data
dpkg-deb --fsys-tarfile opencv-doc_*.deb | tar -x "${files[@]/#/$data/}"
for f in "${files[@]}"; do cp "$data/$f" "$dir/"; done
echo "test scenes in $dir"
