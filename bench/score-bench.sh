#!/usr/bin/env bash
# The score bug on real broadcast clips and on bug designs no test uses.
#   bench/score-bench.sh [FOOTAGE_DIR]   (default ../shared/footage; that part runs only when the folder is there)
# 1. Each clip named in bench/score-footage.txt (what its bug shows, read by eye; the clips themselves are never in
#    git) is analysed once: what Courtside read (region, teams, every state and its time) beside what it shows.
# 2. Three designs made only here (io.courtside.analysis.ScoreBench designs), at 720p: score-state precision and
#    recall (score, columns and time within 1 s) and the final score.
# For the time against ffmpeg's decode see bench/analysis-bench.sh (AnalysisBench scores / footage).
set -euo pipefail
cd "$(dirname "$0")/.."
FOOTAGE=${1:-../shared/footage}
WORK=bench/work
mkdir -p "$WORK"
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
rm -rf "$WORK/score-classes" && mkdir -p "$WORK/score-classes" && cp -r target/classes target/test-classes "$WORK/score-classes/"
CP="$WORK/score-classes/test-classes:$WORK/score-classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Xmx512m -cp "$CP" io.courtside.analysis.ScoreBench)
if [ -d "$FOOTAGE" ]; then
  "${JAVA[@]}" footage bench/score-footage.txt "$FOOTAGE"
else
  echo "no footage folder at $FOOTAGE: real clips skipped"
fi
"${JAVA[@]}" designs "$WORK/score-designs" 1280 720
