# Process handling shared by all parts. Sourced, never run.

# spawn NAME CMD…: start CMD in its own session (so `down` can stop its whole group),
# logging to $LOG_DIR/NAME.log and recording the leader's pid.
spawn() {
  local name=$1; shift
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

part_pid() { [[ -f "$PID_DIR/$1.pid" ]] && cat "$PID_DIR/$1.pid"; }

part_running() {
  local pid; pid=$(part_pid "$1") || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

stop_part() {
  local name=$1 pid
  pid=$(part_pid "$name") || return 0
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "infra: stopped $name"
  fi
  rm -f "$PID_DIR/$name.pid"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_ports NAME PORT…: refuse to start NAME over a port someone else holds.
require_ports() {
  local name=$1; shift
  for port in "$@"; do
    port_free "$port" || die "$name needs 127.0.0.1:$port, which is already taken (see: ss -ltnp 'sport = :$port'). Stop that process or set the port variable for $name."
  done
}

wait_healthy() {
  local name=$1 check=$2 timeout=$3 t=0
  until "$check"; do
    if ! part_running "$name"; then
      say "infra: $name exited while starting; last lines of $LOG_DIR/$name.log:"; tail -n 30 "$LOG_DIR/$name.log" >&2
      die "$name failed to start"
    fi
    ((t >= timeout * 2)) && { tail -n 30 "$LOG_DIR/$name.log" >&2; die "$name not healthy after ${timeout}s (log: $LOG_DIR/$name.log)"; }
    sleep 0.5; t=$((t + 1))
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# maven_fetch G:A:V[:TYPE[:CLASSIFIER]] DEST_DIR: one artifact through Maven's own client.
maven_fetch() {
  need mvn "Install Maven (Debian: maven) and run again."
  mkdir -p "$2"
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$1" -DoutputDirectory="$2" \
    -Dmdep.overWriteIfNewer=true >&2 || die "could not fetch $1 from Maven Central (is the registry reachable?)"
}

# Postgres and Elasticsearch refuse to run as root: parts that need it run as this user.
RUN_USER="${MARKET_RUN_USER:-marketplace}"
ensure_run_user() {
  if [[ $(id -u) -ne 0 ]]; then RUN_AS=(); return; fi
  id "$RUN_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER" \
    || die "could not create the user $RUN_USER that runs Postgres and Elasticsearch"
  RUN_AS=(runuser -u "$RUN_USER" --)
}

# part_dir NAME: the part's data folder, owned by the user it runs as.
part_dir() {
  local d="$STATE_DIR/$1"; mkdir -p "$d"
  [[ $(id -u) -eq 0 ]] && chown -R "$RUN_USER" "$d"
  echo "$d"
}

# apt_need PACKAGE COMMAND: install a Debian package when its command is missing.
apt_need() {
  [[ -x "$2" ]] || command -v "$2" >/dev/null 2>&1 && return 0
  say "infra: installing Debian package $1"
  [[ $(id -u) -eq 0 ]] || die "$1 is missing; run: sudo apt-get install -y $1"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >&2; then
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >&2 \
      || die "apt-get install $1 failed"
  fi
}
