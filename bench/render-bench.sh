#!/usr/bin/env bash
# Render speed against the equivalent ffmpeg CLI filtergraph, same plan, same run.
#   bench/render-bench.sh [seconds]     (default 60 s of 1080p input; cached in bench/work/)
# Env: RUNS (timed runs of each side, default 3), CLIP_SECONDS (length of each of the 5 clips, default 4).
# Generates a 1080p30 H.264/AAC input (moving test pattern, noise, pink-noise audio), then
# io.courtside.render.RenderBench renders a 5-clip, 20 s vertical 1080x1920 highlight with commentary (moving crop
# following the action, burned-in captions and title card, 0.3 s dips, FreeTTS voice-over ducking the game audio,
# loudnorm) with Courtside and with Debian's ffmpeg (one filter_complex, libx264 veryfast CRF 23 High, AAC 128k,
# +faststart): one warm-up each, then the two interleaved, RUNS times each (env RUNS, default 3, at least 3); prints
# every run, min and median of each side, the Courtside/CLI time ratio at min and at median (goal <= 1.1) and
# peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LONG=${1:-60}
WORK=bench/work
mkdir -p "$WORK"

if ! command -v ffmpeg >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian's ffmpeg"; $sudo apt-get update -qq && $sudo apt-get install -y -qq ffmpeg
fi

in=$WORK/render-in1080-${SECONDS_LONG}s.mp4
if [ ! -s "$in" ]; then
  echo "generating $in (1920x1080, ${SECONDS_LONG} s)"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=3:allf=t" \
    -f lavfi -i "anoisesrc=color=pink:amplitude=0.05:sample_rate=48000" \
    -t "$SECONDS_LONG" -c:v libx264 -preset veryfast -b:v 10M -maxrate 10M -bufsize 10M -g 60 -pix_fmt yuv420p \
    -c:a aac -b:a 128k "$in"
fi

# Online through the Maven Wrapper: a fresh clone has neither Maven nor the dependency plugin yet.
# Errors are shown, not hidden.
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
# FFmpeg's and JavaCPP's chatter goes to a log; it is shown when the bench fails.
java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Dbench.runs="${RUNS:-3}" \
  -Dbench.clip-seconds="${CLIP_SECONDS:-4}" -Xmx768m -cp "$CP" \
  io.courtside.render.RenderBench "$in" "$WORK/render-out" "$(command -v ffmpeg)" 2>"$WORK/render.log" \
  | grep -E '^(speech|courtside|ffmpeg-cli|result)' \
  || { tail -n 40 "$WORK/render.log" >&2; echo "render bench failed" >&2; exit 1; }
for f in courtside ffmpeg-cli; do
  printf '%s: ' "$f"
  ffprobe -v error -show_entries stream=codec_name,profile,width,height,pix_fmt,r_frame_rate,sample_rate,channels \
    -show_entries format=duration -of compact=p=0:nk=1 "$WORK/render-out/$f.mp4" | tr '\n' ' '
  echo
done
