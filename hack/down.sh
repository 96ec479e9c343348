#!/usr/bin/env bash
# Stops everything hack/up.sh started (the stack's JVM with Dex, then etcd and the kube-apiserver).
# Safe to run when nothing is running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
STATE_DIR="${PINNIPED_JAVA_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/pinniped-java}"
STACK_DIR="$STATE_DIR/stack"

if [ -f "$STACK_DIR/pid" ]; then
  pid=$(cat "$STACK_DIR/pid")
  if kill -0 "$pid" 2>/dev/null && grep -q LocalStackMain "/proc/$pid/cmdline" 2>/dev/null; then
    # SIGTERM runs the stack's shutdown hook, which stops Dex, the Concierge and the Supervisor.
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "down: the stack (pid $pid) did not stop within 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "down: stopped the stack (pid $pid)"
  fi
  rm -f "$STACK_DIR/pid" "$STACK_DIR/ready"
fi
# Dex outlives a killed stack JVM: stop any Dex serving from this state directory.
dex_left=$(pgrep -f "serve $STACK_DIR/dex/config.yaml" || true)
if [ -n "$dex_left" ]; then
  kill $dex_left 2>/dev/null || true
  echo "down: stopped Dex ($dex_left)"
fi

if [ ! -f "$STATE_DIR/testkit.classpath" ]; then
  echo "down: nothing else to stop ($STATE_DIR has no control plane)" >&2
  exit 0
fi
classpath="$(cat "$STATE_DIR/testkit.classpath")"
java -cp "$classpath" dev.pinnipedjava.testkit.local.LocalControlPlaneMain down "$STATE_DIR"
echo "down: logs and state kept in $STATE_DIR (delete it for a fresh start)"
