# Shared settings for the infrastructure launcher. Sourced, never run.
# Everything fetched lives in the cache (outside git); everything a running part writes
# lives in the state folder. Versions are pinned here and only here.
set -euo pipefail

INFRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$INFRA_ROOT/../.." && pwd)"
CACHE_DIR="${MARKET_CACHE_DIR:-$HOME/.cache/marketplace}"
STATE_DIR="${MARKET_STATE_DIR:-$REPO_ROOT/.data}"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"

DAPR_VERSION="1.18.0"
KAFKA_VERSION="4.1.1"
SCALA_VERSION="2.13"
ELASTIC_VERSION="8.19.21"
KEYCLOAK_VERSION="26.4.7"
STRIPE_MOCK_VERSION="v0.203.0"
# MinIO tags its releases RELEASE.<date>, which Go cannot name: this is the module's
# pseudo-version for its newest commit that `go list -m ...@latest` gave (2026-02-12).
MINIO_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"
MAILDEV_VERSION="2.2.1"

JAVA17_HOME="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

mkdir -p "$CACHE_DIR" "$STATE_DIR" "$LOG_DIR" "$PID_DIR"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'infra: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"; }
