#!/usr/bin/env bash
# Builds daprd and placement from the dapr/dapr module at the pinned version. The scheduler
# (jobs API, actor reminders, workflows) is not built: one of its modules
# (diagridio/go-etcd-cron) is not served by the module proxy here, and nothing we run needs it.
# dapr/dapr's go.mod has replace directives, so `go install` refuses it: we download the
# module and build inside its own folder, where the replaces apply.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bin="$CACHE_DIR/dapr/$DAPR_VERSION/bin"
if [[ -x "$bin/daprd" && -x "$bin/placement" ]]; then exit 0; fi
# A prebuilt runtime from `dapr init --slim` at the same version is as good as our own build.
if [[ -x "$HOME/.dapr/bin/daprd" ]] && "$HOME/.dapr/bin/daprd" --version 2>/dev/null | grep -qx "$DAPR_VERSION"; then
  mkdir -p "$bin"; cp "$HOME/.dapr/bin/"{daprd,placement} "$bin/" && exit 0
fi
# One build at a time: a second caller waits for the first and then finds the binaries.
exec 9>"$CACHE_DIR/dapr.lock"
flock 9
if [[ -x "$bin/daprd" && -x "$bin/placement" ]]; then exit 0; fi
need go "Install Go (Debian: golang, or the Go toolchain) and run again."

say "dapr: downloading github.com/dapr/dapr@v$DAPR_VERSION (first run only)"
src=$(go mod download -json "github.com/dapr/dapr@v$DAPR_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[[ -n "$src" && -d "$src" ]] || die "could not download github.com/dapr/dapr@v$DAPR_VERSION from the Go module proxy"
mkdir -p "$bin.tmp"
ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION"
for cmd in daprd placement; do
  say "dapr: building $cmd (daprd with every component takes 15-25 minutes on 2 cores, once)"
  (cd "$src" && CGO_ENABLED=0 go build -tags allcomponents -ldflags "$ldflags" -o "$bin.tmp/$cmd" "./cmd/$cmd") \
    || die "building $cmd failed; see the output above"
done
rm -rf "$bin" && mv "$bin.tmp" "$bin"
say "dapr: built $("$bin/daprd" --version) into $bin"
