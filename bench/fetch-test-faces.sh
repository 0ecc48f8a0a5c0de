#!/usr/bin/env bash
# Face pictures for the player-recognition tests and the bench, taken from Debian's python3-skimage package
# (scikit-image's sample data, BSD-licensed): astronaut.png (Eileen Collins, the registered player) and
# lfw_subset.npy (small Labeled Faces in the Wild crops, the unregistered faces). Nothing is committed: the
# files land in target/test-faces/. Usage: bench/fetch-test-faces.sh [target-dir]
set -euo pipefail
dir="${1:-$(dirname "$0")/../target/test-faces}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [[ -s "$dir/astronaut.png" && -s "$dir/lfw_subset.npy" ]]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download python3-skimage >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download python3-skimage >/dev/null
fi
dpkg-deb -x python3-skimage_*.deb x
data=x/usr/lib/python3/dist-packages/skimage/data
cp "$data/astronaut.png" "$data/lfw_subset.npy" "$dir/"
echo "test faces in $dir"
