# stripe-mock: Stripe's own API simulator, built from its Go module (it ships no other way we
# can fetch). Answers every endpoint with fixture data and validates parameters; it keeps no
# state, so tests assert on the requests they send, not on what a later GET returns.
STRIPE_MOCK_PORT=${STRIPE_MOCK_PORT:-12111}
STRIPE_MOCK_HTTPS_PORT=${STRIPE_MOCK_HTTPS_PORT:-12112}
STRIPE_MOCK_BIN="$CACHE_DIR/stripe-mock/$STRIPE_MOCK_VERSION/stripe-mock"

stripe_mock_fetch() {
  [[ -x "$STRIPE_MOCK_BIN" ]] && return 0
  need go "Install Go 1.22 or newer (Debian 12's golang-go is too old) and put it on PATH."
  say "infra: building stripe-mock $STRIPE_MOCK_VERSION (about a minute the first time)"
  GOBIN="$(dirname "$STRIPE_MOCK_BIN")" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >&2 \
    || die "could not build github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION with go install (is the Go module proxy reachable? see the output above)"
}

stripe_mock_start() {
  require_ports stripe-mock "$STRIPE_MOCK_PORT" "$STRIPE_MOCK_HTTPS_PORT"
  spawn stripe-mock "$STRIPE_MOCK_BIN" -http-addr "127.0.0.1:$STRIPE_MOCK_PORT" -https-addr "127.0.0.1:$STRIPE_MOCK_HTTPS_PORT"
}

stripe_mock_healthy() {
  curl -fsS -o /dev/null --max-time 2 -H "Authorization: Bearer sk_test_123" "http://127.0.0.1:$STRIPE_MOCK_PORT/v1/accounts" 2>/dev/null
}
stripe_mock_where() { echo "http://127.0.0.1:$STRIPE_MOCK_PORT, https://127.0.0.1:$STRIPE_MOCK_HTTPS_PORT (stripe-mock $STRIPE_MOCK_VERSION, key sk_test_123)"; }
stripe_mock_env() { printf '%s\n' "STRIPE_API_BASE=http://127.0.0.1:$STRIPE_MOCK_PORT" "STRIPE_SECRET_KEY=sk_test_123"; }
