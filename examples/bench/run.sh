#!/usr/bin/env bash
# Ketamine CDS benchmarks: one command, under 10 minutes on 2 cores. Writes examples/target/benchmarks/RESULTS.md
# and prints every figure next to its goal.
#   in-process JMH benchmarks (latency p50/p99, throughput, allocation, 2-thread scaling, plain-Java baseline, JSON)
#   cold start in fresh JVMs (median time to first result, heap after load), runtime dependency size
#   the CDS Hooks service under a fixed 1,000 requests/s for 30 s over loopback
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=examples/target/benchmarks
RUNS=${COLD_START_RUNS:-7}
RATE=${LOAD_RATE:-1000}
SECONDS_UNDER_LOAD=${LOAD_SECONDS:-30}

mvn -B -q package -DskipTests
mkdir -p "$OUT"
CP="examples/target/ketamine-cds-examples.jar:examples/target/lib/*"

echo "== JMH (in-process)"
java -cp "$CP" org.ketaminecds.examples.bench.Benchmarks "$OUT" > "$OUT/jmh.log" 2>&1 || { tail -50 "$OUT/jmh.log"; exit 1; }

echo "== cold start ($RUNS fresh JVMs)"
: > "$OUT/coldstart.txt"
for i in $(seq "$RUNS"); do
  java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.ketaminecds.examples.bench.ColdStart >> "$OUT/coldstart.txt"
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
  java -cp "$CP" org.ketaminecds.examples.bench.LoadTest "http://127.0.0.1:$port/cds-services/ketamine-session-day" \
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
  echo "Load test without a store: \`$LOAD\`; with the embedded store: \`$LOAD_STORE\` (latency from each request's"
  echo "scheduled send time; authentication off)."
} > "$OUT/RESULTS.md"
cat "$OUT/RESULTS.md"
