#!/usr/bin/env bash
# A/B benchmark: this commit against a reference commit, side by side in one run on one machine.
#   examples/bench/ab.sh [REF [NEW]]     REF defaults to the baseline below, NEW to HEAD (commits, not the work tree)
#   ROUNDS=3 LOAD=0 AB_BENCHMARKS='fullTypical|statelessTypical' examples/bench/ab.sh 4827f88   a quicker check: more
#   rounds of chosen benchmarks (a JMH regex alternation), without the service load
# Builds both in git worktrees under target/ab, then alternates them: JMH (sample time, 1 fork, 3 x 2 s warm-up,
# 4 x 2 s measurement, with the bytes allocated per evaluation: a figure the machine's noise barely moves) for ROUNDS
# rounds each, and the CDS Hooks service at RATE requests/s for LOAD_SECONDS (the
# same load generator, this commit's, for both). Prints, per figure, the median over rounds of each side and
# NEW / REF. About 20 minutes on 2 cores with the defaults. Nothing else should run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# The last commit before clinical content v2: the figure issue 24 asks to win back.
BASELINE=68dfe1d
REF=${1:-$BASELINE}
NEW=${2:-HEAD}
ROUNDS=${ROUNDS:-2}
RATE=${LOAD_RATE:-1000}
LOAD_SECONDS=${LOAD_SECONDS:-20}
# A fresh service spends its first ~40 s under load compiling (JIT): measured cold (the first LOAD_SECONDS after
# start) and again after LOAD_WARMUP more seconds at the same rate (steady state).
LOAD_WARMUP=${LOAD_WARMUP:-40}
BENCHMARKS=${AB_BENCHMARKS:-'fullTypical|notKetamineTypical|pooledTypical|statelessTypical|jsonInCardsOutTypical|medicationDroolsTypical|medicationPlainJavaTypical|medicationVocabularyTypical|medicationVocabularyUncachedTypical'}
OUT=$ROOT/target/ab
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.load "$OUT"/*.cold

build() { # $1 = label, $2 = commit
  local dir=$OUT/$1
  git worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
  git worktree add --detach "$dir" "$2" > /dev/null
  echo "== building $1 ($(git -C "$dir" log -1 --format='%h %cs %s' | cut -c1-80))" >&2
  (cd "$dir" && mvn -B -q package -DskipTests -Dspotless.check.skip=true -Dmaven.javadoc.skip=true > "$OUT/$1-build.log" 2>&1) \
      || { tail -40 "$OUT/$1-build.log"; exit 1; }
}

# The class path, benchmark class and service command of a build: the module layout changed over time.
layout() { # $1 = label; sets CP, BENCH, SERVICE
  local dir=$OUT/$1
  if [ -f "$dir/examples/bench/pom.xml" ]; then
    CP="$dir/examples/bench/target/ketamine-cds-bench.jar:$dir/examples/bench/target/lib/*"
    BENCH=org.ketaminecds.bench.EvaluationBenchmark
    SERVICE=(java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$dir/examples/service/target/ketamine-cds-service.jar"
      --clinic-zone UTC --store none)
  else
    CP="$dir/examples/target/ketamine-cds-examples.jar:$dir/examples/target/lib/*"
    BENCH=org.ketaminecds.examples.bench.EvaluationBenchmark
    SERVICE=(java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.ketaminecds.examples.service.CdsHooksServer)
  fi
}

jmh() { # $1 = label, $2 = round
  layout "$1"
  echo "== JMH $1, round $2" >&2
  java -cp "$CP" org.openjdk.jmh.Main "${BENCH//./\\.}\\.($BENCHMARKS)\$" -f 1 -wi 3 -w 2s -i 4 -r 2s -bm sample -prof gc \
      -tu us -rf json -rff "$OUT/$1-$2.json" > "$OUT/$1-$2.jmh.log" 2>&1 || { tail -30 "$OUT/$1-$2.jmh.log"; exit 1; }
}

load() { # $1 = label, $2 = round
  layout "$1"
  echo "== service $1, round $2: $RATE req/s for $LOAD_SECONDS s" >&2
  local port service
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "${SERVICE[@]}" --host 127.0.0.1 --port "$port" --insecure-no-auth > "$OUT/$1-$2.service.log" 2>&1 &
  service=$!
  for _ in $(seq 150); do
    if curl -sf "http://127.0.0.1:$port/cds-services" > /dev/null 2>&1; then break; fi
    sleep 0.2
  done
  layout new
  local url="http://127.0.0.1:$port/cds-services/ketamine-session-day" body="$ROOT/examples/requests/encounter-start.json"
  java -cp "$CP" org.ketaminecds.bench.LoadTest "$url" "$body" "$RATE" "$LOAD_SECONDS" 0 > "$OUT/$1-$2.cold"
  java -cp "$CP" org.ketaminecds.bench.LoadTest "$url" "$body" "$RATE" "$LOAD_SECONDS" "$LOAD_WARMUP" > "$OUT/$1-$2.load"
  kill $service 2>/dev/null || true
  wait $service 2>/dev/null || true
}

build ref "$REF"
build new "$NEW"
for round in $(seq "$ROUNDS"); do
  jmh ref "$round"
  jmh new "$round"
done
for round in $(seq "$ROUNDS"); do
  [ "${LOAD:-1}" = 0 ] && break
  load ref "$round"
  load new "$round"
done

python3 - "$OUT" "$(git -C "$OUT/ref" log -1 --format=%h)" "$(git -C "$OUT/new" log -1 --format=%h)" "$ROUNDS" <<'EOF'
import glob, json, os, re, statistics, sys
out, ref, new, rounds = sys.argv[1:]
def jmh(label):
    figures = {}
    for f in sorted(glob.glob(f"{out}/{label}-*.json")):
        for r in json.load(open(f)):
            name = r["benchmark"].rsplit(".", 1)[1]
            p = r["primaryMetric"]["scorePercentiles"]
            figures.setdefault(name, {}).setdefault("p50", []).append(p["50.0"])
            figures[name].setdefault("p99", []).append(p["99.0"])
            alloc = r.get("secondaryMetrics", {}).get("\u00b7gc.alloc.rate.norm") or r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if alloc:
                figures[name].setdefault("alloc", []).append(alloc["score"] / 1024)
    return figures
def load(label, kind="load"):
    runs = [dict(kv.split("=") for kv in open(f).read().split()) for f in sorted(glob.glob(f"{out}/{label}-*.{kind}"))]
    return {k: [float(r[k]) for r in runs] for k in ("ok", "dropped", "p50Ms", "p99Ms")} if runs else {}
def fmt(values, unit):
    return "n/a" if not values else f"{statistics.median(values):.1f} {unit} ({'-'.join(f'{v:.1f}' for v in (min(values), max(values)))})"
def ratio(a, b):
    return "" if not a or not b else f"{statistics.median(b) / statistics.median(a):.2f}x"
a, b = jmh("ref"), jmh("new")
print(f"\nA/B: {new} against {ref}, median of {rounds} alternating rounds (min-max in brackets)\n")
print(f"| Figure | {ref} | {new} | {new} / {ref} |\n|---|---|---|---|")
for name in sorted(set(a) | set(b), key=lambda n: (n not in a, n)):
    for q, unit in (("p50", "us"), ("p99", "us"), ("alloc", "KiB/op")):
        x, y = a.get(name, {}).get(q), b.get(name, {}).get(q)
        if x or y:
            print(f"| {name} {q} | {fmt(x, unit)} | {fmt(y, unit)} | {ratio(x, y)} |")
for kind, title in (("cold", "service cold"), ("load", "service warm")):
    la, lb = load("ref", kind), load("new", kind)
    for key, unit in (("p50Ms", "ms"), ("p99Ms", "ms"), ("ok", "answered"), ("dropped", "dropped")):
        print(f"| {title} {key} | {fmt(la.get(key), unit)} | {fmt(lb.get(key), unit)} | {ratio(la.get(key), lb.get(key)) if key.endswith('Ms') else ''} |")
EOF
