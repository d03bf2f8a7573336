# Redis from Debian's packages: Dapr state store, cache, rate limits, and the Redis Streams pub/sub.
REDIS_PORT=${REDIS_PORT:-16379}

redis_fetch() { apt_need redis-server redis-server; }

redis_start() {
  require_ports redis "$REDIS_PORT"
  local data; data=$(part_dir redis)
  spawn redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data" --save "" --appendonly no \
    --protected-mode yes --daemonize no
}

redis_healthy() { [[ $(redis-cli -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
redis_where() { echo "redis://127.0.0.1:$REDIS_PORT"; }
redis_env() { echo "REDIS_HOST=127.0.0.1:$REDIS_PORT"; }
