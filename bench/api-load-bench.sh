#!/usr/bin/env bash
# The submit API under a steady load: signed RPC submits over HTTP and JSON submits over JMS (persistent send,
# JobId answered on JMSReplyTo), at each RATE a second for SECONDS each, on the embedded defaults (H2, embedded
# Artemis) and on PostgreSQL (a throwaway cluster from Debian's server, installed when missing).
#   bench/api-load-bench.sh [rates] [seconds]        (default 500 submits/s, 20 s; rates comma separated: 300,500)
# Env: BACKENDS (default embedded,postgresql), CHANNELS (default http,jms), WARMUP (seconds, default 5),
# SERVICE_JAVA_OPTS (extra JVM options of the service, e.g. a JFR recording), MVN_FLAGS (e.g. -o: offline),
# REUSE_BUILD=1 (skip the build: target/ and bench/work/cp.txt are current), BUILD_DIR (with REUSE_BUILD=1: run
# the build kept in BUILD_DIR/classes, BUILD_DIR/test-classes and BUILD_DIR/cp.txt instead, with its own routes
# (BUILD_DIR/classes/routes, where the build copies ./routes: the service reads routes from files, so the working
# tree's would run otherwise), to compare two builds in alternating runs).
# Two JVMs per backend: io.courtside.scale.SubmitLoadBench runs one API-only instance (no worker takes jobs), with
# the per-key rate limit and the queued-jobs bound raised; io.courtside.scale.SubmitLoadClient sends the load from
# its own JVM (so the client's work is not the service's) and prints per backend, channel and rate: submits due,
# accepted, errors, sustained submits/s, p50/p99/max latency (from when each submit was due), the service JVM's CPU
# time per accepted submit and the load average. The service then checks that every accepted JobId is in the
# database and on the job queue (exit 1 when one is missing), and prints where a submit's time went: percentiles of
# the courtside.api.served and courtside.api.submit.group.* timers (served on its Tomcat thread or JMS consumer,
# waiting for a group, the group's insert, the group's broker commit; warm-up and every rate together) and its GC
# pauses (-Xlog:gc, bench/work/api-load-<backend>-gc.log, start-up included). Goal: p99 under 20 ms at 500/s.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${1:-500}
SECS=${2:-20}
WORK=bench/work
mkdir -p "$WORK"

if [[ ",${BACKENDS:-embedded,postgresql}," == *,postgresql,* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian's PostgreSQL server"; $sudo apt-get update -qq && $sudo apt-get install -y -qq postgresql
fi

# Online: a fresh clone has neither the dependencies nor the dependency plugin yet. Errors are shown, not hidden.
if [ "${REUSE_BUILD:-0}" != 1 ] || [ ! -f "$WORK/cp.txt" ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} test-compile
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
fi
ROUTES_DIR=""
if [ -n "${BUILD_DIR:-}" ]; then
  CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/cp.txt")"
  if [ -d "$BUILD_DIR/classes/routes" ]; then ROUTES_DIR="$BUILD_DIR/classes/routes"; fi
else
  CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
fi
status=0
IFS=, read -r -a backends <<<"${BACKENDS:-embedded,postgresql}"
for backend in "${backends[@]}"; do
  ready="$WORK/api-load-$backend.ready"
  accepted="$WORK/api-load-$backend.accepted"
  rm -f "$ready" "$accepted" "$accepted.done"
  # The service's own log goes to a file; it is shown when the bench fails.
  # shellcheck disable=SC2086
  gclog="$WORK/api-load-$backend-gc.log"
  rm -f "$gclog"
  java -Xmx1g -Xlog:gc:file="$gclog" ${SERVICE_JAVA_OPTS:-} -Dbench.backend="$backend" -Dbench.ready-file="$ready" \
    -Dbench.accepted-file="$accepted" -Dbench.routes-dir="$ROUTES_DIR" -cp "$CP" io.courtside.scale.SubmitLoadBench >"$WORK/api-load-$backend.log" 2>&1 &
  service=$!
  while [ ! -f "$ready" ]; do
    if ! kill -0 "$service" 2>/dev/null; then
      tail -n 40 "$WORK/api-load-$backend.log" >&2; echo "the $backend service did not start" >&2; exit 1
    fi
    sleep 1
  done
  read -r port broker pid <"$ready"
  client=0
  java -Xmx512m -Dbench.backend="$backend" -Dbench.http-port="$port" -Dbench.broker-url="$broker" \
    -Dbench.service-pid="$pid" -Dbench.rates="$RATES" -Dbench.seconds="$SECS" -Dbench.warmup-seconds="${WARMUP:-5}" \
    -Dbench.channels="${CHANNELS:-http,jms}" -Dbench.accepted-file="$accepted" -cp "$CP" \
    io.courtside.scale.SubmitLoadClient >"$WORK/api-load-$backend-client.log" 2>&1 || client=$?
  if [ "$client" -ne 0 ]; then
    # The service waits for the client's list of accepted JobIds: without one it has nothing to check.
    kill "$service" 2>/dev/null || true
  fi
  wait "$service" && served=0 || served=$?
  grep -hE '^(bench|result)' "$WORK/api-load-$backend-client.log" "$WORK/api-load-$backend.log" || true
  # The service's GC pauses (start-up included): each one holds every submit in flight.
  awk -v backend="$backend" '/Pause/ { ms = $NF; sub("ms", "", ms); n++; total += ms; if (ms > 5) over++;
      if (ms > longest) longest = ms }
    END { printf "result %-10s gc pauses %d, over 5 ms %d, longest %.1f ms, total %.0f ms\n", backend, n, over,
      longest, total }' "$gclog" 2>/dev/null || true
  if [ "$client" -ne 0 ] || [ "$served" -ne 0 ]; then
    tail -n 40 "$WORK/api-load-$backend-client.log" "$WORK/api-load-$backend.log" >&2
    echo "api load bench failed on $backend (client exit $client, service exit $served)" >&2
    status=1
  fi
done
exit "$status"
