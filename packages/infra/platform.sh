#!/usr/bin/env bash
# The whole platform on this machine (`npm start`): infrastructure, then every app of
# dapr/dapr.yaml beside its daprd, then demo data. `npm run stop` ends it all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
t0=$SECONDS
case "${1:-up}" in
  up)
    [[ -d node_modules ]] || npm ci --no-audit --no-fund
    bash packages/infra/infra.sh up
    npx turbo run build --output-logs=errors-only
    node packages/infra/platform.mjs up
    node --import tsx packages/infra/src/seed-demo.ts
    echo "platform up in $((SECONDS - t0))s: the API is at http://127.0.0.1:8080/api/<service>/…"
    ;;
  down)
    node packages/infra/platform.mjs down
    bash packages/infra/infra.sh down
    ;;
  list) node packages/infra/platform.mjs list ;;
  *) echo "usage: platform.sh up|down|list" >&2; exit 2 ;;
esac
