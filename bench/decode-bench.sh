#!/usr/bin/env bash
# The skipping decoder (io.courtside.media.SkippingDecoder: non-reference frames skipped, or every B-frame skipped,
# gaps filled in exactly on demand) against `ffmpeg -i IN -an -f null -` and `ffmpeg -skip_frame bidir -i IN -an -f
# null -`, the same class decoding every frame, and the grabber the analysis pass decodes with today, interleaved
# after one warm-up each, RUNS times each (env RUNS, default 3), min and median of wall and CPU seconds; what filling
# in one gap costs in each mode (io.courtside.media.SkippingDecoderBench).
#   bench/decode-bench.sh [seconds]   (default 60 s per input; inputs cached in bench/work/decode/)
# Inputs: testsrc2 with temporal noise, x264 veryfast (1 reference frame: no P-frame refers to a B-frame, so skipping
# B-frames is exact), 3 B-frames in a pyramid, GOP 50: 720p 6 Mb/s, 1080p 10 Mb/s.
# MVN_FLAGS=-o builds offline. Errors are shown, not hidden.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
WORK=bench/work/decode
mkdir -p "$WORK"
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_FLAGS:-} test-compile
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
# A copy of the classes, so a build during the bench cannot pull them away.
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes" && cp -r target/classes target/test-classes "$WORK/classes/"
CP="$WORK/classes/test-classes:$WORK/classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dbench.runs="${RUNS:-3}" -Xmx512m -cp "$CP" io.courtside.media.SkippingDecoderBench)
for input in "1280 720 6M" "1920 1080 10M"; do
  set -- $input
  out="$WORK/decode$2-$SECS.mp4"
  [ -s "$out" ] || "${JAVA[@]}" make "$out" "$1" "$2" "$SECS" "$3"
done
"${JAVA[@]}" run "$WORK/decode720-$SECS.mp4" "$WORK/decode1080-$SECS.mp4"
