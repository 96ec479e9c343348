#!/usr/bin/env bash
# Brings the local pinniped-java stack up: builds the project, starts a real etcd + kube-apiserver on
# 127.0.0.1, applies every manifest in deploy/, and shows the API resources. Idempotent: run it again and
# it reuses what is running. Stop everything with hack/down.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. hack/lib/prerequisites.sh
. hack/lib/steps.sh

STATE_DIR="${PINNIPED_JAVA_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/pinniped-java}"
LOG_DIR="$STATE_DIR/logs"
mkdir -p "$LOG_DIR"
started=$(date +%s)

step "check prerequisites" ensure_prerequisites
step "obtain etcd, kube-apiserver and kubectl" sh -c "hack/control-plane-binaries.sh > '$STATE_DIR/control-plane-dir'"
BIN_DIR=$(tail -n 1 "$STATE_DIR/control-plane-dir")
KUBECTL="$BIN_DIR/kubectl"
step "build pinniped-java" ./mvnw -B -ntp install -DskipTests -Dspotless.check.skip
step "resolve the test kit classpath" ./mvnw -B -ntp -q -pl kube-testkit dependency:build-classpath \
  -Dmdep.outputFile="$STATE_DIR/testkit.classpath" -Dmdep.includeScope=runtime
classpath="$root/kube-testkit/target/classes:$(cat "$STATE_DIR/testkit.classpath")"
step "start the control plane" env PINNIPED_CONTROL_PLANE_DIR="$BIN_DIR" \
  java -cp "$classpath" dev.pinnipedjava.testkit.local.LocalControlPlaneMain up "$STATE_DIR"
export KUBECONFIG="$STATE_DIR/kubeconfig"

step "apply the CRDs" "$KUBECTL" apply --server-side -f deploy/concierge/crds -f deploy/supervisor/crds
step "wait for the CRDs to be established" "$KUBECTL" wait --for condition=established --timeout=60s \
  -f deploy/concierge/crds -f deploy/supervisor/crds
step "apply the Concierge manifests" "$KUBECTL" apply --server-side -k deploy/concierge
step "apply the Supervisor manifests" "$KUBECTL" apply --server-side -k deploy/supervisor

echo >&2
echo "API resources of pinniped-java:" >&2
"$KUBECTL" api-resources --categories=pinniped -o wide
echo >&2
"$KUBECTL" api-versions | grep -E 'pinniped\.dev' || true
echo >&2
cat >&2 <<MSG
The local stack is up in $(( $(date +%s) - started ))s (state and logs in $STATE_DIR).
Try:
  export KUBECONFIG=$KUBECONFIG
  $KUBECTL get crds
  $KUBECTL get pinniped -A
Stop everything with: hack/down.sh
MSG
