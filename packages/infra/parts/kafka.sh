# Kafka in KRaft mode: one JVM that is both broker and controller, from Kafka's Maven jars
# (there is no Debian package, and the tarball's host is not reachable here, so ../kafka/pom.xml
# lists the broker and Maven copies its runtime classpath into the cache).
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
KAFKA_HOME="$CACHE_DIR/kafka/$KAFKA_VERSION"

kafka_java() {
  apt_need openjdk-17-jre-headless "$JAVA17_HOME/bin/java"
  [[ -x "$JAVA17_HOME/bin/java" ]] || die "Kafka needs Java 17 at $JAVA17_HOME (set JAVA17_HOME to a JDK 17+)"
}

kafka_fetch() {
  kafka_java
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  need mvn "Install Maven (Debian: maven) and run again."
  say "infra: fetching Kafka $KAFKA_VERSION jars through Maven"
  # Copy into a fresh folder and mark it complete last, so an interrupted fetch is redone.
  rm -rf "$KAFKA_HOME"
  mvn -q -B -f "$INFRA_ROOT/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" -Dscala.binary.version="$SCALA_VERSION" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_HOME/libs" >&2 \
    || die "could not fetch org.apache.kafka:kafka_$SCALA_VERSION:$KAFKA_VERSION and its dependencies through Maven (is the registry reachable? is KAFKA_VERSION in lib/common.sh a published version?)"
  touch "$KAFKA_HOME/.complete"
}

# The config is rewritten on every start so that changed ports or settings apply.
kafka_config() {
  local dir=$1
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
# A one-node dev box: every internal topic has one replica, and services may create topics
# just by using them.
auto.create.topics.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests start consumers and expect them to get partitions at once, not after 3s.
group.initial.rebalance.delay.ms=0
log.retention.hours=48
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
# Everything to stdout, which spawn sends to the part's log; the health check looks for
# "Kafka Server started" there.
rootLogger.level=INFO
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
logger.state.name=state.change.logger
logger.state.level=WARN
logger.controller.name=org.apache.kafka.controller
logger.controller.level=WARN
EOF
}

kafka_start() {
  require_ports kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  local dir; dir=$(part_dir kafka)
  kafka_config "$dir"
  local java=(
    "$JAVA17_HOME/bin/java" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$KAFKA_HOME/libs/*"
  )
  # KRaft refuses an unformatted log dir: format once, with a cluster id of our own.
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local id; id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
    "${java[@]}" kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >>"$LOG_DIR/kafka.log" 2>&1 \
      || die "formatting Kafka's storage in $dir/data failed (see $LOG_DIR/kafka.log)"
  fi
  # kafka_healthy reads the log only from the last of these lines on.
  echo "--- infra: kafka starting $(date -Is) ---" >>"$LOG_DIR/kafka.log"
  spawn kafka "${java[@]}" kafka.Kafka "$dir/server.properties"
}

# The broker listens a moment before it serves, so also wait for its "started" line. Only the
# log's tail is read: if the marker has scrolled out of it, every line there is from this run.
kafka_healthy() {
  ! port_free "$KAFKA_PORT" && tail -n 5000 "$LOG_DIR/kafka.log" \
    | awk '/^--- infra: kafka starting/ { up = 0 } /Kafka Server started/ { up = 1 } END { exit !up }'
}
kafka_where() { echo "kafka://127.0.0.1:$KAFKA_PORT (PLAINTEXT, KRaft controller on :$KAFKA_CONTROLLER_PORT)"; }
kafka_env() { echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"; }
