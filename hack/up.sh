#!/usr/bin/env bash
# The main job: builds pinniped-java, starts a real etcd + kube-apiserver, real Dex, the Supervisor and
# the Concierge on 127.0.0.1 (off-cluster, the Concierge's APIs served through the kube-apiserver's
# APIServices), wires them (FederationDomain, OIDCIdentityProvider, JWTAuthenticator, RBAC), writes a
# kubeconfig with `pinniped-java get kubeconfig` and logs the demo user in through kubectl.
# Idempotent: run it again and it reuses what is running. Stop everything with hack/down.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. hack/lib/prerequisites.sh
. hack/lib/steps.sh

STATE_DIR="${PINNIPED_JAVA_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/pinniped-java}"
LOG_DIR="$STATE_DIR/logs"
STACK_DIR="$STATE_DIR/stack"
mkdir -p "$LOG_DIR" "$STACK_DIR"
started=$(date +%s)

stack_running() {
  local pid
  [ -f "$STACK_DIR/pid" ] && [ -f "$STACK_DIR/ready" ] || return 1
  pid=$(cat "$STACK_DIR/pid")
  kill -0 "$pid" 2>/dev/null && grep -q LocalStackMain "/proc/$pid/cmdline" 2>/dev/null
}

control_plane() { # up|status
  env PINNIPED_CONTROL_PLANE_DIR="$BIN_DIR" java -cp "$classpath" \
    dev.pinnipedjava.testkit.local.LocalControlPlaneMain "$1" "$STATE_DIR"
}

# Starts the stack as a background JVM in its own session and waits until it is ready or has died.
start_stack() {
  rm -f "$STACK_DIR/ready" "$STACK_DIR/pid"
  ( cd "$root" && exec setsid env PINNIPED_CONTROL_PLANE_DIR="$BIN_DIR" PINNIPED_DEX_BINARY="$DEX_BINARY" \
      java -cp "$classpath" dev.pinnipedjava.e2e.stack.LocalStackMain serve "$STATE_DIR" \
      >"$LOG_DIR/stack.log" 2>&1 </dev/null ) &
  local launcher=$! waited=0
  while [ ! -f "$STACK_DIR/ready" ]; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      echo "the stack exited during start; see $LOG_DIR/stack.log"; tail -n 20 "$LOG_DIR/stack.log"; return 1
    fi
    if [ "$waited" -ge 300 ]; then
      # Stopped, so that a half-started stack does not linger: its shutdown hook stops Dex.
      kill -TERM "$launcher" 2>/dev/null || true
      echo "the stack was not ready within 150 s and was stopped; see $LOG_DIR/stack.log"
      tail -n 20 "$LOG_DIR/stack.log"; return 1
    fi
    sleep 0.5; waited=$((waited + 1))
  done
  cat "$LOG_DIR/stack.log"
}

json_field() { # file field
  sed -n "s/^ *\"$2\" *: *\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\},\\{0,1\\}\$/\\1/p" "$1"
}

step "check prerequisites" ensure_prerequisites
step "obtain etcd, kube-apiserver and kubectl" sh -c "hack/control-plane-binaries.sh > '$STATE_DIR/control-plane-dir'"
BIN_DIR=$(tail -n 1 "$STATE_DIR/control-plane-dir")
KUBECTL="$BIN_DIR/kubectl"
step "obtain Dex" sh -c "hack/dex-binary.sh > '$STATE_DIR/dex-binary'"
DEX_BINARY=$(tail -n 1 "$STATE_DIR/dex-binary")
CLI="$root/cli/target/pinniped-java/bin/pinniped-java"

if [ -n "${PINNIPED_JAVA_STACK_CLASSPATH:-}" ]; then
  # The caller (the e2e test of this script) built everything and hands over its classpath.
  classpath="$PINNIPED_JAVA_STACK_CLASSPATH"
else
  if stack_running; then
    echo "==> the stack is running (pid $(cat "$STACK_DIR/pid")): reusing it, not rebuilding" >&2
  else
    # One reactor build: the stack's classpath names the modules' jars in their target/ directories,
    # so nothing is installed into ~/.m2. Each module writes the file; test-e2e, built last, wins.
    # The stack runs the apps in-process: neither their Quarkus builds nor the image are needed.
    step "build pinniped-java" ./mvnw -B -ntp package dependency:build-classpath -DskipTests \
      -pl '!server-image' \
      -Dspotless.check.skip -Dquarkus.build.skip=true \
      -Dmdep.outputFile="$STATE_DIR/stack.classpath" -Dmdep.includeScope=runtime
  fi
  classpath="$root/test-e2e/target/classes:$(cat "$STATE_DIR/stack.classpath")"
fi
# down.sh stops the control plane with the test kit's classes, which are on this classpath.
printf '%s\n' "$classpath" > "$STATE_DIR/testkit.classpath"

step "start the control plane" control_plane up
export KUBECONFIG="$STATE_DIR/kubeconfig"
if grep -q '^started' "$LOG_DIR/start-the-control-plane.log" && stack_running; then
  # A new control plane (the old one had died): the running stack talks to what is gone.
  echo "==> the control plane was restarted: restarting the stack too" >&2
  kill -TERM "$(cat "$STACK_DIR/pid")"
  for _ in $(seq 1 60); do stack_running || break; sleep 0.5; done
  rm -f "$STACK_DIR/ready"
fi
if stack_running; then
  echo "==> Dex, the Supervisor and the Concierge are running (log: $LOG_DIR/stack.log)" >&2
else
  step "start Dex, the Supervisor and the Concierge" start_stack
fi

ISSUER=$(json_field "$STACK_DIR/stack.json" issuer)
AUTHENTICATOR=$(json_field "$STACK_DIR/stack.json" authenticator)
DEMO_USERNAME=$(json_field "$STACK_DIR/stack.json" username)
PASSWORD_FILE=$(json_field "$STACK_DIR/stack.json" passwordFile)
SUPERVISOR_CA=$(json_field "$STACK_DIR/stack.json" supervisorCaFile)

# The built-in view role is empty here: aggregating it is kube-controller-manager's job, which this
# control plane does not run. So the demo user gets a role of its own.
grant_view() {
  "$KUBECTL" apply --server-side -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pinniped-java-demo-view}
rules:
  - apiGroups: [""]
    resources: [namespaces, pods, services, configmaps]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: pinniped-java-demo-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pinniped-java-demo-view}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: "$DEMO_USERNAME"}]
YAML
}
step "let the demo user view the cluster" grant_view

USER_KUBECONFIG="$STATE_DIR/user-kubeconfig"
BROWSER_KUBECONFIG="$STATE_DIR/user-kubeconfig-browser"
PROXY_KUBECONFIG="$STATE_DIR/user-kubeconfig-impersonation-proxy"
CACHES=(--credential-cache "$STATE_DIR/cache/credentials.yaml" --oidc-session-cache "$STATE_DIR/cache/sessions.yaml")
get_kubeconfig() { # output-file extra-args...
  local out="$1"; shift
  # The stack is ready only once the CredentialIssuer reports its strategies, which this discovers.
  "$CLI" get kubeconfig --kubeconfig "$KUBECONFIG" --concierge-authenticator-type jwt \
    --concierge-authenticator-name "$AUTHENTICATOR" --oidc-ca-bundle "$SUPERVISOR_CA" \
    "${CACHES[@]}" "$@" > "$out.new" && mv "$out.new" "$out"
}
step "write the demo user's kubeconfig (password flow)" get_kubeconfig "$USER_KUBECONFIG" \
  --upstream-identity-provider-flow cli_password
step "write a kubeconfig for the browser flow" get_kubeconfig "$BROWSER_KUBECONFIG" \
  --upstream-identity-provider-flow browser_authcode
step "write a kubeconfig for the impersonation proxy" get_kubeconfig "$PROXY_KUBECONFIG" \
  --upstream-identity-provider-flow cli_password --concierge-mode ImpersonationProxy

demo() { # command...
  PINNIPED_USERNAME="$DEMO_USERNAME" PINNIPED_PASSWORD="$(cat "$PASSWORD_FILE")" "$@"
}
step "kubectl get namespaces as $DEMO_USERNAME" demo "$KUBECTL" --kubeconfig "$USER_KUBECONFIG" get namespaces
step "pinniped-java whoami as $DEMO_USERNAME" demo "$CLI" whoami --kubeconfig "$USER_KUBECONFIG"

echo >&2
echo "kubectl get namespaces, as $DEMO_USERNAME through the exec plugin:" >&2
cat "$LOG_DIR/kubectl-get-namespaces-as-$DEMO_USERNAME.log" >&2
echo >&2
cat "$LOG_DIR/pinniped-java-whoami-as-$DEMO_USERNAME.log" >&2
echo >&2
cat >&2 <<MSG
The local stack is up in $(( $(date +%s) - started ))s: issuer $ISSUER
State, kubeconfigs and logs in $STATE_DIR (the stack's log: $LOG_DIR/stack.log).
Try:
  # the password flow (prompts for the password of $DEMO_USERNAME when PINNIPED_PASSWORD is unset;
  # it is in $PASSWORD_FILE)
  $KUBECTL --kubeconfig $USER_KUBECONFIG get namespaces
  # a browser login: open the printed link, log in at Dex as $DEMO_USERNAME
  $KUBECTL --kubeconfig $BROWSER_KUBECONFIG get namespaces
  # through the Concierge's impersonation proxy
  $CLI whoami --kubeconfig $PROXY_KUBECONFIG
  # log out
  rm -rf $STATE_DIR/cache
Stop everything with: hack/down.sh
MSG
