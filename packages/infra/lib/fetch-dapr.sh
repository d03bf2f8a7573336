#!/usr/bin/env bash
# Builds daprd (and placement, scheduler) from the dapr/dapr module at the pinned version.
# dapr/dapr's go.mod has replace directives, so `go install` refuses it: we download the
# module and build inside its own folder, where the replaces apply.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bin="$CACHE_DIR/dapr/$DAPR_VERSION/bin"
if [[ -x "$bin/daprd" && -x "$bin/placement" && -x "$bin/scheduler" ]]; then exit 0; fi
# A prebuilt runtime from `dapr init --slim` at the same version is as good as our own build.
if [[ -x "$HOME/.dapr/bin/daprd" ]] && "$HOME/.dapr/bin/daprd" --version 2>/dev/null | grep -qx "$DAPR_VERSION"; then
  mkdir -p "$bin"; cp "$HOME/.dapr/bin/"{daprd,placement,scheduler} "$bin/" && exit 0
fi
need go "Install Go (Debian: golang, or the Go toolchain) and run again."

say "dapr: downloading github.com/dapr/dapr@v$DAPR_VERSION (first run only)"
src=$(go mod download -json "github.com/dapr/dapr@v$DAPR_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[[ -n "$src" && -d "$src" ]] || die "could not download github.com/dapr/dapr@v$DAPR_VERSION from the Go module proxy"
mkdir -p "$bin.tmp"
ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION"
for cmd in daprd placement scheduler; do
  say "dapr: building $cmd (daprd with every component takes a while on 2 cores)"
  (cd "$src" && CGO_ENABLED=0 go build -tags allcomponents -ldflags "$ldflags" -o "$bin.tmp/$cmd" "./cmd/$cmd") \
    || die "building $cmd failed; see the output above"
done
rm -rf "$bin" && mv "$bin.tmp" "$bin"
say "dapr: built $("$bin/daprd" --version) into $bin"
