#!/usr/bin/env bash
# Face pictures for the player-recognition tests and the bench, taken from Debian's python3-skimage package
# (scikit-image's sample data, BSD-licensed): astronaut.png (Eileen Collins, the registered player) and
# lfw_subset.npy (small Labeled Faces in the Wild crops, the unregistered faces). Nothing is committed: the
# files land in target/test-faces/. Usage: bench/fetch-test-faces.sh [target-dir]
set -euo pipefail
dir="${1:-$(dirname "$0")/../target/test-faces}"
data=usr/lib/python3/dist-packages/skimage/data
exec bash "$(dirname "$0")/deb-files.sh" python3-skimage "$dir" "$data/astronaut.png" "$data/lfw_subset.npy"
