#!/usr/bin/env bash
# The population worklist at scale (issue 23): a generated export of WL_PATIENTS (default 1,000,000) patients through
# the embedded job with -Xmx1g on this machine's cores (no course reports: a million report pages is not a worklist
# run), then WL_CLUSTER_PATIENTS (default 100,000) through the Spark cluster test (local-cluster[2,1,1024]: executors
# in their own JVMs, the job sent as its jar; the embedded job on the same export for the comparison). Prints wall
# time, patients per second and peak heap. Run from a clean clone: examples/bench/worklist-scale.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS=${WL_PATIENTS:-1000000}
CLUSTER=${WL_CLUSTER_PATIENTS:-100000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -n "${WL_NO_BUILD:-}" ] || mvn -B -q -ntp install -DskipTests
CLI=examples/cli/target/ketamine-cds-cli.jar
AS_OF=2026-12-01T12:00:00Z

echo "== generating $PATIENTS patients"
java -jar "$CLI" generate-export "$WORK/export" --patients "$PATIENTS" --as-of "$AS_OF" 2>&1 | tail -1
du -sh "$WORK/export" | cut -f1 | sed 's/^/export size: /'
echo "== embedded, -Xmx1g, $(nproc) cores"
start=$(date +%s.%N)
java -Xmx1g -jar "$CLI" worklist "$WORK/export" -o "$WORK/out" --as-of "$AS_OF" --no-reports --verbose 2>&1 \
    | grep -E "patients reviewed|patients read" | tail -2
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'embedded: {s:.0f} s wall, {int(sys.argv[3])/s:.0f} patients/s')" \
    "$start" "$end" "$PATIENTS"
rm -rf "$WORK/export" "$WORK/out"

echo "== Spark local-cluster[2,1,1024], $CLUSTER patients (and the embedded job on the same export)"
mvn -B -ntp verify -pl examples/worklist-spark -Dtest=SparkClusterTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dworklist.cluster.patients="$CLUSTER" 2>&1 | grep -E "cluster-bench|Tests run|FAIL" | head -5
