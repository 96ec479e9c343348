#!/usr/bin/env bash
# Regenerates the CRD manifests in deploy/concierge/crds and deploy/supervisor/crds from the Java types
# in api-types: fabric8's CRD generator writes raw CRDs, the build's CrdFinisher completes them into
# api-types/target/generated-crds, and this script replaces the committed copies with them.
# The api-types build fails (GeneratedCrdsAreCommittedTest) until they are committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

./mvnw -B -ntp -q -pl api-types process-test-classes -Dspotless.check.skip

generated=api-types/target/generated-crds
for component in concierge supervisor; do
  ls "$generated/$component"/*.yaml >/dev/null 2>&1 || {
    echo "update-crds: the build generated no CRD for $component in $generated" >&2
    exit 1
  }
  mkdir -p "deploy/$component/crds"
  rm -f "deploy/$component/crds"/*.yaml
  cp "$generated/$component"/*.yaml "deploy/$component/crds/"
  echo "update-crds: deploy/$component/crds: $(cd "deploy/$component/crds" && ls *.yaml | tr '\n' ' ')"
done
