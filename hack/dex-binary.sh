#!/usr/bin/env bash
# Provides the Dex OIDC provider at a pinned release for the tests (the Supervisor's upstream
# provider). Uses $PINNIPED_DEX_BINARY or PATH when it reports the pinned version; otherwise builds
# it once from its Go module into a cache directory outside the repo. Idempotent: a second run only
# checks the version. Prints the path of the binary on its last line of stdout.
set -euo pipefail

# Dex tags its releases v2.x on a module path without /v2, so the Go module proxy serves a release
# only under the pseudo-version of its tagged commit: 43956db7fd75 is the commit of Dex v2.41.1.
DEX_RELEASE="${PINNIPED_DEX_RELEASE:-v2.41.1}"
DEX_MODULE_VERSION="${PINNIPED_DEX_MODULE_VERSION:-v0.0.0-20240807174518-43956db7fd75}"
DEX_API_VERSION="${PINNIPED_DEX_API_VERSION:-v2.2.0}"
CACHE_DIR="${PINNIPED_JAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pinniped-java}"
OUT_DIR="$CACHE_DIR/dex/$DEX_RELEASE"

log() { echo "dex: $*" >&2; }

has_version() { # binary
  [ -x "$1" ] && "$1" version 2>/dev/null | grep -q "^Dex Version: $DEX_RELEASE\$"
}

if [ -n "${PINNIPED_DEX_BINARY:-}" ] && has_version "$PINNIPED_DEX_BINARY"; then
  log "using \$PINNIPED_DEX_BINARY=$PINNIPED_DEX_BINARY"; echo "$PINNIPED_DEX_BINARY"; exit 0
fi
if has_version "$OUT_DIR/dex"; then
  log "cached in $OUT_DIR"; echo "$OUT_DIR/dex"; exit 0
fi
path_dex=$(command -v dex || true)
if [ -n "$path_dex" ] && has_version "$path_dex"; then
  log "using PATH"; echo "$path_dex"; exit 0
fi

# One build at a time: a second caller waits, then finds the binary cached.
mkdir -p "$CACHE_DIR/dex"
exec 9>"$CACHE_DIR/dex/.build.lock"
flock 9
if has_version "$OUT_DIR/dex"; then
  log "cached in $OUT_DIR"; echo "$OUT_DIR/dex"; exit 0
fi

command -v go >/dev/null || { echo "dex: Go is missing: install Go 1.22 or newer (it builds Dex $DEX_RELEASE from its module github.com/dexidp/dex)" >&2; exit 1; }
# Dex's command refers to its sqlite3 storage, which exists only in cgo builds, so it needs a C
# compiler although the tests use the memory storage.
# shellcheck source=lib/prerequisites.sh
. "$(dirname "$0")/lib/prerequisites.sh"
require_command gcc gcc "Dex's command links the cgo sqlite3 driver" || exit 1

export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=1
work="$CACHE_DIR/dex/build-$DEX_RELEASE"
mkdir -p "$work" "$OUT_DIR.tmp"

log "building dex $DEX_RELEASE from github.com/dexidp/dex@$DEX_MODULE_VERSION (first run only; a few minutes)"
(
  cd "$work"
  rm -f go.mod go.sum tools.go
  go mod init pinniped-java.local/dex >/dev/null 2>&1
  # Dex's own go.mod points its api/v2 module at ./api/v2, which a dependent module does not see;
  # the release it names (v2.1.0) lacks the connector API of v2.41, the first release with it does not.
  go mod edit -require "github.com/dexidp/dex@$DEX_MODULE_VERSION" \
    -require "github.com/dexidp/dex/api/v2@$DEX_API_VERSION"
  cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/dexidp/dex/cmd/dex"
GO
  go mod tidy >/dev/null
  go build -trimpath -ldflags "-s -w -X main.version=$DEX_RELEASE" -o "$OUT_DIR.tmp/dex" github.com/dexidp/dex/cmd/dex
)

rm -rf "$OUT_DIR"
mv "$OUT_DIR.tmp" "$OUT_DIR"
has_version "$OUT_DIR/dex" || { echo "dex: the built binary does not report $DEX_RELEASE" >&2; "$OUT_DIR/dex" version >&2; exit 1; }
log "built into $OUT_DIR"
echo "$OUT_DIR/dex"
