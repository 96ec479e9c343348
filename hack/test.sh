#!/usr/bin/env bash
# Runs every test of the suite: unit tests, integration tests against a real etcd + kube-apiserver started
# by the tests, and the end-to-end tests. Installs what it needs (as root on Debian) or says what is missing.
# Extra arguments go to Maven, e.g. hack/test.sh -pl api-types -am
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=lib/prerequisites.sh
. hack/lib/prerequisites.sh

started=$(date +%s)
ensure_prerequisites
ensure_test_packages
PINNIPED_CONTROL_PLANE_DIR=$(hack/control-plane-binaries.sh | tail -n 1)
export PINNIPED_CONTROL_PLANE_DIR

status=0
./mvnw -B -ntp verify "$@" || status=$?

# The test kit stops what it starts; this is the safety net should a test JVM have died.
leftovers=$(pgrep -f "^$PINNIPED_CONTROL_PLANE_DIR/(etcd|kube-apiserver) .*kube-testkit" || true)
if [ -n "$leftovers" ]; then
  echo "test: stopping processes a test run left behind: $leftovers" >&2
  kill $leftovers 2>/dev/null || true
  status=1
fi
echo "test: finished in $(( $(date +%s) - started ))s with exit code $status" >&2
exit $status
