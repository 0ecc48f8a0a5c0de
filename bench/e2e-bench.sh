#!/usr/bin/env bash
# The whole job end to end: bench/e2e-bench.sh [minutes] [short-minutes]   (default 20 and 1; inputs cached in
# bench/work/). Makes a synthetic game at 720p30 and 1080p30 (io.courtside.scale.EndToEndBench generate: 2 minutes
# drawn, re-encoded by x264 with its default GOP (keyint 250, 3 B-frames, preset veryfast) at broadcast bitrates,
# then looped without re-encoding to the length asked), and runs one job (Count 2 vertical 720x1280 outputs of at
# most 30 s) on each through a standalone broker, a standalone S3 server, PostgreSQL and the packaged jar: with one
# worker process, then with two (the game split in 4 ranges across them). Prints per run the analysis, selection,
# render and upload times, the wall time from submit to Finished as a multiple of real time, and the peak RSS
# (VmHWM from /proc) of the worker processes and their job JVMs; the short input shows that memory stays flat.
# The machine's load (other processes) is printed first: the figures are only as quiet as the machine.
# SIZES="720" (or "1080") runs one size only.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-20}
SHORT=${2:-1}
WORK=bench/work
mkdir -p "$WORK"
command -v ffmpeg >/dev/null || { echo "needs the ffmpeg CLI (Debian: apt-get install ffmpeg)" >&2; exit 1; }

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
rm -rf "$WORK/e2e-classes" && mkdir -p "$WORK/e2e-classes" && cp -r target/classes target/test-classes "$WORK/e2e-classes/"
cp target/courtside.jar "$WORK/e2e-courtside.jar"
CP="$WORK/e2e-classes/test-classes:$WORK/e2e-classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Dcourtside.jar="$WORK/e2e-courtside.jar" -Xmx512m -cp "$CP"
  io.courtside.scale.EndToEndBench)

make_input() { # width height minutes name bitrate
  local out=$WORK/e2e-$4-$3m.mp4 base=$WORK/e2e-$4-base.mp4 raw=$WORK/e2e-$4.raw.mp4
  [ -s "$out" ] && return
  if [ ! -s "$base" ]; then
    "${JAVA[@]}" generate "$raw" "$1" "$2" 120
    # x264's default GOP: B-frames as broadcasts have them.
    ffmpeg -hide_banner -loglevel error -y -i "$raw" -c:v libx264 -preset veryfast -b:v "$5" -maxrate "$5" \
      -bufsize "$5" -pix_fmt yuv420p -c:a aac -b:a 128k "$base"
    rm -f "$raw"
  fi
  local loops=$(( ($3 * 60 + 119) / 120 - 1 ))
  ffmpeg -hide_banner -loglevel error -y -stream_loop "$loops" -i "$base" -t $(( $3 * 60 )) -c copy "$out"
}

echo "load: $(cat /proc/loadavg) on $(nproc) cores"
# SIZES="720" or "1080" runs one size only (both by default).
for height in ${SIZES:-720 1080}; do
  case $height in 720) set -- 1280 720 6M ;; 1080) set -- 1920 1080 10M ;; *) echo "SIZES: 720 and/or 1080" >&2; exit 1 ;; esac
  make_input "$1" "$2" "$MINUTES" "p$2" "$3"
  make_input "$1" "$2" "$SHORT" "p$2" "$3"
  ffprobe -v error -select_streams v:0 -show_entries stream=width,height,r_frame_rate,has_b_frames,bit_rate \
    -of csv=p=0 "$WORK/e2e-p$2-${MINUTES}m.mp4" | sed "s/^/input p$2 (width,height,fps,has_b_frames,bitrate): /"
  split=$(( MINUTES * 60 / 4 ))
  "${JAVA[@]}" run "$WORK/e2e-p$2-${MINUTES}m.mp4" 1 0 "${2}p ${MINUTES} min" 2>"$WORK/e2e.log" | grep '^E2E' \
    || { tail -n 40 "$WORK/e2e.log" >&2; exit 1; }
  "${JAVA[@]}" run "$WORK/e2e-p$2-${MINUTES}m.mp4" 2 "$split" "${2}p ${MINUTES} min" 2>"$WORK/e2e.log" | grep '^E2E' \
    || { tail -n 40 "$WORK/e2e.log" >&2; exit 1; }
  "${JAVA[@]}" run "$WORK/e2e-p$2-${SHORT}m.mp4" 1 0 "${2}p ${SHORT} min" 2>"$WORK/e2e.log" | grep '^E2E' \
    || { tail -n 40 "$WORK/e2e.log" >&2; exit 1; }
done
echo "load: $(cat /proc/loadavg)"
