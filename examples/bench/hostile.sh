#!/usr/bin/env bash
# Hostile exports at full size through the worklist with -Xmx1g (issue 27), each next to a small generated export
# whose patients must all still be listed: a gzip bomb (about 10 GiB of zeros in a small file), one 2 GiB line,
# 10 million unreadable lines, and one patient with 1 million Observations. Prints, per case, the exit code, the wall
# time, the patients listed and the issue lines written. `mvn verify` covers the same limits with small values
# (HostileExportTest); this is the size the security test used. Run from a clean clone: examples/bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -n "${HOSTILE_NO_BUILD:-}" ] || mvn -B -q -ntp install -DskipTests
CLI=examples/cli/target/ketamine-cds-cli.jar
AS_OF=2026-12-01T12:00:00Z

run_case() { # $1 = name; the export is $WORK/$1
  local start end code
  start=$(date +%s.%N)
  set +e
  java -Xmx1g -jar "$CLI" worklist "$WORK/$1" -o "$WORK/out-$1" --as-of "$AS_OF" --no-reports > "$WORK/$1.log" 2>&1
  code=$?
  set -e
  end=$(date +%s.%N)
  python3 - "$1" "$code" "$start" "$end" "$WORK/out-$1" <<'PY'
import os, sys
name, code, start, end, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
def count(f):
    p = os.path.join(out, f)
    return sum(1 for _ in open(p)) if os.path.exists(p) else "none"
print(f"{name}: exit {code}, {end - start:.0f} s, {count('worklist.ndjson')} patients listed, "
      f"{count('issues.ndjson')} issue lines, summary {'written' if os.path.exists(os.path.join(out, 'summary.txt')) else 'MISSING'}")
PY
}

for c in bomb longline badlines bigpatient; do
  java -jar "$CLI" generate-export "$WORK/$c" --patients 30 --as-of "$AS_OF" > /dev/null 2>&1
done
echo "== making the hostile files"
head -c $((10 * 1024 * 1024 * 1024)) /dev/zero | gzip -1 > "$WORK/bomb/Bomb.ndjson.gz"
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/longline/Long.ndjson", "wb") as f:
    chunk = b"a" * (1 << 24)
    for _ in range(128):  # 2 GiB on one line
        f.write(chunk)
    f.write(b"\n")
with open(f"{work}/badlines/Bad.ndjson", "wb") as f:
    line = b"{not json at all}\n"
    block = line * 100_000
    for _ in range(100):  # 10 million lines
        f.write(block)
with open(f"{work}/bigpatient/Observation.ndjson", "w") as f:
    f.write('{"resourceType":"Patient","id":"huge"}\n')
    for i in range(1_000_000):
        f.write('{"resourceType":"Observation","id":"o%d","status":"final","subject":{"reference":"Patient/huge"},'
                '"code":{"text":"a reading"},"effectiveDateTime":"2026-11-01T10:00:00Z","valueQuantity":{"value":1}}\n' % i)
PY
ls -la "$WORK"/bomb/Bomb.ndjson.gz "$WORK"/longline/Long.ndjson "$WORK"/badlines/Bad.ndjson "$WORK"/bigpatient/Observation.ndjson \
    | awk '{print $5, $9}'
echo "== worklist -Xmx1g on each (30 generated patients with courses beside the hostile file)"
for c in bomb longline badlines bigpatient; do
  run_case "$c"
done
