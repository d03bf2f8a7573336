# Postgres from Debian's packages. One cluster; each service creates its own database.
PG_PORT=${PG_PORT:-15432}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

postgres_fetch() { apt_need postgresql-15 "$PG_BIN/postgres"; ensure_run_user; }

postgres_start() {
  require_ports postgres "$PG_PORT"
  local data; data=$(part_dir postgres)/data
  if [[ ! -f "$data/PG_VERSION" ]]; then
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$LOG_DIR/postgres.log" 2>&1 \
      || die "initdb failed (see $LOG_DIR/postgres.log)"
  fi
  spawn postgres "${RUN_AS[@]}" "$PG_BIN/postgres" -D "$data" -p "$PG_PORT" -k /tmp -c listen_addresses=127.0.0.1 \
    -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB
}

postgres_healthy() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; }
postgres_where() { echo "postgres://postgres@127.0.0.1:$PG_PORT (trust auth, loopback only)"; }
postgres_env() { echo "PG_URL=postgres://postgres@127.0.0.1:$PG_PORT"; }
