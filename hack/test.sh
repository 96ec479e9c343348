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

# Every process this run starts inherits this mark, so that the check below finds this run's own
# leftovers and never those of another run on the machine.
PINNIPED_JAVA_TEST_RUN="$$-$started-$RANDOM"
export PINNIPED_JAVA_TEST_RUN

status=0
./mvnw -B -ntp verify "$@" || status=$?

# Whether process $1 carries this run's mark in its environment.
started_by_this_run() {
  tr '\0' '\n' 2>/dev/null <"/proc/$1/environ" | grep -qxF "PINNIPED_JAVA_TEST_RUN=$PINNIPED_JAVA_TEST_RUN"
}

# The test kit stops what it starts; this is the safety net should a test JVM have died. The
# server image's tests run the apps with the image's environment, to which they add the mark.
leftovers=""
for pid in $(pgrep -f "^$PINNIPED_CONTROL_PLANE_DIR/(etcd|kube-apiserver) .*kube-testkit" || true) \
  $(pgrep -f "^/opt/java/bin/java .*-jar /app/(concierge|supervisor)/quarkus-run.jar" || true); do
  if started_by_this_run "$pid"; then
    leftovers="$leftovers $pid"
  fi
done
leftovers=${leftovers# }
if [ -n "$leftovers" ]; then
  echo "test: stopping processes a test run left behind: $leftovers" >&2
  kill $leftovers 2>/dev/null || true
  status=1
fi
echo "test: finished in $(( $(date +%s) - started ))s with exit code $status" >&2
exit $status
