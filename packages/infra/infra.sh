#!/usr/bin/env bash
# The local infrastructure launcher: `npm run infra -- up|down|status|logs [part…]`.
# Each part lives in parts/<name>.sh and defines <name>_fetch, <name>_start,
# <name>_healthy and <name>_where (see parts/README.md). This file only orchestrates:
# fetch what is missing, refuse taken ports, start, wait until healthy, and on any
# failure stop what this run started, so nothing is left half-started.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$INFRA_ROOT/lib/process.sh"
source "$INFRA_ROOT/lib/secrets.sh"

ALL_PARTS=(postgres redis clickhouse kafka elasticsearch keycloak s3 smtp stripe-mock)
for p in "${ALL_PARTS[@]}"; do source "$INFRA_ROOT/parts/$p.sh"; done

fn() { echo "${1//-/_}_$2"; }

parts_from_args() {
  if (($# == 0)); then
    # MARKET_PARTS lets a caller (the test runner) bring up only what it needs.
    if [[ -n "${MARKET_PARTS:-}" ]]; then read -ra sel <<<"$MARKET_PARTS"; printf '%s\n' "${sel[@]}"; return; fi
    printf '%s\n' "${ALL_PARTS[@]}"; return
  fi
  for a in "$@"; do
    [[ " ${ALL_PARTS[*]} " == *" $a "* ]] || die "unknown part '$a'; parts are: ${ALL_PARTS[*]}"
    echo "$a"
  done
}

started_now=()
rollback() {
  local rc=$?
  ((rc == 0)) && return
  if ((${#started_now[@]})); then
    say "infra: stopping what this run started: ${started_now[*]}"
    for p in "${started_now[@]}"; do stop_part "$p"; done
  fi
}

cmd_up() {
  mapfile -t parts < <(parts_from_args "$@")
  trap rollback EXIT
  for p in "${parts[@]}"; do "$(fn "$p" fetch)"; done
  bash "$INFRA_ROOT/lib/fetch-dapr.sh"
  write_local_secrets
  for p in "${parts[@]}"; do
    if part_running "$p" && "$(fn "$p" healthy)"; then say "infra: $p already running"; continue; fi
    stop_part "$p" 2>/dev/null || true
    say "infra: starting $p"
    started_now+=("$p")
    local t0=$SECONDS
    "$(fn "$p" start)"
    wait_healthy "$p" "$(fn "$p" healthy)" "${HEALTH_TIMEOUT:-180}"
    say "infra: $p healthy in $((SECONDS - t0))s"
  done
  trap - EXIT
  cmd_status "${parts[@]}"
}

cmd_down() {
  mapfile -t parts < <(parts_from_args "$@")
  for ((i = ${#parts[@]} - 1; i >= 0; i--)); do stop_part "${parts[i]}"; done
}

cmd_status() {
  mapfile -t parts < <(parts_from_args "$@")
  printf '%-14s %-8s %s\n' PART STATE WHERE
  for p in "${parts[@]}"; do
    local state=stopped
    if part_running "$p"; then "$(fn "$p" healthy)" && state=healthy || state=starting; fi
    printf '%-14s %-8s %s\n' "$p" "$state" "$("$(fn "$p" where)")"
  done
}

cmd_logs() {
  mapfile -t parts < <(parts_from_args "$@")
  for p in "${parts[@]}"; do
    [[ -f "$LOG_DIR/$p.log" ]] || continue
    echo "==> $p ($LOG_DIR/$p.log)"; tail -n "${LINES_SHOWN:-40}" "$LOG_DIR/$p.log"
  done
}

cmd_env() {
  # Prints the connection settings as shell assignments, for scripts and tests.
  mapfile -t parts < <(parts_from_args "$@")
  for p in "${parts[@]}"; do declare -F "$(fn "$p" env)" >/dev/null && "$(fn "$p" env)"; done
  return 0
}

case "${1:-}" in
  up | down | status | logs | env) c=$1; shift; "cmd_$c" "$@" ;;
  fetch) shift; mapfile -t parts < <(parts_from_args "$@"); for p in "${parts[@]}"; do "$(fn "$p" fetch)"; done; bash "$INFRA_ROOT/lib/fetch-dapr.sh" ;;
  *) die "usage: infra up|down|status|logs|env|fetch [part…]  (parts: ${ALL_PARTS[*]})" ;;
esac
