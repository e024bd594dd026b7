#!/usr/bin/env bash
# Soak run of the CDS Hooks service (issue 27): the service with the embedded store and -Xmx512m under a mixed load for
# SOAK_SECONDS (default 600): encounter-start at SOAK_RATE requests/s (default 100) by the bench's load generator, and
# alongside it a loop of course-overview calls, opened report links and feedback on their cards; first, 40
# report-heavy calls of 6 MB (1,500 unrecognised medicines with 4,000-character names). Every 30 s it samples the
# service's live heap and its open file descriptors. Prints the samples, the error counts and whether heap and
# descriptors stayed flat. Run from a clean clone: examples/bench/soak.sh (builds first).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TOTAL=${SOAK_SECONDS:-600}
RATE=${SOAK_RATE:-100}
# Reports live 15 minutes in service; a shorter life lets the report cache reach its steady state within the run.
REPORT_LIFETIME=${SOAK_REPORT_LIFETIME:-PT3M}
OUT=examples/bench/target/soak
mkdir -p "$OUT"
[ -n "${SOAK_NO_BUILD:-}" ] || mvn -B -q -ntp package -DskipTests
CP="examples/bench/target/ketamine-cds-bench.jar:examples/bench/target/lib/*"
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar examples/service/target/ketamine-cds-service.jar \
    --clinic-zone UTC --host 127.0.0.1 --port "$PORT" --insecure-no-auth --store embedded --data-dir "$DATA" \
    --base-url "http://127.0.0.1:$PORT" --report-lifetime "$REPORT_LIFETIME" > "$OUT/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 150); do
  curl -sf "http://127.0.0.1:$PORT/cds-services" > /dev/null 2>&1 && break
  sleep 0.2
done

sample() { # prints "seconds liveMiB fds": live bytes from a class histogram, taken in one full-GC pause (a heap
  # reading after a separate GC.run would count what 100 requests a second allocate between the two commands)
  local live
  live=$(jcmd "$SERVICE" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}')
  echo "$1 $(( ${live:-0} / 1048576 )) $(ls /proc/$SERVICE/fd | wc -l)"
}

echo "== 40 report-heavy calls of 6 MB"
python3 - "$PORT" <<'EOF' | tee "$OUT/heavy.txt"
import json, sys, urllib.request
port = sys.argv[1]
r = json.load(open("examples/requests/patient-view.json"))
entries = [{"resource": {"resourceType": "MedicationStatement", "id": f"ms-{i}", "status": "active",
            "medicationCodeableConcept": {"text": f"{i:05d}" + "x" * 4000},
            "subject": {"reference": "Patient/pt-1001"}}} for i in range(1500)]
r["prefetch"]["medicationStatements"] = {"resourceType": "Bundle", "type": "searchset", "entry": entries}
body = json.dumps(r).encode()
codes = {}
for _ in range(40):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/cds-services/ketamine-course-overview", body,
                                 {"Content-Type": "application/json"})
    try:
        code = urllib.request.urlopen(req, timeout=120).status
    except urllib.error.HTTPError as e:
        code = e.code
    codes[code] = codes.get(code, 0) + 1
print(f"body {len(body) / 1e6:.1f} MB, answers by status: {codes}")
EOF

echo "== mixed load for $SECONDS_TOTAL s: encounter-start at $RATE/s, course overview + report + feedback in a loop"
sample 0 > "$OUT/samples.txt"
java -cp "$CP" org.ketaminecds.bench.LoadTest "http://127.0.0.1:$PORT/cds-services/ketamine-session-day" \
    examples/requests/encounter-start.json "$RATE" "$SECONDS_TOTAL" > "$OUT/load.txt" &
LOAD=$!
python3 - "$PORT" "$SECONDS_TOTAL" > "$OUT/mixed.txt" 2> "$OUT/mixed-errors.txt" <<'EOF' &
import json, sys, time, urllib.request, datetime
port, total = sys.argv[1], int(sys.argv[2])
body = open("examples/requests/patient-view.json", "rb").read()
end = time.time() + total
counts = {"calls": 0, "reports": 0, "feedback": 0, "errors": 0}
def call(url, data=None):
    req = urllib.request.Request(url, data, {"Content-Type": "application/json"} if data else {})
    return urllib.request.urlopen(req, timeout=30)
while time.time() < end:
    try:
        resp = json.load(call(f"http://127.0.0.1:{port}/cds-services/ketamine-course-overview", body))
        counts["calls"] += 1
        cards = resp.get("cards", [])
        links = [l["url"] for c in cards for l in c.get("links", []) if "/reports/" in l["url"]]
        if links:
            call(links[0]).read()
            counts["reports"] += 1
        if cards:
            now = datetime.datetime.now(datetime.timezone.utc).isoformat()
            fb = {"feedback": [{"card": cards[0]["uuid"], "outcome": "overridden",
                                "overrideReason": {"userComment": "soak"}, "outcomeTimestamp": now}]}
            call(f"http://127.0.0.1:{port}/cds-services/ketamine-course-overview/feedback",
                 json.dumps(fb).encode()).read()
            counts["feedback"] += 1
    except Exception as e:
        counts["errors"] += 1
        detail = f"{type(e).__name__} {getattr(e, 'code', '')} {getattr(e, 'url', '')}".strip()
        try:
            detail += " " + e.read().decode("utf-8", "replace")[:300]
        except Exception:
            pass
        print(f"error at {time.strftime('%H:%M:%S')}: {detail}", file=sys.stderr)
    time.sleep(0.05)
print(" ".join(f"{k}={v}" for k, v in counts.items()))
EOF
MIXED=$!
histogram() { jcmd "$SERVICE" GC.class_histogram 2>/dev/null > "$1" || true; }
for t in $(seq 30 30 "$SECONDS_TOTAL"); do
  sleep 30
  sample "$t" >> "$OUT/samples.txt"
  [ "$t" -ne 60 ] || histogram "$OUT/histogram-60.txt"
done
histogram "$OUT/histogram-end.txt"
wait $LOAD $MIXED || true

echo "== samples (seconds, live heap MiB, open file descriptors)"
cat "$OUT/samples.txt"
echo "load: $(cat "$OUT/load.txt")"
echo "== classes whose live bytes grew most between the first minute and the end"
python3 - "$OUT/histogram-60.txt" "$OUT/histogram-end.txt" <<'EOF' || true
import re, sys
def read(path):
    out = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            out[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return out
before, after = read(sys.argv[1]), read(sys.argv[2])
growth = sorted(((after[c][1] - before.get(c, (0, 0))[1], after[c][0] - before.get(c, (0, 0))[0], c) for c in after),
                reverse=True)
for bytes_, count, name in growth[:12]:
    print(f"{bytes_ / 1048576:+8.2f} MiB {count:+9d} objects  {name}")
EOF
echo "mixed: $(cat "$OUT/mixed.txt")"
head -5 "$OUT/mixed-errors.txt"
python3 - "$OUT/samples.txt" "$SECONDS_TOTAL" <<'EOF'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
total = int(sys.argv[2])
# Under load only (the last sample may fall after the load ends), after the first minute's warm-up.
during = [r for r in rows if 60 <= r[0] < total]
half = len(during) // 2
first, second = during[:half], during[half:]
growth = statistics.mean(r[1] for r in second) - statistics.mean(r[1] for r in first)
fds = [r[2] for r in during]
print(f"under load: live heap {min(r[1] for r in during)}-{max(r[1] for r in during)} MiB, mean of the second half "
      f"{growth:+.1f} MiB against the first; descriptors {min(fds)}-{max(fds)}; "
      f"flat: {'yes' if growth <= 16 and max(fds) - min(fds) <= 4 else 'NO'}")
EOF
