#!/usr/bin/env bash
# Real photographs and real video for the replay-logo tests and the bench, taken from Debian's opencv-doc package
# (OpenCV's sample data, BSD/Apache-licensed): vtest.avi (a real camera's video of people walking through a hall:
# a moving crowd) and photographs (a building, fruit, a baboon, a room, graffiti, a Leuven square, a chess board).
# Nothing is committed: the files land in target/test-scenes/. Usage: bench/fetch-test-scenes.sh [target-dir]
set -euo pipefail
dir="${1:-$(dirname "$0")/../target/test-scenes}"
data=usr/share/doc/opencv-doc/examples/data
files=(vtest.avi building.jpg fruits.jpg baboon.jpg home.jpg graf1.png leuvenA.jpg board.jpg)
exec bash "$(dirname "$0")/deb-files.sh" opencv-doc "$dir" "${files[@]/#/$data/}"
