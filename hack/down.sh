#!/usr/bin/env bash
# Stops everything hack/up.sh started. Safe to run when nothing is running.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
STATE_DIR="${PINNIPED_JAVA_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/pinniped-java}"
if [ ! -f "$STATE_DIR/testkit.classpath" ]; then
  echo "down: nothing to stop ($STATE_DIR has no stack)" >&2
  exit 0
fi
classpath="$root/kube-testkit/target/classes:$(cat "$STATE_DIR/testkit.classpath")"
java -cp "$classpath" dev.pinnipedjava.testkit.local.LocalControlPlaneMain down "$STATE_DIR"
echo "down: logs and state kept in $STATE_DIR (delete it for a fresh start)"
