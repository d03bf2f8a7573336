# SMTP sink: MailDev from npm. Catches every mail the services send (nothing is relayed) and
# lets tests read them over HTTP: GET /email lists them (to, subject, text, html),
# DELETE /email/all empties the box. Mail is kept under the part's folder across restarts.
SMTP_PORT=${SMTP_PORT:-11025}
SMTP_API_PORT=${SMTP_API_PORT:-11080}
MAILDEV_DIR="$CACHE_DIR/smtp/maildev-$MAILDEV_VERSION"

smtp_fetch() {
  [[ -x "$MAILDEV_DIR/node_modules/.bin/maildev" ]] && return 0
  need npm "Install Node.js 20 with npm and run again."
  say "infra: installing maildev $MAILDEV_VERSION from npm"
  # Into a scratch folder first, so that a failed install never looks like a cached one.
  local tmp="$MAILDEV_DIR.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
  npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" >&2 \
    || die "npm install maildev@$MAILDEV_VERSION failed (is the npm registry reachable? see the output above)"
  rm -rf "$MAILDEV_DIR"; mv "$tmp" "$MAILDEV_DIR"
}

smtp_start() {
  require_ports smtp "$SMTP_PORT" "$SMTP_API_PORT"
  local d; d=$(part_dir smtp)
  spawn smtp "$MAILDEV_DIR/node_modules/.bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 \
    --smtp "$SMTP_PORT" --web "$SMTP_API_PORT" --mail-directory "$d/mail"
}

smtp_healthy() { http_ok "http://127.0.0.1:$SMTP_API_PORT/healthz" && (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; }
smtp_where() { echo "smtp://127.0.0.1:$SMTP_PORT (no auth, catches all), mail over HTTP at http://127.0.0.1:$SMTP_API_PORT/email"; }
smtp_env() { printf '%s\n' "SMTP_HOST=127.0.0.1" "SMTP_PORT=$SMTP_PORT" "SMTP_API_URL=http://127.0.0.1:$SMTP_API_PORT"; }
