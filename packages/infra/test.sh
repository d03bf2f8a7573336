#!/usr/bin/env bash
# The test command (`npm test`): type check, unit tests, then the flow suites against real
# infrastructure, once with Kafka and once with Redis Streams behind the same "pubsub"
# component. Starts the infrastructure it needs and stops again what it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
infra() { bash packages/infra/infra.sh "$@"; }

[[ -d node_modules ]] || npm ci --no-audit --no-fund

echo "== type check"
npx tsc -p tsconfig.json
echo "== unit tests"
npx vitest run --project unit

parts=(postgres redis kafka keycloak smtp s3 stripe-mock elasticsearch)
already=$(infra status "${parts[@]}" | awk 'NR > 1 && $2 == "healthy" {print $1}')
stop_started() {
  local started=()
  for p in "${parts[@]}"; do grep -qx "$p" <<<"$already" || started+=("$p"); done
  ((${#started[@]})) && infra down "${started[@]}"
  return 0
}
trap stop_started EXIT
echo "== infrastructure"
infra up "${parts[@]}"
# The flow tests run their own user, notification and ingress under the same app ids (and
# Kafka consumer groups) as `npm start`'s; two of each would take each other's traffic.
node packages/infra/platform.mjs down

for pubsub in kafka redis; do
  echo "== flow tests, pub/sub on $pubsub"
  PUBSUB=$pubsub npx vitest run --project flow
done
