#!/usr/bin/env bash
# Checks that docker/compose.yaml is a valid compose file (no Docker daemon needed).
# Uses `docker compose` (v2) if present, else `docker-compose`; installs Debian's docker-compose if neither.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq docker-compose
  fi
  compose=(docker-compose)
fi

# An empty env file, so a local docker/.env does not take part in the check.
empty_env="$(mktemp)"
trap 'rm -f "$empty_env"' EXIT

# Dummy values for the required secrets; exported variables win over any .env file anyway.
export COURTSIDE_BROKER_PASSWORD=dummy-broker
export COURTSIDE_S3_ROOT_USER=dummy-root
export COURTSIDE_S3_ROOT_PASSWORD=dummy-root-secret
export COURTSIDE_S3_ACCESS_KEY=dummy-access
export COURTSIDE_S3_SECRET_KEY=dummy-secret
export COURTSIDE_DB_PASSWORD=dummy-db
"${compose[@]}" --env-file "$empty_env" -f docker/compose.yaml config -q

# A required secret left unset must stop compose.
if env -u COURTSIDE_DB_PASSWORD "${compose[@]}" --env-file "$empty_env" -f docker/compose.yaml config -q 2>/dev/null; then
  echo "compose file accepted a missing COURTSIDE_DB_PASSWORD" >&2
  exit 1
fi

# Published ports listen on loopback only; every image names a version.
if grep -nE '^\s*-\s*"?[0-9]+:[0-9]+' docker/compose.yaml; then
  echo "compose file publishes a port on every interface: prefix it with 127.0.0.1:" >&2
  exit 1
fi
if grep -nE '^\s*image:\s*[^:]+$|^\s*image:.*:latest' docker/compose.yaml | grep -v 'courtside:local'; then
  echo "compose file has an image without a version tag" >&2
  exit 1
fi
# The app's store key is not MinIO's administrator.
if env -u COURTSIDE_S3_ROOT_PASSWORD "${compose[@]}" --env-file "$empty_env" -f docker/compose.yaml config -q 2>/dev/null; then
  echo "compose file accepted a missing COURTSIDE_S3_ROOT_PASSWORD" >&2
  exit 1
fi

echo "compose file valid"
