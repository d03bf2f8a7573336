# Writes the local secret store file (.data/secrets.json) read by components/common/secretstore.yaml.
# Development values only; they describe services on loopback and are never committed.
write_local_secrets() {
  local file="$STATE_DIR/secrets.json"
  cat >"$file" <<JSON
{
  "s3": { "accessKey": "${S3_ACCESS_KEY:-marketplace}", "secretKey": "${S3_SECRET_KEY:-marketplace-dev-secret}" },
  "stripe": { "secretKey": "sk_test_123", "webhookSecret": "whsec_local_dev_only" },
  "keycloak": { "authServiceSecret": "auth-service-dev-secret", "marketServiceSecret": "market-service-dev-secret" }
}
JSON
  chmod 600 "$file"
}
