#!/usr/bin/env bash
# Measures the CLI's hot path, the one kubectl pays on every command, against a Go exec plugin on this
# machine, and prints a table of medians:
#
#   - pinniped-java answering a cached credential from the launcher's fast path (no JVM), for login oidc
#     and for login static --token-env through the Concierge (which also runs sha256sum);
#   - gke-gcloud-auth-plugin (Go) answering from its own cache file;
#   - pinniped-java answering the same credential from credentials.yaml in the JVM (fast path off);
#   - a full refresh: session cache hit, credential cache miss, refresh at a loopback Supervisor;
#   - a bare `java -version`.
#
# Usage: hack/bench-cli.sh [runs]      (default 30; RUNS=... works too). The millisecond rows run five
# times as often (FAST_RUNS=...), since a loaded machine scatters them most.
# Needs: a JDK 17+, the Maven wrapper (it builds the cli module), /usr/bin/gke-gcloud-auth-plugin.
# The millisecond rows are timed in interleaved rounds by a bash loop ($EPOCHREALTIME), so that the
# load of a busy machine weighs on all of them alike; the JVM rows use hyperfine when installed
# (apt-get install -y hyperfine), else (or with BENCH_LOOP=1) the same loop.
set -euo pipefail

runs=${1:-${RUNS:-30}}
fast_runs=${FAST_RUNS:-$((runs * 5))}
root=$(cd "$(dirname "$0")/.." && pwd)
launcher=$root/cli/target/pinniped-java/bin/pinniped-java
gke=${GKE_PLUGIN:-/usr/bin/gke-gcloud-auth-plugin}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-cli.XXXXXX")
fixture_pid=

cleanup() {
  if [ -n "$fixture_pid" ] && kill -0 "$fixture_pid" 2>/dev/null; then
    kill "$fixture_pid" 2>/dev/null || true
    wait "$fixture_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "bench-cli: $*" >&2
  exit 1
}

[ -x "$gke" ] || fail "$gke is missing: it is the Go exec plugin this compares against (set GKE_PLUGIN)"
command -v java >/dev/null || fail "java is not on PATH"

echo "building the cli module and its test classes..." >&2
(cd "$root" && ./mvnw -B -ntp -q -pl cli package -DskipTests -Dspotless.check.skip \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >&2)
[ -x "$launcher" ] || fail "the build did not produce $launcher"
classpath=$root/cli/target/test-classes:$root/cli/target/classes:$(cat "$work/classpath")

# ---- the loopback Supervisor ------------------------------------------------------------------
coproc FIXTURE { exec java -cp "$classpath" dev.pinnipedjava.cli.testing.BenchFixtureMain; }
fixture_pid=$FIXTURE_PID
declare -A fixture
for _ in 1 2 3 4 5 6 7; do
  IFS= read -r line <&"${FIXTURE[0]}" || fail "the loopback Supervisor did not start"
  fixture[${line%%=*}]=${line#*=}
done

export XDG_CONFIG_HOME=$work/xdg
export PINNIPED_USERNAME=${fixture[username]} PINNIPED_PASSWORD=${fixture[password]}
unset PINNIPED_DEBUG KUBERNETES_EXEC_INFO JAVA_TOOL_OPTIONS
config=$XDG_CONFIG_HOME/pinniped
login=("$launcher" login oidc "--issuer=${fixture[issuer]}" "--ca-bundle-data=${fixture[ca]}"
  --upstream-identity-provider-name=bench-ldap --upstream-identity-provider-type=ldap)

# The first login fills the session cache, the credential cache and the fast-path entry.
"${login[@]}" >"$work/first.json" || fail "the first login failed"
ls "$config/credentials.fastpath"/* >/dev/null 2>&1 || fail "the first login recorded no fast-path entry"
JAVA_HOME=/nonexistent "${login[@]}" >"$work/cached.json" ||
  fail "the cached run started the JVM (it failed without one)"
cmp -s "$work/first.json" "$work/cached.json" || fail "the fast path printed another credential"

export BENCH_TOKEN=${fixture[concierge-token]}
static=("$launcher" login static --enable-concierge --concierge-authenticator-type=webhook
  --concierge-authenticator-name=bench "--concierge-endpoint=${fixture[concierge]}"
  "--concierge-ca-bundle-data=${fixture[concierge-ca]}" --token-env=BENCH_TOKEN)
"${static[@]}" >"$work/static-first.json" || fail "the first login static failed"
JAVA_HOME=/nonexistent "${static[@]}" >"$work/static-cached.json" ||
  fail "the cached login static started the JVM (it failed without one)"
cmp -s "$work/static-first.json" "$work/static-cached.json" ||
  fail "the fast path printed another login static credential"

# ---- the Go plugin's own cache ----------------------------------------------------------------
gke_dir=$work/gke
mkdir -p "$gke_dir"
cat >"$gke_dir/config" <<'EOF'
apiVersion: v1
kind: Config
current-context: bench
clusters:
- name: bench
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: bench
  context: {cluster: bench, user: bench}
users:
- name: bench
  user: {}
EOF
printf '{"current_context":"bench","access_token":"ya29.bench-cached-token","token_expiry":"%s","extra_args":""}' \
  "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)" >"$gke_dir/gke_gcloud_auth_plugin_cache"
# The plugin finds its cache next to $KUBECONFIG, which the login commands do not read.
export KUBECONFIG=$gke_dir/config
"$gke" >"$work/gke.json" || fail "$gke failed"
grep -q '"token": "ya29.bench-cached-token"' "$work/gke.json" ||
  fail "$gke did not answer from its cache: $(cat "$work/gke.json")"

# ---- timing -----------------------------------------------------------------------------------
use_hyperfine() {
  [[ ${BENCH_LOOP-} != 1 ]] && command -v hyperfine >/dev/null
}

# elapsed_us COMMAND...: runs COMMAND (output discarded) and prints its wall time in microseconds,
# read from bash's EPOCHREALTIME (no process) or date +%s%N where it is missing.
elapsed_us() {
  local start end
  if [[ -n ${EPOCHREALTIME-} ]]; then
    start=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1
    end=${EPOCHREALTIME/[.,]/}
  else
    start=$(($(date +%s%N) / 1000))
    "$@" >/dev/null 2>&1
    end=$(($(date +%s%N) / 1000))
  fi
  echo $((end - start))
}

# median_ms MICROSECONDS...: their median, in milliseconds.
median_ms() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

# jvm_median_ms NAME PREPARE COMMAND...: the median over $runs runs of a JVM command, after one
# warm-up run; PREPARE (a shell command) runs before each run.
jvm_median_ms() {
  local name=$1 prepare=$2
  shift 2
  if use_hyperfine; then
    local json=$work/$name.json
    hyperfine --shell=none --runs "$runs" --warmup 1 --style none --export-json "$json" \
      --prepare "$prepare" "$*" >/dev/null
    sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$json" | head -1 | awk '{printf "%.1f", $1 * 1000}'
  else
    local times=() i
    for ((i = 0; i <= runs; i++)); do
      sh -c "$prepare"
      times+=("$(elapsed_us "$@")")
    done
    median_ms "${times[@]:1}"
  fi
}

# The millisecond rows run in rounds, one of each per round, so that the load of a busy machine
# falls on all of them alike and their ratio holds; the first round warms the caches up.
echo "timing $fast_runs rounds of the fast rows, then $runs runs of each JVM row..." >&2
fast_times=() static_times=() gke_times=() java_times=()
for ((round = 0; round <= fast_runs; round++)); do
  fast_times+=("$(elapsed_us "${login[@]}")")
  static_times+=("$(elapsed_us "${static[@]}")")
  gke_times+=("$(elapsed_us "$gke")")
  java_times+=("$(elapsed_us java -version)")
done
fast=$(median_ms "${fast_times[@]:1}")
fast_static=$(median_ms "${static_times[@]:1}")
go=$(median_ms "${gke_times[@]:1}")
java_version=$(median_ms "${java_times[@]:1}")
jvm_hit=$(jvm_median_ms jvm-cache-hit "rm -rf $config/credentials.fastpath" "${login[@]}")
refresh=$(jvm_median_ms full-refresh "rm -rf $config/credentials.yaml $config/credentials.fastpath" \
  "${login[@]}")

exec {FIXTURE[1]}>&-
refreshes=?
if IFS= read -r line <&"${FIXTURE[0]}"; then
  refreshes=${line#refreshes=}
fi
wait "$fixture_pid" 2>/dev/null || true
fixture_pid=

ratio=$(awk -v a="$fast" -v b="$go" 'BEGIN { printf "%.2f", a / b }')
ratio_static=$(awk -v a="$fast_static" -v b="$go" 'BEGIN { printf "%.2f", a / b }')
tool=$(use_hyperfine && hyperfine --version || echo "a bash loop")
printf '\npinniped-java cached-credential benchmark: medians of %s interleaved rounds (bash loop,\n' \
  "$fast_runs"
printf 'EPOCHREALTIME); JVM rows: medians of %s runs (%s)\n\n' "$runs" "$tool"
printf '%-64s %10s\n' "what" "median ms"
printf '%-64s %10s\n' "----" "---------"
printf '%-64s %10s\n' "pinniped-java login oidc, cached, launcher fast path (no JVM)" "$fast"
printf '%-64s %10s\n' "pinniped-java login static --token-env, cached, fast path" "$fast_static"
printf '%-64s %10s\n' "gke-gcloud-auth-plugin (Go), cached token" "$go"
printf '%-64s %10s\n' "pinniped-java login oidc, cached, in the JVM (fast path off)" "$jvm_hit"
printf '%-64s %10s\n' "pinniped-java login oidc, full refresh at a loopback Supervisor" "$refresh"
printf '%-64s %10s\n' "java -version" "$java_version"
printf '\nratio fast path / Go plugin: %s for login oidc, %s for login static (target: at most 2.00)\n' \
  "$ratio" "$ratio_static"
printf 'refresh grants the loopback Supervisor answered: %s (the full-refresh row ran %s times)\n' \
  "$refreshes" "$((runs + 1))"
