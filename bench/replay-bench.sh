#!/usr/bin/env bash
# Replay logos on real-looking and real footage (io.courtside.analysis.ReplayBench).
#   bench/replay-bench.sh [scenes]   (default 6 cluttered scenes; work files in bench/work/replay, not committed)
# 1. Cluttered scenes over real photographs and a real crowd video (bench/fetch-test-scenes.sh, Debian's
#    opencv-doc), crowd and ad-board clutter, look-alike shapes, the logo 10-30 % of the width and 70-90 % opaque,
#    growing or sliding, two slowed replays each, and the same scenes without the logo and with the logo's design
#    in other colours: precision and recall of logo appearances and replays, false replays without the logo. The
#    scenes take eight designs in turn (shield, banner, emblem as the tests; a pill, a hexagon badge,
#    a ring outline, a triangle and a two-colour diamond no test uses: scenes 6-8 take the last three).
# 2. When ../shared/footage is there (real broadcast clips, never committed; see its README): false replays on
#    each clip with a registered logo that is not in it, and a real broadcast built from two of them with one
#    logo-framed slowed replay (found exactly, ends within 0.6 s?); analysis time against
#    `ffmpeg -i IN -an -f null -`, interleaved, RUNS (default 3) runs each after one warm-up, min and median
#    (TIME=broadcast times only the built broadcast).
# REUSE=true analyses the scene files an earlier run wrote instead of writing them again (same scenes, same truth).
set -euo pipefail
cd "$(dirname "$0")/.."
SCENES=${1:-6}
WORK=bench/work/replay
mkdir -p "$WORK"
bash bench/fetch-test-scenes.sh
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes" && cp -r target/classes target/test-classes "$WORK/classes/"
CP="$WORK/classes/test-classes:$WORK/classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dorg.bytedeco.javacpp.cachedir=bench/work/javacpp -Dbench.runs="${RUNS:-3}" -Dbench.time="${TIME:-all}"
  -Dscene.reuse="${REUSE:-false}" -Xmx3g -cp "$CP"
  io.courtside.analysis.ReplayBench)
"${JAVA[@]}" scenes "$SCENES" "$WORK/scenes" 2>"$WORK/scenes.log" | grep -v "^  " \
  || { tail -n 40 "$WORK/scenes.log" >&2; exit 1; }
if [ -d ../shared/footage ]; then
  "${JAVA[@]}" footage ../shared/footage "$WORK/footage" 2>"$WORK/footage.log" \
    || { tail -n 40 "$WORK/footage.log" >&2; exit 1; }
fi
