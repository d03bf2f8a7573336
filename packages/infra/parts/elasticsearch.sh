# Elasticsearch, single node, from the integ-test-zip distribution that Elastic publishes to
# Maven (the usual download host is not reachable here). That zip is the server core only:
# indexing, mappings (text, keyword, numbers, dates, completion, dense_vector), queries, bulk,
# aggregations. It lacks the modules for painless scripts, analysis-common (asciifolding,
# ngram, stemmers, synonyms), mapper-extras (scaled_float, search_as_you_type), reindex
# (_delete_by_query, _update_by_query) and `GET /`: check liveness with /_cluster/health.
ES_PORT=${ES_PORT:-19200}
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-19300}
# JVM heap (-Xms = -Xmx, as Elastic advises): 2g holds the completion suggester's FSTs and the
# indexing buffers of a 1,000,000-product catalog (`npm run seed:catalog`) with room to spare;
# the rest of RAM is left to the file-system cache that the index is searched from.
ES_HEAP=${ES_HEAP:-2g}
ES_DIST="$CACHE_DIR/elasticsearch/$ELASTIC_VERSION/elasticsearch-$ELASTIC_VERSION"

elasticsearch_fetch() {
  # ES 8.19 runs on Java 21+; Debian 12 has only 17, so this JDK comes with the machine.
  [[ -x "$JAVA25_HOME/bin/java" ]] || die "Elasticsearch needs a JDK 21+ at $JAVA25_HOME (set JAVA25_HOME to one)"
  ensure_run_user
  [[ -f "$ES_DIST/.complete" ]] && return 0
  apt_need unzip unzip
  local dir="$CACHE_DIR/elasticsearch/$ELASTIC_VERSION"
  say "infra: fetching Elasticsearch $ELASTIC_VERSION through Maven"
  rm -rf "$dir"
  maven_fetch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTIC_VERSION:zip" "$dir"
  unzip -q "$dir/elasticsearch-$ELASTIC_VERSION.zip" -d "$dir" \
    || die "could not unpack $dir/elasticsearch-$ELASTIC_VERSION.zip (disk full? delete $dir and run again)"
  rm -f "$dir/elasticsearch-$ELASTIC_VERSION.zip"
  touch "$ES_DIST/.complete"
}

# ES runs as $RUN_USER, who cannot read a cache under root's home (mode 700): then it runs from
# a hard-linked mirror of the distribution in its state folder (no copy, same disk), else a copy.
elasticsearch_home() {
  local dir=$1
  if "${RUN_AS[@]}" test -r "$ES_DIST/bin/elasticsearch"; then echo "$ES_DIST"; return; fi
  local home="$dir/dist-$ELASTIC_VERSION"
  if [[ ! -f "$home/.mirrored" ]]; then
    rm -rf "$home"
    cp -al "$ES_DIST" "$home" 2>/dev/null || { rm -rf "$home"; cp -a "$ES_DIST" "$home"; } || die "could not copy $ES_DIST to $home"
    chown -R "$RUN_USER" "$home"
    touch "$home/.mirrored"
  fi
  echo "$home"
}

elasticsearch_start() {
  require_ports elasticsearch "$ES_PORT" "$ES_TRANSPORT_PORT"
  ensure_run_user
  local dir home conf
  dir=$(part_dir elasticsearch)
  home=$(elasticsearch_home "$dir")
  conf="$dir/config-$ELASTIC_VERSION"
  # ES writes its keystore into the config folder, so it gets a writable copy of the defaults
  # (one per version: jvm.options and friends change between versions).
  [[ -d "$conf" ]] || cp -r "$home/config" "$conf"
  cat >"$conf/elasticsearch.yml" <<EOF
cluster.name: marketplace-dev
node.name: dev
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
# A dev box's disk may be fuller than production watermarks allow; never go read-only over it.
cluster.routing.allocation.disk.threshold_enabled: false
# Tests clean up with wildcard deletes.
action.destructive_requires_name: false
EOF
  # Some versions of this zip carry the security module; without TLS certificates it must be off.
  if [[ -d "$home/modules/x-pack-security" ]]; then echo "xpack.security.enabled: false" >>"$conf/elasticsearch.yml"; fi
  [[ $ES_HEAP =~ ^[0-9]+[mMgG]$ ]] || die "ES_HEAP must look like 768m or 2g, not '$ES_HEAP'"
  printf '%s\n' "-Xms$ES_HEAP" "-Xmx$ES_HEAP" >"$conf/jvm.options.d/heap.options"
  mkdir -p "$dir/tmp"
  chown -R "$RUN_USER" "$dir"
  spawn elasticsearch "${RUN_AS[@]}" env ES_JAVA_HOME="$JAVA25_HOME" ES_PATH_CONF="$conf" ES_TMPDIR="$dir/tmp" \
    "$home/bin/elasticsearch"
}

elasticsearch_healthy() {
  [[ $(curl -fsS --max-time 2 "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null) =~ \"status\":\"(green|yellow)\" ]]
}
elasticsearch_where() { echo "http://127.0.0.1:$ES_PORT (transport :$ES_TRANSPORT_PORT, no auth)"; }
elasticsearch_env() { echo "ES_URL=http://127.0.0.1:$ES_PORT"; }
