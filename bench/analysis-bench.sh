#!/usr/bin/env bash
# The whole analysis chain (a replay logo and a player's face registered) against plain FFmpeg decoding, same
# files, same run.   bench/analysis-bench.sh [seconds]   (default 180 s per input; inputs cached in bench/work/)
# Generates 720p and 1080p synthetic games with ground truth (io.courtside.demo.SyntheticGame through
# io.courtside.analysis.AnalysisBench: cuts, dissolves, flashes, crowd bursts, replays framed by an animated
# semi-transparent logo, the registered face and strangers' faces), re-encodes them with temporal noise at
# broadcast bitrates (decode cost grows with bitrate), then times for each `ffmpeg -i IN -an -f null -` and the chain,
# interleaved, after one warm-up each, RUNS times each (env RUNS, default 3, at least 3), and prints min and
# median of each, fps, the chain/ffmpeg time ratio at min and at median, the chain's peak RSS, and
# precision/recall per signal. A shorter 1080p input is run too, to show that memory does not grow with length.
# MODES=none,non-reference,bidirectional times each setting of courtside.analysis.decode.skip-frames in the same
# interleaved runs (wall and CPU, user+sys, each against the same ffmpeg runs), with each one's accuracy and whether
# its timeline is the first mode's; default: the setting config/application.yaml holds. ONLY=game720,game1080 runs
# only those inputs (and no score games or footage: SCORES=1 adds the score games).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LONG=${1:-180}
SECONDS_SHORT=$(( SECONDS_LONG / 3 ))
WORK=bench/work
mkdir -p "$WORK"

if ! command -v ffmpeg >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian's ffmpeg"; $sudo apt-get update -qq && $sudo apt-get install -y -qq ffmpeg
fi
bash bench/fetch-test-faces.sh

# Online through the Maven Wrapper: a fresh clone has neither Maven nor the dependency plugin yet.
# Errors are shown, not hidden.
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
# A copy of the classes, so a build during the bench cannot pull them away.
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes" && cp -r target/classes target/test-classes "$WORK/classes/"
CP="$WORK/classes/test-classes:$WORK/classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Dbench.runs="${RUNS:-3}" -Dbench.modes="${MODES:-}"
  -Xmx512m -cp "$CP"
  io.courtside.analysis.AnalysisBench)

# The registrations: the generator's replay logo and the player's photo (target/test-faces/astronaut.png).
"${JAVA[@]}" logo "$WORK/logo.png"

make_input() { # width height seconds name bitrate
  local out=$WORK/$4.mp4 raw=$WORK/$4.raw.mp4
  [ -s "$out" ] && [ -s "$WORK/$4.json" ] && return
  "${JAVA[@]}" generate "$raw" "$WORK/$4.json" "$1" "$2" "$3"
  ffmpeg -hide_banner -loglevel error -y -i "$raw" -vf "noise=alls=3:allf=t" -c:v libx264 -preset veryfast \
    -b:v "$5" -maxrate "$5" -bufsize "$5" -g 50 -pix_fmt yuv420p -c:a copy "$out"
  rm -f "$raw"
}
wanted() { [[ " ${ONLY:-game720 game1080 game1080short} " == *" $1 "* ]]; }
if wanted game720; then make_input 1280 720 "$SECONDS_LONG" game720 6M; fi
if wanted game1080; then make_input 1920 1080 "$SECONDS_LONG" game1080 10M; fi
if wanted game1080short; then make_input 1920 1080 "$SECONDS_SHORT" game1080short 10M; fi

for name in ${ONLY:-game720 game1080 game1080short}; do
  [ -s "$WORK/$name.mp4" ] || { echo "no input $name" >&2; exit 1; }
  # FFmpeg's and JavaCPP's chatter goes to a log; it is shown when a run fails.
  "${JAVA[@]}" run "$WORK/$name.mp4" "$WORK/$name.json" "$WORK/logo.png" target/test-faces/astronaut.png \
    2>"$WORK/$name.log" || { tail -n 40 "$WORK/$name.log" >&2; echo "analysis bench failed on $name" >&2; exit 1; }
done

# The score bug: footage made with a design the tests do not use, encoded as the games above (precision/recall of the
# states, the final score, time against ffmpeg) at 720p and 1080p, then the real clips in ../shared/footage when that
# folder is there (never committed, never needed: see its README).
if [ -n "${ONLY:-}" ] && [ -z "${SCORES:-}" ]; then exit 0; fi
for size in "1280 720" "1920 1080"; do
  set -- $size
  "${JAVA[@]}" scores "$WORK/scores$2-broadcast.mp4" "$1" "$2" 2>"$WORK/scores$2.log" \
    || { tail -n 40 "$WORK/scores$2.log" >&2; echo "score bench failed at $2" >&2; exit 1; }
done
if [ -d ../shared/footage ] && [ -z "${ONLY:-}" ]; then
  "${JAVA[@]}" footage ../shared/footage/*.mp4 ../shared/footage/*.mov 2>"$WORK/footage.log" \
    || { tail -n 40 "$WORK/footage.log" >&2; echo "footage bench failed" >&2; exit 1; }
fi
