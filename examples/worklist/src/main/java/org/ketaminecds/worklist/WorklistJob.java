package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The population worklist on one machine: a FHIR Bulk Data export folder in, one row per patient with a card out.
 *
 * <p>Memory is bounded by a partition, not by the export: the NDJSON files (plain or gzip, any split) are first
 * spread over partition files on disk by a hash of the patient id, so that all of a patient's resources land in one
 * partition; then the partitions are reviewed in parallel, one per thread, each grouped by patient. Medication
 * resources, which several patients share, are kept in memory. A line that is not JSON, or names no patient, is
 * reported with its file and line number and the run goes on.
 *
 * <p>Output in {@code outDir}: {@code worklist.ndjson} and {@code worklist.csv} (patients with a card, most urgent
 * first, then by patient id), {@code issues.ndjson} (per patient: what the FHIR reader could not use; per line: what
 * could not be read), {@code worklist.html} (the rows as one self-contained page) and a summary. Patients with no
 * card are counted, not listed.
 */
public final class WorklistJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PARTITION_BYTES = 4L * 1024 * 1024;

    /** What a run did. */
    public record Summary(
            long patients,
            long withCards,
            long withIssues,
            long unreadableLines,
            long lines,
            Map<String, Long> byUrgency,
            Duration elapsed,
            long peakHeapBytes) {
        /** One line for a terminal. */
        public String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d patients reviewed in %.1f s (%.0f/s): %d with a card %s, "
                            + "%d without; %d with reading issues; %d of %d lines unreadable; peak heap %d MiB",
                    patients,
                    elapsed.toMillis() / 1000.0,
                    patients * 1000.0 / Math.max(1, elapsed.toMillis()),
                    withCards,
                    byUrgency,
                    patients - withCards,
                    withIssues,
                    unreadableLines,
                    lines,
                    peakHeapBytes >> 20);
        }
    }

    private WorklistJob() {}

    /** The NDJSON files of an export folder ({@code .ndjson}, {@code .ndjson.gz}), in name order. */
    public static List<Path> exportFiles(Path export) throws IOException {
        try (Stream<Path> files = Files.list(export)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".ndjson")
                            || p.getFileName().toString().endsWith(".ndjson.gz"))
                    .sorted()
                    .toList();
        }
    }

    /** Opens an export file, gunzipping {@code .gz}. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    public static Summary run(
            Path export, Path outDir, PatientReview.Settings settings, int threads, PrintStream progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worklist-progress");
            t.setDaemon(true);
            return t;
        });
        AtomicLong reviewed = new AtomicLong();
        AtomicLong total = new AtomicLong(-1);
        sampler.scheduleAtFixedRate(
                () -> {
                    Runtime rt = Runtime.getRuntime();
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        sampler.scheduleAtFixedRate(
                () -> {
                    if (progress != null && total.get() >= 0) {
                        progress.printf(
                                java.util.Locale.ROOT,
                                "worklist: %d of %d patients reviewed%n",
                                reviewed.get(),
                                total.get());
                    }
                },
                2,
                2,
                TimeUnit.SECONDS);
        Path work = Files.createTempDirectory("kcds-worklist");
        try {
            Files.createDirectories(outDir);
            List<Path> files = exportFiles(export);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f) * (f.toString().endsWith(".gz") ? 8 : 1);
            }
            int partitions = (int) Math.max(threads * 2L, Math.min(4096, bytes / PARTITION_BYTES + 1));
            Partitioned p = partition(files, work, partitions);
            total.set(p.patients);
            if (progress != null) {
                progress.printf(
                        java.util.Locale.ROOT,
                        "worklist: %d lines of %d files spread over %d partitions in %.1f s%n",
                        p.lines,
                        files.size(),
                        partitions,
                        (System.nanoTime() - started) / 1e9);
            }
            PatientReview review = PatientReview.of(settings);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<PatientReview.Result>>> futures = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                Path part = work.resolve("part-" + i);
                futures.add(pool.submit(() -> reviewPartition(part, review, p.types, p.medications, reviewed)));
            }
            List<PatientReview.Result> results = new ArrayList<>();
            try {
                for (Future<List<PatientReview.Result>> f : futures) {
                    results.addAll(f.get());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a partition could not be reviewed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            Summary summary = write(results, p, outDir, started, peak, reviewed.get());
            if (progress != null) {
                progress.println("worklist: " + summary.describe());
            }
            return summary;
        } finally {
            sampler.shutdownNow();
            try (Stream<Path> left = Files.list(work)) {
                for (Path f : left.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** What the partition step found. */
    record Partitioned(
            long patients, long lines, Set<String> types, Map<String, JsonNode> medications, List<String> lineIssues) {}

    static Partitioned partition(List<Path> files, Path work, int partitions) throws IOException {
        BufferedWriter[] out = new BufferedWriter[partitions];
        for (int i = 0; i < partitions; i++) {
            out[i] = Files.newBufferedWriter(work.resolve("part-" + i), StandardCharsets.UTF_8);
        }
        Set<String> types = new java.util.TreeSet<>();
        Set<String> patients = new java.util.HashSet<>();
        Map<String, JsonNode> medications = new ConcurrentHashMap<>();
        List<String> issues = new ArrayList<>();
        long lines = 0;
        try {
            for (Path file : files) {
                BulkLines.Reader reader =
                        new BulkLines.Reader(file.getFileName().toString(), open(file));
                while (reader.hasNext()) {
                    BulkLines.Entry e = reader.next();
                    if (e.issue() != null) {
                        issues.add(e.issue());
                        if (e.type() != null) {
                            types.add(e.type());
                        }
                        lines++;
                        continue;
                    }
                    lines++;
                    types.add(e.type());
                    if (e.medicationId() != null) {
                        medications.put(e.medicationId(), JSON.readTree(e.line()));
                        continue;
                    }
                    if (e.type().equals("Patient")) {
                        patients.add(e.patient());
                    }
                    BufferedWriter w = out[Math.floorMod(e.patient().hashCode(), partitions)];
                    w.write(e.patient());
                    w.write('\t');
                    w.write(e.line());
                    w.write('\n');
                }
            }
        } finally {
            for (BufferedWriter w : out) {
                w.close();
            }
        }
        return new Partitioned(patients.size(), lines, Collections.unmodifiableSet(types), medications, issues);
    }

    static List<PatientReview.Result> reviewPartition(
            Path part, PatientReview review, Set<String> types, Map<String, JsonNode> medications, AtomicLong reviewed)
            throws IOException {
        Map<String, List<JsonNode>> byPatient = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int tab = line.indexOf('\t');
                byPatient
                        .computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
                        .add(JSON.readTree(line.substring(tab + 1)));
            }
        }
        Files.deleteIfExists(part);
        List<PatientReview.Result> results = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byPatient.entrySet()) {
            boolean hasPatient = e.getValue().stream()
                    .anyMatch(r -> r.path("resourceType").asText().equals("Patient"));
            if (!hasPatient) {
                results.add(new PatientReview.Result(
                        e.getKey(),
                        null,
                        null,
                        noPatientIssue(e.getKey(), e.getValue().size())));
                continue;
            }
            results.add(review.review(e.getKey(), e.getValue(), types, medications));
            reviewed.incrementAndGet();
        }
        return results;
    }

    /** The issues line of resources whose patient the export does not hold. */
    public static String noPatientIssue(String patient, int resources) {
        ObjectNode issue = JSON.createObjectNode().put("patient", patient);
        issue.putArray("issues")
                .addObject()
                .put("resource", "Patient")
                .put(
                        "problem",
                        resources
                                + " resources refer to this patient, but the export has no Patient resource for it: not reviewed");
        return issue.toString();
    }

    /** Rows most urgent first, then by patient id. */
    static final Comparator<PatientReview.Result> ORDER = Comparator.comparing(
                    (PatientReview.Result r) -> r.urgency(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(PatientReview.Result::patientId);

    private static Summary write(
            List<PatientReview.Result> results,
            Partitioned p,
            Path outDir,
            long started,
            AtomicLong peak,
            long patients)
            throws IOException {
        results.sort(ORDER);
        Map<String, Long> byUrgency = new java.util.LinkedHashMap<>();
        long withCards = 0;
        long withIssues = 0;
        try (Writer ndjson = Files.newBufferedWriter(outDir.resolve("worklist.ndjson"), StandardCharsets.UTF_8);
                Writer csv = Files.newBufferedWriter(outDir.resolve("worklist.csv"), StandardCharsets.UTF_8);
                Writer issues = Files.newBufferedWriter(outDir.resolve("issues.ndjson"), StandardCharsets.UTF_8)) {
            csv.write(PatientReview.CSV_HEADER + "\n");
            for (PatientReview.Result r : results) {
                if (r.row() != null) {
                    ndjson.write(r.row());
                    ndjson.write('\n');
                    csv.write(PatientReview.csv(r.row()));
                    csv.write('\n');
                    withCards++;
                    byUrgency.merge(r.urgency().code(), 1L, Long::sum);
                }
            }
            List<PatientReview.Result> byId = new ArrayList<>(results);
            byId.sort(Comparator.comparing(PatientReview.Result::patientId));
            for (PatientReview.Result r : byId) {
                if (r.issues() != null) {
                    issues.write(r.issues());
                    issues.write('\n');
                    withIssues++;
                }
            }
            for (String line : p.lineIssues) {
                issues.write(line);
                issues.write('\n');
            }
        }
        Summary s = new Summary(
                patients,
                withCards,
                withIssues,
                p.lineIssues.size(),
                p.lines,
                byUrgency,
                Duration.ofNanos(System.nanoTime() - started),
                peak.get());
        Files.writeString(outDir.resolve("summary.txt"), s.describe() + "\n", StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>();
        for (PatientReview.Result r : results) {
            if (r.row() != null) {
                rows.add(r.row());
            }
        }
        Files.writeString(
                outDir.resolve("worklist.html"),
                org.ketaminecds.report.WorklistPage.html(rows, s.describe()),
                StandardCharsets.UTF_8);
        return s;
    }
}
