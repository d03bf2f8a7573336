#!/usr/bin/env bash
# Benchmark of the tracer-bullet read path (`npm run bench`): GET /users/<id> with a real
# Keycloak token, (1) straight to the user app, (2) through the user's own daprd, and
# (3) through the public ingress and two sidecars (ingress → its daprd → user's daprd → app),
# all in one run at 50 connections; then the resident memory of an idle app and an idle daprd.
# Prints a Markdown report and writes it to results/tracer-bullet.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source packages/infra/lib/common.sh
source packages/infra/lib/process.sh
apt_need wrk wrk

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-50}
out=packages/bench/results/tracer-bullet.md

bash packages/infra/infra.sh up postgres redis kafka keycloak smtp >/dev/null
npx turbo run build --output-logs=errors-only >/dev/null
# One client address sends every request here: lift the per-IP limit for the run.
RATE_LIMIT_PER_MINUTE=1000000000 LOG_LEVEL=warn node packages/infra/platform.mjs up >/dev/null
node --import tsx packages/infra/src/seed-demo.ts >/dev/null
trap 'node packages/infra/platform.mjs down >/dev/null' EXIT

token=$(curl -fsS -X POST http://127.0.0.1:18080/realms/marketplace/protocol/openid-connect/token \
  -d grant_type=password -d client_id=market-tests -d client_secret=market-tests-dev-secret \
  -d username=customer@marketplace.local -d password=demo-password | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
id=$(curl -fsS -H "authorization: Bearer $token" http://127.0.0.1:3101/users/me | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')

run() { # name url
  curl -fsS -o /dev/null -H "authorization: Bearer $token" "$2" || { echo "bench: $1 does not answer 200" >&2; exit 1; }
  wrk -t2 -c10 -d3s -H "authorization: Bearer $token" "$2" >/dev/null # warm up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $token" "$2" | awk -v name="$1" '
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$4}
    END {printf "| %s | %.0f | %s | %s | %s |\n", name, rps, p50, p99, (bad == "" ? 0 : bad)}'
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

{
  echo "# Tracer-bullet read path"
  echo
  echo "\`GET /users/<id>\` with a Keycloak access token (JWT verified by the app against the cached"
  echo "realm JWKS, one Postgres read). wrk, $CONNECTIONS connections, $DURATION per row, after a 3 s warm-up;"
  echo "wrk, the apps, their sidecars and Postgres share this machine's $(nproc) cores. $(date -u +%F)."
  echo
  echo "| path | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  run "user app directly" "http://127.0.0.1:3101/users/$id"
  run "through the user's daprd (1 sidecar)" "http://127.0.0.1:3501/v1.0/invoke/user/method/users/$id"
  run "through the ingress (ingress + 2 sidecars)" "http://127.0.0.1:8080/api/user/users/$id"
  sleep 5
  app_pid=$(cat .data/pids/app-notification.pid); daprd_pid=$(cat .data/pids/app-notification-daprd.pid)
  echo
  echo "Idle resident memory (after the run, the notification app, which took no load):"
  echo
  echo "| process | RSS |"
  echo "|---|---|"
  echo "| notification app (node) | $(rss_mb "$app_pid") MB |"
  echo "| its daprd | $(rss_mb "$daprd_pid") MB |"
  echo "| user app after the load | $(rss_mb "$(cat .data/pids/app-user.pid)") MB |"
} | tee "$out"
