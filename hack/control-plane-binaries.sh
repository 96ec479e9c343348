#!/usr/bin/env bash
# Provides etcd, kube-apiserver and kubectl at a pinned Kubernetes version for the tests and the local
# stack. Uses $KUBEBUILDER_ASSETS or PATH when they hold the pinned version; otherwise builds the
# binaries once from their Go modules into a cache directory outside the repo. Idempotent: a second run
# only checks versions. Prints the directory that holds the binaries on its last line of stdout.
set -euo pipefail

KUBE_VERSION="${PINNIPED_KUBE_VERSION:-v1.34.4}"
ETCD_VERSION="${PINNIPED_ETCD_VERSION:-v3.6.5}"
CACHE_DIR="${PINNIPED_JAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pinniped-java}"
OUT_DIR="$CACHE_DIR/control-plane/kube-$KUBE_VERSION-etcd-$ETCD_VERSION"

log() { echo "control-plane: $*" >&2; }

has_version() { # dir
  local dir="$1"
  [ -x "$dir/kube-apiserver" ] && [ -x "$dir/etcd" ] && [ -x "$dir/kubectl" ] || return 1
  "$dir/kube-apiserver" --version 2>/dev/null | grep -q "Kubernetes $KUBE_VERSION\$" || return 1
  "$dir/etcd" --version 2>/dev/null | grep -q "etcd Version: ${ETCD_VERSION#v}\$" || return 1
}

if [ -n "${KUBEBUILDER_ASSETS:-}" ] && has_version "$KUBEBUILDER_ASSETS"; then
  log "using \$KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS"; echo "$KUBEBUILDER_ASSETS"; exit 0
fi
if has_version "$OUT_DIR"; then
  log "cached in $OUT_DIR"; echo "$OUT_DIR"; exit 0
fi
path_api=$(command -v kube-apiserver || true)
if [ -n "$path_api" ] && has_version "$(dirname "$path_api")"; then
  log "using PATH"; dirname "$path_api"; exit 0
fi

# One build at a time: a second caller waits, then finds the binaries cached.
mkdir -p "$CACHE_DIR/control-plane"
exec 9>"$CACHE_DIR/control-plane/.build.lock"
flock 9
if has_version "$OUT_DIR"; then
  log "cached in $OUT_DIR"; echo "$OUT_DIR"; exit 0
fi

command -v go >/dev/null || { echo "control-plane: Go is missing: install Go 1.24 or newer (it builds etcd and kube-apiserver from their modules)" >&2; exit 1; }

export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
work="$CACHE_DIR/control-plane/build-$KUBE_VERSION"
mkdir -p "$work/kube" "$work/etcd" "$OUT_DIR.tmp"

log "building kube-apiserver and kubectl $KUBE_VERSION from k8s.io/kubernetes (first run only; several minutes)"
staging_minor="v0.${KUBE_VERSION#v1.}"
(
  cd "$work/kube"
  rm -f go.mod go.sum
  go mod init pinniped-java.local/control-plane >/dev/null 2>&1
  modfile=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",\?$/\1/p')
  # k8s.io/kubernetes points its staging modules at ./staging with replace; pin each to its release.
  staging=$(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$modfile" | sort -u)
  [ -n "$staging" ] || { echo "control-plane: found no staging modules in $modfile" >&2; exit 1; }
  reqs="k8s.io/kubernetes@$KUBE_VERSION"
  for m in $staging; do
    go mod edit -replace "$m=$m@$staging_minor"
  done
  go mod edit -require "$reqs"
  cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubectl/pkg/cmd"
)
GO
  go mod tidy >/dev/null
  ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2) -X $pkg.gitTreeState=clean"
  done
  go build -trimpath -ldflags "$ld" -o "$OUT_DIR.tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  go build -trimpath -ldflags "$ld" -o "$OUT_DIR.tmp/kubectl" k8s.io/kubernetes/cmd/kubectl
)

log "building etcd $ETCD_VERSION from go.etcd.io/etcd/server/v3"
(
  cd "$work/etcd"
  rm -f go.mod go.sum
  go mod init pinniped-java.local/etcd >/dev/null 2>&1
  cat > main.go <<'GO'
// Command etcd runs the etcd server from its server module.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  go mod edit -require "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go mod tidy >/dev/null
  go build -trimpath -ldflags "-s -w" -o "$OUT_DIR.tmp/etcd" .
)

rm -rf "$OUT_DIR"
mv "$OUT_DIR.tmp" "$OUT_DIR"
has_version "$OUT_DIR" || { echo "control-plane: built binaries do not report $KUBE_VERSION / etcd $ETCD_VERSION" >&2; "$OUT_DIR/kube-apiserver" --version >&2; "$OUT_DIR/etcd" --version >&2; exit 1; }
log "built into $OUT_DIR"
echo "$OUT_DIR"
