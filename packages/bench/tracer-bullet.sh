#!/usr/bin/env bash
# Benchmark of the tracer-bullet read path (`npm run bench`): GET /users/<id> with a real
# Keycloak token, (1) straight to the user app, (2) through the user's own daprd, (3) through
# the ingress's daprd (two sidecars), and (4) through the public ingress and two sidecars
# (ingress → its daprd → user's daprd → app), in one run at 50 connections:
#   - saturation: wrk, as fast as each path goes;
#   - fixed rate: src/fixed-rate.ts at $RATE requests/s, where latency is not queueing.
# Then the resident memory of an idle app and an idle daprd.
# Prints a Markdown report and writes it to results/tracer-bullet.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source packages/infra/lib/common.sh
source packages/infra/lib/process.sh
apt_need wrk wrk

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-50}
RATE=${RATE:-300}
out=packages/bench/results/tracer-bullet.md

bash packages/infra/infra.sh up postgres redis kafka keycloak smtp >/dev/null
npx turbo run build --output-logs=errors-only >/dev/null
# One client address sends every request here: restart the apps with the per-IP limit lifted.
node packages/infra/platform.mjs down >/dev/null
RATE_LIMIT_PER_MINUTE=1000000000 LOG_LEVEL=warn node packages/infra/platform.mjs up >/dev/null
trap 'node packages/infra/platform.mjs down >/dev/null' EXIT
sleep 10
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
idle_app=$(rss_mb "$(cat .data/pids/app-notification.pid)")
idle_daprd=$(rss_mb "$(cat .data/pids/app-notification-daprd.pid)")
node --import tsx packages/infra/src/seed-demo.ts >/dev/null

token=$(curl -fsS -X POST http://127.0.0.1:18080/realms/marketplace/protocol/openid-connect/token \
  -d grant_type=password -d client_id=market-tests -d client_secret=market-tests-dev-secret \
  -d username=customer@marketplace.local -d password=demo-password | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
id=$(curl -fsS -H "authorization: Bearer $token" http://127.0.0.1:3101/users/me | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')

declare -A paths=(
  [1]="user app directly|http://127.0.0.1:3101/users/$id"
  [2]="user's daprd → app (1 sidecar)|http://127.0.0.1:3501/v1.0/invoke/user/method/users/$id"
  [3]="ingress's daprd → user's daprd → app (2 sidecars)|http://127.0.0.1:3500/v1.0/invoke/user/method/users/$id"
  [4]="ingress → 2 sidecars → app (the public path)|http://127.0.0.1:8080/api/user/users/$id"
)

saturation() { # name url
  wrk -t2 -c"$CONNECTIONS" -d3s -H "authorization: Bearer $token" "$2" >/dev/null # warm up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $token" "$2" | awk -v name="$1" '
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$5}
    END {printf "| %s | %.0f | %s | %s | %s |\n", name, rps, p50, p99, (bad == "" ? 0 : bad)}'
}

fixed_rate() { # name url
  node --import tsx packages/bench/src/fixed-rate.ts "$2" "$RATE" 3 "$CONNECTIONS" "$token" >/dev/null # warm up
  node --import tsx packages/bench/src/fixed-rate.ts "$2" "$RATE" 10 "$CONNECTIONS" "$token" | node -e '
    const r = JSON.parse(require("fs").readFileSync(0)); const name = process.argv[1];
    console.log(`| ${name} | ${r.achieved} | ${r.p50} ms | ${r.p90} ms | ${r.p99} ms | ${r.failed} |`);' "$1"
}

{
  echo "# Tracer-bullet read path"
  echo
  echo "\`GET /users/<id>\` with a Keycloak access token (JWT verified by the app against the cached"
  echo "realm JWKS, then one Postgres read). $CONNECTIONS connections. The load generator, the apps,"
  echo "their sidecars and Postgres all share this machine's $(nproc) cores. $(date -u '+%F %H:%M') UTC."
  echo
  echo "## Saturation (wrk, ${DURATION} per row after a 3 s warm-up)"
  echo
  echo "| path | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  for k in 1 2 3 4; do saturation "${paths[$k]%%|*}" "${paths[$k]#*|}"; done
  echo
  echo "## Fixed rate: $RATE requests/s (10 s per row after a 3 s warm-up; latency from the scheduled send)"
  echo
  echo "| path | achieved/s | p50 | p90 | p99 | failed |"
  echo "|---|---|---|---|---|---|"
  for k in 1 2 3 4; do fixed_rate "${paths[$k]%%|*}" "${paths[$k]#*|}"; done
  echo
  echo "## What verifying the access token costs"
  echo
  echo "Every service verifies the bearer token itself (signature by the realm's JWKS, cached after"
  echo "the first fetch; issuer, audience, expiry). There is deliberately no switch that turns this"
  echo "off in a service, so its cost is measured at the verifier, on a real Keycloak token, one core:"
  echo
  node --import tsx packages/bench/src/jwt-verify.ts customer@marketplace.local demo-password 20000 | node -e '
    const r = JSON.parse(require("fs").readFileSync(0));
    console.log(`| verifications | per second | p50 | p99 |\n|---|---|---|---|\n| ${r.verifications} | ${r.perSecond} | ${r.p50us} µs | ${r.p99us} µs |`);'
  echo
  echo "\`GET /users/me\` (token verified, one Postgres read) through the ingress and two sidecars:"
  echo
  echo "| path | achieved/s | p50 | p90 | p99 | failed |"
  echo "|---|---|---|---|---|---|"
  fixed_rate "GET /users/me via ingress, $RATE/s" "http://127.0.0.1:8080/api/user/users/me"
  saturation_line=$(saturation "GET /users/me via ingress, saturation" "http://127.0.0.1:8080/api/user/users/me")
  echo
  echo "| path | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  echo "$saturation_line"
  echo
  echo "## Idle resident memory (10 s after start, before any load)"
  echo
  echo "| process | RSS |"
  echo "|---|---|"
  echo "| notification app (node) | $idle_app MB |"
  echo "| its daprd | $idle_daprd MB |"
  echo "| user app after all the load above | $(rss_mb "$(cat .data/pids/app-user.pid)") MB |"
} | tee "$out"
