#!/usr/bin/env bash
# Analysis speed against plain FFmpeg decoding, same files, same run.
#   bench/analysis-bench.sh [seconds]     (default 120 s per input; inputs are cached in bench/work/)
# Generates 720p and 1080p H.264/AAC inputs with a cut every 4 s (brightness/contrast jumps), a dip to black at 19.5 s and noise, times
# `ffmpeg -i IN -an -f null -` and the analysis chain (io.courtside.analysis.AnalysisBench) on each,
# and prints fps, the chain/ffmpeg ratio and peak RSS of both.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LONG=${1:-120}
WORK=bench/work
mkdir -p "$WORK"

if ! command -v ffmpeg >/dev/null; then
  echo "installing Debian's ffmpeg"; sudo apt-get update -qq && sudo apt-get install -y -qq ffmpeg
fi

make_input() { # size name bitrate: a moving test pattern whose brightness jumps every 4 s, a dip to black, temporal noise
  local size=$1 out=$WORK/$2.mp4 rate=$3
  [ -s "$out" ] && return
  echo "generating $out ($size, ${SECONDS_LONG} s)"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=$size:rate=30,eq=eval=frame:brightness=0.25*sin(3*floor(t/4))-max(0\,1-2*abs(t-19.5)):contrast=1+0.4*cos(5*floor(t/4)),noise=alls=3:allf=t" \
    -f lavfi -i "anoisesrc=color=pink:amplitude=0.05:sample_rate=48000" \
    -t "$SECONDS_LONG" -c:v libx264 -preset veryfast -b:v "$rate" -maxrate "$rate" -bufsize "$rate" -g 60 -pix_fmt yuv420p -c:a aac -b:a 128k "$out"
}
# Broadcast-like bitrates: decode cost grows with bitrate, so noise must not inflate it.
make_input 1280x720 in720 6M
make_input 1920x1080 in1080 10M

mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"

for name in in720 in1080; do
  in=$WORK/$name.mp4
  frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$in")
  start=$(date +%s.%N)
  ffbench=$(ffmpeg -hide_banner -nostats -benchmark -i "$in" -an -f null - 2>&1 | grep -o 'maxrss=[0-9]*k\?i\?B' || true)
  ff=$(echo "$(date +%s.%N) - $start" | bc)
  out=$(java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Xmx512m -cp "$CP" io.courtside.analysis.AnalysisBench "$in" 2>/dev/null | grep '^chain')
  echo "$out"
  chain=$(echo "$out" | grep 'run 2' | sed -E 's/.* in ([0-9.]+) s = .*/\1/')
  printf '%s: %s frames; ffmpeg %.2f s = %.0f fps (%s); chain %.2f s = %.0f fps; chain/ffmpeg speed %.2f; %s\n' \
    "$name" "$frames" "$ff" "$(echo "$frames / $ff" | bc -l)" "$ffbench" "$chain" "$(echo "$frames / $chain" | bc -l)" \
    "$(echo "$ff / $chain" | bc -l)" "$(echo "$out" | grep 'peak RSS')"
done
