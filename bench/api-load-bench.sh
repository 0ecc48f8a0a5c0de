#!/usr/bin/env bash
# The submit API under a steady load: signed RPC submits over HTTP and JSON submits over JMS (persistent send,
# JobId answered on JMSReplyTo), at RATE a second for SECONDS each, on the embedded defaults (H2, embedded Artemis)
# and on PostgreSQL (a throwaway cluster from Debian's server, installed when missing).
#   bench/api-load-bench.sh [rate] [seconds]        (default 500 submits/s, 20 s)
# Env: BACKENDS (default embedded,postgresql), WARMUP (seconds, default 5).
# io.courtside.scale.SubmitLoadBench runs one API-only instance (no worker takes jobs) in its JVM, with the per-key
# rate limit and the queued-jobs bound raised; prints per backend and channel: submits due, accepted, errors,
# sustained submits/s, p50/p99/max latency (from when each submit was due), the CPU time per accepted submit (whole
# JVM, and the service's threads alone), then whether every accepted JobId is in the database and on the job queue
# (exit 1 when one is missing). Goal: p99 under 20 ms at 500 submits/s.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-500}
SECS=${2:-20}
WORK=bench/work
mkdir -p "$WORK"

if [[ ",${BACKENDS:-embedded,postgresql}," == *,postgresql,* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian's PostgreSQL server"; $sudo apt-get update -qq && $sudo apt-get install -y -qq postgresql
fi

# Online: a fresh clone has neither the dependencies nor the dependency plugin yet. Errors are shown, not hidden.
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
# The service's own log goes to a file; it is shown when the bench fails.
java -Xmx1g -Dbench.rate="$RATE" -Dbench.seconds="$SECS" -Dbench.warmup-seconds="${WARMUP:-5}" \
  -Dbench.backends="${BACKENDS:-embedded,postgresql}" -cp "$CP" \
  io.courtside.scale.SubmitLoadBench >"$WORK/api-load.log" 2>&1 \
  && status=0 || status=$?
grep -E '^(bench|result)' "$WORK/api-load.log" || true
if [ "$status" -ne 0 ]; then
  tail -n 40 "$WORK/api-load.log" >&2
  echo "api load bench failed (exit $status)" >&2
  exit "$status"
fi
