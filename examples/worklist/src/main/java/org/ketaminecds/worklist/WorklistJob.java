package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ketaminecds.support.PrivateFiles;

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

    /**
     * What a run did.
     *
     * @param patients patients read
     * @param withCards patients listed (in the cohort, with a card)
     * @param withIssues listed or cohort patients with reading issues
     * @param unreadableLines export lines that could not be read
     * @param lines export lines read
     * @param byUrgency listed patients by their most urgent card
     * @param elapsed time taken
     * @param peakHeapBytes the heap's peak, for the machine line
     * @param inCohort patients with a ketamine or esketamine course on record, or named by the site
     * @param deceased patients the export records as deceased (counted, not listed)
     */
    public record Summary(
            long patients,
            long withCards,
            long withIssues,
            long unreadableLines,
            long lines,
            Map<String, Long> byUrgency,
            Duration elapsed,
            long peakHeapBytes,
            long inCohort,
            long deceased) {
        /** What a clinic lead reads: who was read, who is listed and why the others are not. */
        public String describe() {
            String levels = byUrgency.isEmpty()
                    ? ""
                    : " ("
                            + String.join(
                                    ", ",
                                    byUrgency.entrySet().stream()
                                            .map(e -> String.format(
                                                    java.util.Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                                            .toList())
                            + ")";
            return String.format(
                    java.util.Locale.ROOT,
                    "%,d patients read; %,d with a ketamine or esketamine course; %,d of them listed%s, %,d with "
                            + "nothing to act on. Not listed: %,d without a course, %,d deceased. %,d patients in the "
                            + "cohort have reading issues; %,d of %,d export lines could not be read (issues.ndjson). "
                            + "Took %.1f s.",
                    patients,
                    inCohort,
                    withCards,
                    levels,
                    inCohort - withCards,
                    patients - inCohort - deceased,
                    deceased,
                    withIssues,
                    unreadableLines,
                    lines,
                    elapsed.toMillis() / 1000.0);
        }

        /** The machine figures, for the terminal (and the bench): rate and peak heap. */
        public String machine() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d patients reviewed in %.1f s (%.0f/s), peak heap %d MiB",
                    patients,
                    elapsed.toMillis() / 1000.0,
                    patients * 1000.0 / Math.max(1, elapsed.toMillis()),
                    peakHeapBytes >> 20);
        }
    }

    private WorklistJob() {}

    /**
     * The NDJSON files of an export folder ({@code .ndjson}, {@code .ndjson.gz}), in name order; symbolic links are
     * not followed (see {@link #linkedFiles}).
     */
    public static List<Path> exportFiles(Path export) throws IOException {
        try (Stream<Path> files = Files.list(export)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(WorklistJob::isExportFile)
                    .sorted()
                    .toList();
        }
    }

    /**
     * Export files of the folder that are symbolic links: not read, since they may point anywhere (a file outside the
     * export would end up, in part, in the issues file); each is reported.
     */
    public static List<String> linkedFiles(Path export) throws IOException {
        try (Stream<Path> files = Files.list(export)) {
            return files.filter(Files::isSymbolicLink)
                    .filter(WorklistJob::isExportFile)
                    .sorted()
                    .map(p -> BulkLines.issue(
                            p.getFileName().toString(),
                            0,
                            "a symbolic link: not read (only the export folder's own files are read)"))
                    .toList();
        }
    }

    private static boolean isExportFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".ndjson") || name.endsWith(".ndjson.gz");
    }

    /** Opens an export file within the limits, gunzipping {@code .gz} (see {@link BulkLines#open}). */
    public static BufferedReader open(Path file, ReadLimits limits) throws IOException {
        InputStream in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return BulkLines.open(in, file.getFileName().toString(), limits);
    }

    /** Runs the job, writing a course report for each listed patient. */
    public static Summary run(
            Path export, Path outDir, PatientReview.Settings settings, int threads, PrintStream progress)
            throws IOException, InterruptedException {
        return run(export, outDir, settings, threads, progress, true);
    }

    /**
     * Runs the job.
     *
     * @param reports whether to write each listed patient's course report under {@code reports/}, linked from the page
     */
    public static Summary run(
            Path export,
            Path outDir,
            PatientReview.Settings settings,
            int threads,
            PrintStream progress,
            boolean reports)
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
            PrivateFiles.directory(outDir);
            List<Path> files = exportFiles(export);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f) * (f.toString().endsWith(".gz") ? 8 : 1);
            }
            int partitions = (int) Math.max(threads * 2L, Math.min(4096, bytes / PARTITION_BYTES + 1));
            ExportPartitions.Partitioned p = ExportPartitions.partition(files, work, partitions, settings.limits());
            p.lineIssues().addAll(0, linkedFiles(export));
            total.set(p.patients());
            if (progress != null) {
                progress.printf(
                        java.util.Locale.ROOT,
                        "worklist: %d lines of %d files spread over %d partitions in %.1f s%n",
                        p.lines(),
                        files.size(),
                        partitions,
                        (System.nanoTime() - started) / 1e9);
            }
            PatientReview.Settings expanded = new PatientReview.Settings(
                    settings.asOf(),
                    settings.policyFile(),
                    settings.knowledgeBase(),
                    ExportPartitions.cohort(settings.cohort(), p.groups(), p.lineIssues()),
                    settings.limits(),
                    settings.mrnSystem());
            PatientReview review = PatientReview.of(expanded);
            PatientReview.ReportSink sink = reports ? WorklistOutput.reports(outDir) : null;
            if (!reports) {
                WorklistOutput.noReports(outDir);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<PatientReview.Result>>> futures = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                Path part = work.resolve("part-" + i);
                futures.add(pool.submit(() -> PartitionReview.review(
                        part,
                        review,
                        p.types(),
                        p.medications(),
                        reviewed,
                        settings.limits().resourcesPerPatient(),
                        sink)));
            }
            try (ResultSpill spill = new ResultSpill(work)) {
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        for (PatientReview.Result r : futures.get(i).get()) {
                            spill.add(r);
                        }
                        futures.set(i, null); // its results are on disk now
                    } catch (java.util.concurrent.ExecutionException e) {
                        // One partition's failure (its memory, a bug) costs its patients, never the others' rows.
                        p.lineIssues()
                                .add(BulkLines.issue(
                                        "(partition " + i + ")",
                                        0,
                                        "the patients of this partition could not be reviewed ("
                                                + e.getCause().getClass().getSimpleName()
                                                + "): they are not on the worklist; run again with more memory"));
                    }
                }
                pool.shutdownNow();
                Summary summary = WorklistOutput.write(spill, p, outDir, started, peak, reviewed.get(), reports);
                if (progress != null) {
                    progress.println("worklist: " + summary.describe());
                }
                return summary;
            } finally {
                pool.shutdownNow();
            }
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
}
