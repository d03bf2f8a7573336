# S3-compatible object store: MinIO, built from its Go module. Chosen over moto because MinIO
# enforces presigned POST policies (content-length-range, Content-Type), which the upload
# limits of KYC documents and product media rely on; moto stores whatever is posted.
S3_PORT=${S3_PORT:-19010}
S3_ACCESS_KEY=${S3_ACCESS_KEY:-marketplace}
S3_SECRET_KEY=${S3_SECRET_KEY:-marketplace-dev-secret}
S3_BUCKETS=(kyc-documents product-media)
MINIO_BIN="$CACHE_DIR/s3/minio-$MINIO_VERSION/minio"

s3_fetch() {
  [[ -x "$MINIO_BIN" ]] && return 0
  need go "Install Go 1.24 or newer (Debian 12's golang-go is too old) and put it on PATH."
  say "infra: building MinIO $MINIO_VERSION (several minutes the first time)"
  GOBIN="$(dirname "$MINIO_BIN")" go install -ldflags="-s -w" "github.com/minio/minio@$MINIO_VERSION" >&2 \
    || die "could not build github.com/minio/minio@$MINIO_VERSION with go install (is the Go module proxy reachable? see the output above)"
}

s3_start() {
  require_ports s3 "$S3_PORT"
  local d; d=$(part_dir s3)
  # No web console and no update checks: a dev store has no use for either.
  spawn s3 env MINIO_ROOT_USER="$S3_ACCESS_KEY" MINIO_ROOT_PASSWORD="$S3_SECRET_KEY" MINIO_BROWSER=off MINIO_UPDATE=off \
    "$MINIO_BIN" server --quiet --address "127.0.0.1:$S3_PORT" --certs-dir "$d/certs" "$d/data"
}

# s3_call METHOD PATH: a SigV4-signed request; prints the HTTP status.
s3_call() {
  local method=(-X "$1"); [[ $1 == HEAD ]] && method=(--head) # -X HEAD would wait for a body
  curl -sS -o /dev/null -w '%{http_code}' --max-time 5 --aws-sigv4 aws:amz:us-east-1:s3 \
    --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" "${method[@]}" "http://127.0.0.1:$S3_PORT/$2" 2>/dev/null
}

# Healthy once it answers and the buckets exist; a fresh store gets them here, the first time.
s3_healthy() {
  http_ok "http://127.0.0.1:$S3_PORT/minio/health/live" || return 1
  local b
  for b in "${S3_BUCKETS[@]}"; do
    [[ $(s3_call HEAD "$b") == 200 ]] || [[ $(s3_call PUT "$b") == 200 ]] || return 1
  done
}

s3_where() { echo "http://127.0.0.1:$S3_PORT (MinIO, key $S3_ACCESS_KEY; buckets ${S3_BUCKETS[*]})"; }
s3_env() {
  printf '%s\n' "S3_ENDPOINT=http://127.0.0.1:$S3_PORT" "S3_ACCESS_KEY=$S3_ACCESS_KEY" "S3_SECRET_KEY=$S3_SECRET_KEY" "S3_REGION=us-east-1"
}
