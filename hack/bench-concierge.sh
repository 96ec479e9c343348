#!/usr/bin/env bash
# Measures the Concierge on a real kube-apiserver and etcd on loopback and prints a table:
#
#   - TokenCredentialRequest with a JWTAuthenticator: straight to the aggregated API and through the
#     kube-apiserver, beside the raw in-process cost of one JWT verification plus one certificate
#     signing (the ratio is the Concierge's own overhead);
#   - GET requests through the impersonation proxy beside the same requests straight to the
#     kube-apiserver: added latency with one caller, throughput with several.
#
# Usage: hack/bench-concierge.sh [requests] [concurrency]     (defaults 2000 and 8)
# Environment: BENCH_JAVA_OPTS adds JVM options, for instance a flight recording of the run
#   (BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile);
#   BENCH_ONLY=proxy measures the impersonation proxy alone.
# Needs: a JDK 17+, the Maven wrapper (it builds the concierge module's test classes), and the
# control-plane binaries (hack/control-plane-binaries.sh builds them once, or set
# PINNIPED_CONTROL_PLANE_DIR). Everything listens on 127.0.0.1 and is stopped at the end.
set -euo pipefail

requests=${1:-2000}
concurrency=${2:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-concierge.XXXXXX")
trap 'rm -rf "$work"' EXIT

command -v java >/dev/null || { echo "bench-concierge: java is not on PATH" >&2; exit 1; }

echo "building the concierge module and its test classes..." >&2
(cd "$root" && ./mvnw -B -ntp -q -pl concierge test-compile -Dspotless.check.skip \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >&2)
classpath=$root/concierge/target/test-classes:$root/concierge/target/classes:$(cat "$work/classpath")

# Only warnings and errors of the Concierge reach stderr; the figures go to stdout.
cat > "$work/logging.properties" <<'PROPERTIES'
handlers=java.util.logging.ConsoleHandler
.level=WARNING
java.util.logging.ConsoleHandler.level=WARNING
PROPERTIES

# The benchmark applies ../deploy/concierge, so it runs from the module's directory; the control
# plane's files go to the scratch directory, removed on exit.
cd "$root/concierge"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
BENCH_RUN_DIR=$work java ${BENCH_JAVA_OPTS:-} -Xlog:disable -Xlog:all=warning:stderr \
  -Dorg.jboss.logging.provider=jdk -Djava.util.logging.config.file="$work/logging.properties" \
  -cp "$classpath" dev.pinnipedjava.concierge.bench.ConciergeBenchmark "$requests" "$concurrency"
