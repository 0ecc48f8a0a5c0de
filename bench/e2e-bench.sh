#!/usr/bin/env bash
# The whole job end to end: bench/e2e-bench.sh [minutes] [short-minutes]   (default 20 and 1; inputs cached in
# bench/work/). Makes a game at 720p30 and 1080p30 with the FFmpeg CLI that JavaCV ships (no system ffmpeg needed):
# 2 minutes of shots of 1.6 to 7.4 s (real photographs panned by the camera, OpenCV's real video of people walking),
# temporal noise, a score bug whose score changes, pink crowd noise with a 2.5 s burst every 20 s; encoded once by
# x264 (preset veryfast, its default GOP: keyint 250, 3 B-frames, as broadcasts have them) at broadcast bitrates
# (720p 6 Mb/s, 1080p 10 Mb/s), then looped without re-encoding to the lengths asked. It runs one job (Count 2
# vertical 720x1280 outputs of at most 30 s) on each through a standalone broker, a standalone S3 server, PostgreSQL
# and the packaged jar: with one worker process (the short input, then the long one), then with two (the long game
# split in 4 ranges across them). Prints per job the stage times (fetch, analysis, selection, render, upload), the wall
# time from submit to Finished as a multiple of real time, the CPU seconds (user+sys) each process spent in each
# stage, and the peak RSS (VmHWM from /proc) of the worker processes; the short input shows that memory stays flat.
# The machine's load is printed before and after: the figures are only as quiet as the machine.
# SIZES="720" (or "1080") runs one size only; WORKER_ARGS adds arguments to the worker processes (e.g.
# "--courtside.media.stall-timeout=30m" on a machine so loaded that the stall watchdog takes slowness for a hang).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-20}
SHORT=${2:-1}
WORK=bench/work
mkdir -p "$WORK"

# REUSE_BUILD=1 runs the jar and classes copied by the previous run (a rerun on the same tree). The processes still
# read config/ and routes/ from the tree: a route edited during a bench that calls a method the copied jar lacks
# fails the job (MethodNotFoundException), so leave them alone until the bench ends.
if [ "${REUSE_BUILD:-0}" != 1 ] || [ ! -s "$WORK/e2e-courtside.jar" ]; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
  # A copy of the classes and the jar, so a build during the bench cannot pull them away.
  rm -rf "$WORK/e2e-classes" && mkdir -p "$WORK/e2e-classes" && cp -r target/classes target/test-classes "$WORK/e2e-classes/"
  cp target/courtside.jar "$WORK/e2e-courtside.jar"
fi
bash bench/fetch-test-scenes.sh "$WORK/scenes" >/dev/null
CP="$WORK/e2e-classes/test-classes:$WORK/e2e-classes/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -Dcourtside.jar="$WORK/e2e-courtside.jar"
  -Dbench.worker-args="${WORKER_ARGS:-}" -Xmx512m -cp "$CP"
  io.courtside.scale.EndToEndBench)
FFMPEG=$("${JAVA[@]}" ffmpeg)
FONT=$WORK/e2e-classes/classes/fonts/DejaVuSans-Bold.ttf

make_base() { # width height name bitrate: 2 minutes drawn by lavfi filters and encoded once
  local out=$WORK/e2e-$3-base.mp4 seconds=120
  [ -s "$out" ] && return
  local pattern=(3.0 5.2 2.4 6.0 4.4 1.6 7.4 4.0)
  local scenes=(building.jpg vtest.avi fruits.jpg leuvenA.jpg baboon.jpg home.jpg graf1.png board.jpg)
  local inputs=() graph="" total=0 n=0 len scene
  while awk "BEGIN{exit !($total < $seconds - 0.001)}"; do
    len=$(awk "BEGIN{l=${pattern[$((n % 8))]}; r=$seconds-$total; print (r<l?r:l)}")
    scene=${scenes[$(( (n * 3) % 8 ))]}
    if [[ $scene == *.avi ]]; then inputs+=(-stream_loop -1 -t "$len" -i "$WORK/scenes/$scene")
    else inputs+=(-loop 1 -framerate 30 -t "$len" -i "$WORK/scenes/$scene"); fi
    # The camera pans over a picture 1.3 times the frame, each shot in its own direction.
    graph+="[$n:v]fps=30,scale=$(($1 * 13 / 10)):$(($2 * 13 / 10)):out_range=tv,setsar=1,crop=$1:$2"
    graph+=":x='(iw-ow)*(0.5+0.5*sin(0.6*t+$n))':y='(ih-oh)*(0.5+0.5*cos(0.4*t+$n))',trim=duration=$len,setpts=PTS-STARTPTS[v$n];"
    total=$(awk "BEGIN{print $total+$len}"); n=$((n + 1))
  done
  for ((i = 0; i < n; i++)); do graph+="[v$i]"; done
  local size=$(($2 / 18)) x=$(($2 / 24))
  graph+="concat=n=$n:v=1:a=0,noise=alls=3:allf=t,drawbox=x=$x:y=$x:w=$((size * 11)):h=$((size * 3 / 2)):color=0x101830@0.85:t=fill"
  graph+=",drawtext=fontfile=$FONT:fontsize=$size:fontcolor=white:x=$((x + size / 2)):y=$((x + size / 4))"
  graph+=":text='HOME %{eif\:2*floor(t/17)+floor(t/29)\:d}   AWAY %{eif\:2*floor((t+6)/19)+floor(t/41)\:d}',format=yuv420p[v];"
  graph+="anoisesrc=c=pink:r=44100:a=0.8:d=$seconds,volume=volume='if(lt(mod(t+15,20),2.5),1,0.04)':eval=frame"
  graph+=",aformat=channel_layouts=stereo[a]"
  printf '%s' "$graph" > "$WORK/e2e-$3-graph.txt"
  "$FFMPEG" -hide_banner -loglevel error -y "${inputs[@]}" -/filter_complex "$WORK/e2e-$3-graph.txt" -map '[v]' \
    -map '[a]' -c:v libx264 -preset veryfast -b:v "$4" -maxrate "$4" -bufsize "$4" -c:a aac -b:a 128k \
    -t "$seconds" "$out.part.mp4"
  mv "$out.part.mp4" "$out"
}

make_input() { # name minutes
  local out=$WORK/e2e-$1-$2m.mp4
  [ -s "$out" ] && return
  "$FFMPEG" -hide_banner -loglevel error -y -stream_loop -1 -i "$WORK/e2e-$1-base.mp4" -t $(( $2 * 60 )) -c copy \
    "$out.part.mp4"
  mv "$out.part.mp4" "$out"
}

echo "load: $(cat /proc/loadavg) on $(nproc) cores"
for height in ${SIZES:-720 1080}; do
  case $height in 720) set -- 1280 720 6M ;; 1080) set -- 1920 1080 10M ;; *) echo "SIZES: 720 and/or 1080" >&2; exit 1 ;; esac
  started=$(date +%s)
  make_base "$1" "$2" "p$2" "$3"
  make_input "p$2" "$MINUTES"
  make_input "p$2" "$SHORT"
  echo "inputs p$2 ready in $(( $(date +%s) - started )) s (cached in $WORK)"
  split=$(( MINUTES * 60 / 4 ))
  # One installation per worker count; its jobs run one after another, short input first: a worker's peak RSS
  # (VmHWM, the peak of its life) after the long one shows whether memory grows with the input's length.
  for run in "1 0 $SHORT $MINUTES" "2 $split $MINUTES"; do
    set -- $run
    inputs=(); for m in "${@:3}"; do inputs+=("$WORK/e2e-p$height-${m}m.mp4"); done
    "${JAVA[@]}" run "$1" "$2" "${inputs[@]}" 2>"$WORK/e2e.log" | grep --line-buffered '^E2E' \
      || { tail -n 40 "$WORK/e2e.log" >&2; exit 1; }
  done
done
echo "load: $(cat /proc/loadavg)"
