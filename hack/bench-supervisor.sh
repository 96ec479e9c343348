#!/usr/bin/env bash
# Measures the Supervisor in a JVM of its own against a real kube-apiserver + etcd and a real Dex on
# loopback, then Keycloak's refresh grant on the same machine, and prints a table per server:
#
#   - password logins (authorize with the CLI password flow, then the code redeemed);
#   - refresh grants (each one refreshes upstream at Dex), as fast as the clients can, and at a
#     fixed 50 per second;
#   - RFC 8693 token exchanges;
#
# with throughput, p50/p99 latency, the server's CPU time per operation (utime+stime from
# /proc/<pid>/stat, before and after) and, for the Supervisor, the kube-apiserver's write requests
# per operation (apiserver_request_total: Secrets, and all resources in parentheses).
#
# Usage: hack/bench-supervisor.sh [users] [refreshes] [concurrency]   (defaults 32, 2000 and 8)
# Needs: a JDK 17+, the Maven wrapper (it builds the supervisor module's test classes), the
# control-plane binaries (hack/control-plane-binaries.sh) and Dex (hack/dex-binary.sh), both built
# once from their Go modules. Keycloak comes from Maven Central (org.keycloak:keycloak-quarkus-dist,
# $KEYCLOAK_VERSION, cached in ~/.cache/pinniped-java/keycloak) and runs on a JDK 21+
# ($KEYCLOAK_JAVA_HOME, else the newest in /usr/lib/jvm); SKIP_KEYCLOAK=1 leaves it out.
# Keycloak serves HTTPS (a certificate from the benchmark's CA, as the Supervisor's) and HTTP; both
# are measured with the Supervisor's client (HTTP/1.1, keep-alive), HTTPS being the fair comparison.
# Optional: BENCH_WARMUP=<n> refreshes before measuring (default: until the JIT compilers settle);
# BENCH_THREADS=1 prints the Supervisor's CPU per refresh by thread (JIT, GC, event loops, workers);
# BENCH_JFR=<dir> writes a Flight Recording of the Supervisor's JVM to <dir>/supervisor.jfr;
# BENCH_SUPERVISOR_JAVA_HOME=<jdk> and BENCH_SUPERVISOR_JAVA_OPTS="<options>" choose its JVM; by
# default, when Keycloak is measured, the Supervisor runs on Keycloak's JDK, so that both servers
# are compared on one runtime (JDK 17's JIT and EC signing cost the Supervisor about 1.5 ms more per
# refresh than JDK 25's).
# Run on demand, not in CI. Everything listens on 127.0.0.1 and is stopped at the end.
set -euo pipefail

users=${1:-32}
refreshes=${2:-2000}
concurrency=${3:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-supervisor.XXXXXX")
trap 'rm -rf "$work"' EXIT
cache="${PINNIPED_JAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pinniped-java}"
keycloak_version=${KEYCLOAK_VERSION:-26.5.6}

command -v java >/dev/null || { echo "bench-supervisor: java is not on PATH" >&2; exit 1; }

keycloak_args=()
if [ "${SKIP_KEYCLOAK:-}" != 1 ]; then
  keycloak_home="$cache/keycloak/keycloak-$keycloak_version"
  if [ ! -x "$keycloak_home/bin/kc.sh" ]; then
    echo "fetching Keycloak $keycloak_version from Maven Central..." >&2
    mkdir -p "$cache/keycloak"
    (cd "$root" && ./mvnw -B -ntp -q dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" \
      -DoutputDirectory="$cache/keycloak" >&2)
    (cd "$cache/keycloak" && unzip -q -o "keycloak-quarkus-dist-$keycloak_version.zip")
  fi
  keycloak_java=${KEYCLOAK_JAVA_HOME:-}
  if [ -z "$keycloak_java" ]; then
    for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
      version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = //p')
      if [ -n "$version" ] && [ "$version" -ge 21 ]; then keycloak_java=${jdk%/}; break; fi
    done
  fi
  [ -n "$keycloak_java" ] || { echo "bench-supervisor: Keycloak needs a JDK 21+; set KEYCLOAK_JAVA_HOME or SKIP_KEYCLOAK=1" >&2; exit 1; }
  keycloak_args=("$keycloak_home" "$keycloak_java")
  export BENCH_SUPERVISOR_JAVA_HOME=${BENCH_SUPERVISOR_JAVA_HOME:-$keycloak_java}
fi
echo "the Supervisor runs on ${BENCH_SUPERVISOR_JAVA_HOME:-$(command -v java)}" >&2

echo "building the supervisor module and its test classes..." >&2
(cd "$root" && ./mvnw -B -ntp -q -pl supervisor test-compile -Dspotless.check.skip \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >&2)
classpath=$root/supervisor/target/test-classes:$root/supervisor/target/classes:$(cat "$work/classpath")

# Only warnings and errors reach the logs; the figures go to stdout.
cat > "$work/logging.properties" <<'PROPERTIES'
handlers=java.util.logging.ConsoleHandler
.level=WARNING
java.util.logging.ConsoleHandler.level=WARNING
PROPERTIES

# The benchmark installs the CRDs from ../deploy, so it runs from the module's directory; the
# control plane's, Dex's, the Supervisor's and Keycloak's files go to the scratch directory.
cd "$root/supervisor"
BENCH_RUN_DIR=$work java -Xlog:disable -Xlog:all=warning:stderr \
  -Dorg.jboss.logging.provider=jdk -Djava.util.logging.config.file="$work/logging.properties" \
  -cp "$classpath" dev.pinnipedjava.supervisor.bench.SupervisorBenchmark \
  "$users" "$refreshes" "$concurrency" "${keycloak_args[@]}"
