#!/usr/bin/env bash
# Ketamine CDS benchmarks: one command, under 10 minutes on 2 cores. Writes the results
# (examples/bench/target/benchmarks/RESULTS.md) and prints every figure next to its goal.
#   in-process JMH benchmarks (latency p50/p99, throughput, allocation, 2-thread scaling, plain-Java baseline, JSON)
#   cold start in fresh JVMs (median time to first result, heap after load), runtime dependency size
#   the CDS Hooks service under a fixed 1,000 requests/s for 30 s over loopback, without and with the store
#   the population worklist on generated exports (10,000 and 100,000 patients embedded, -Xmx1g; 10,000 on Spark local[2])
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=examples/bench/target/benchmarks
RUNS=${COLD_START_RUNS:-7}
RATE=${LOAD_RATE:-1000}
SECONDS_UNDER_LOAD=${LOAD_SECONDS:-30}

mvn -B -q package -DskipTests
mkdir -p "$OUT"
CP="examples/bench/target/ketamine-cds-bench.jar:examples/bench/target/lib/*"
CLI="examples/cli/target/ketamine-cds-cli.jar:examples/cli/target/lib/*"

echo "== JMH (in-process)"
java -cp "$CP" org.ketaminecds.bench.Benchmarks "$OUT" > "$OUT/jmh.log" 2>&1 || { tail -50 "$OUT/jmh.log"; exit 1; }

echo "== cold start ($RUNS fresh JVMs)"
: > "$OUT/coldstart.txt"
for i in $(seq "$RUNS"); do
  java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.ketaminecds.bench.ColdStart >> "$OUT/coldstart.txt"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
FIRST_MS=$(sed -E 's/.*firstResultMs=([0-9]+).*/\1/' "$OUT/coldstart.txt" | median)
HEAP_MIB=$(sed -E 's/.*heapMiB=([0-9.]+).*/\1/' "$OUT/coldstart.txt" | median)

echo "== runtime dependency set (what an embedding application ships)"
rm -rf rules/target/runtime-deps
# -am: the rules module's own dependency (core) comes from this build, so a fresh clone needs no prior install.
mvn -B -q -pl rules -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
    -DoutputDirectory=target/runtime-deps
DEP_BYTES=$(( $(du -cb rules/target/runtime-deps/*.jar | tail -1 | cut -f1) + $(stat -c %s rules/target/ketamine-cds-rules-*.jar | head -1) ))
DEP_JARS=$(( $(ls rules/target/runtime-deps/*.jar | wc -l) + 1 ))
DEP_MIB=$(awk "BEGIN {printf \"%.1f\", $DEP_BYTES/1048576}")

# The service under load, once without a store and once with the embedded default store (a fresh data directory).
load_service() { # $1 = label, then the service's store options
  local label=$1; shift
  echo "== CDS Hooks service under load, $label ($RATE req/s for ${SECONDS_UNDER_LOAD} s, loopback)" >&2
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar examples/service/target/ketamine-cds-service.jar \
      --clinic-zone UTC --host 127.0.0.1 --port "$port" --insecure-no-auth "$@" > "$OUT/service-$label.log" 2>&1 &
  local service=$!
  for i in $(seq 150); do
    if curl -sf "http://127.0.0.1:$port/cds-services" > /dev/null 2>&1; then break; fi
    sleep 0.2
  done
  java -cp "$CP" org.ketaminecds.bench.LoadTest "http://127.0.0.1:$port/cds-services/ketamine-session-day" \
      examples/requests/encounter-start.json "$RATE" "$SECONDS_UNDER_LOAD"
  kill $service 2>/dev/null || true
  wait $service 2>/dev/null || true
}
LOAD=$(load_service no-store --store none)
STORE_DIR=$(mktemp -d)
LOAD_STORE=$(load_service embedded-store --store embedded --data-dir "$STORE_DIR")
rm -rf "$STORE_DIR"
P99_MS=$(echo "$LOAD" | sed -E 's/.*p99Ms=([0-9.]+).*/\1/')
P99_STORE_MS=$(echo "$LOAD_STORE" | sed -E 's/.*p99Ms=([0-9.]+).*/\1/')

# The population worklist: generated exports, the embedded job with a 1 GiB heap, and Spark local[2].
WORK=$(mktemp -d)
worklist() { # $1 = patients; prints "seconds patients-per-second peak-heap-MiB"
  java -cp "$CLI" org.ketaminecds.cli.Evaluate generate-export "$WORK/export-$1" --patients "$1" \
      --as-of 2026-12-01T12:00:00Z 2> /dev/null
  java -Xmx1g -cp "$CLI" org.ketaminecds.cli.Evaluate worklist "$WORK/export-$1" -o "$WORK/out-$1" \
      --as-of 2026-12-01T12:00:00Z --no-reports --verbose 2>&1 | grep "patients reviewed in" | tail -1 \
      | sed -E 's/.* in ([0-9.]+) s \(([0-9]+)\/s\).*peak heap ([0-9]+) MiB.*/\1 \2 \3/'
}
echo "== population worklist, embedded"
read -r WL10_S WL10_RATE WL10_HEAP <<< "$(worklist 10000)"
read -r WL100_S WL100_RATE WL100_HEAP <<< "$(worklist 100000)"
echo "== population worklist, Spark local[2]"
mvn -B -q -pl examples/worklist-spark dependency:build-classpath -Dmdep.outputFile="$WORK/spark.cp" -Dmdep.includeScope=test
SPARK_START=$(date +%s.%N)
java -Xmx2g --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
    -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "examples/worklist-spark/target/classes:$(cat "$WORK/spark.cp")" org.ketaminecds.worklist.spark.SparkWorklist \
    "$WORK/export-10000" "$WORK/spark-10000" 2026-12-01T12:00:00Z > "$OUT/spark.log" 2>&1
SPARK_S=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $SPARK_START}")
rm -rf "$WORK"

met() { awk "BEGIN {print ($1) ? \"yes\" : \"**no**\"}"; }
{
  echo "# Ketamine CDS benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)."
  echo "Command: \`examples/bench/run.sh\`. JMH 1.37, 1 fork, -Xms1g -Xmx1g, 4 x 2 s warm-up, 4 x 2 s measurement."
  echo
  echo "## In-process (JMH)"
  echo
  cat "$OUT/jmh.md"
  echo
  echo "## Start-up, memory, size, service"
  echo
  echo "| Goal | Target | Measured | Met |"
  echo "|---|---|---|---|"
  echo "| cold start, JVM start to first result (median of $RUNS) | <= 0.8 s | ${FIRST_MS} ms | $(met "$FIRST_MS <= 800") |"
  echo "| heap in use after load and GC (median) | <= 32 MiB | ${HEAP_MIB} MiB | $(met "$HEAP_MIB <= 32") |"
  echo "| runtime dependency set (rules jar + runtime dependencies) | <= 12 MiB | ${DEP_MIB} MiB in ${DEP_JARS} jars | $(met "$DEP_MIB <= 12") |"
  echo "| CDS Hooks service, encounter-start, ${RATE} req/s for ${SECONDS_UNDER_LOAD} s: p99, no store | <= 20 ms | ${P99_MS} ms | $(met "$P99_MS <= 20") |"
  echo "| the same with the embedded store (issued cards recorded, overrides checked) | <= 20 ms | ${P99_STORE_MS} ms | $(met "$P99_STORE_MS <= 20") |"
  echo
  echo
  echo "## Population worklist (generated exports)"
  echo
  echo "| Run | Patients | Time | Patients/s | Peak heap | Goal | Met |"
  echo "|---|---|---|---|---|---|---|"
  echo "| embedded, -Xmx1g, 2 cores | 10,000 | ${WL10_S} s | ${WL10_RATE} | ${WL10_HEAP} MiB | | |"
  echo "| embedded, -Xmx1g, 2 cores | 100,000 | ${WL100_S} s | ${WL100_RATE} | ${WL100_HEAP} MiB | < 120 s, <= 1 GiB | $(met "$WL100_S < 120") |"
  echo "| Spark local[2], -Xmx2g (JVM start to end, Spark start-up included) | 10,000 | ${SPARK_S} s | | | | |"
  echo
  echo "Load test without a store: \`$LOAD\`; with the embedded store: \`$LOAD_STORE\` (latency from each request's"
  echo "scheduled send time; authentication off)."
} > "$OUT/RESULTS.md"
cat "$OUT/RESULTS.md"
