package org.ketaminecds.worklist;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ketaminecds.support.PrivateFiles;

/**
 * What the embedded worklist writes into its output folder: worklist.ndjson and worklist.csv (the rows, most urgent
 * first), issues.ndjson (the full record of what could not be read), summary.txt (in sentences, with the issues by
 * kind), worklist.html (the page) and, for each listed patient, the course report under {@code reports/}. Every file
 * is written new and owner-only.
 */
final class WorklistOutput {
    /** The folder of the listed patients' course reports, inside the output folder. */
    static final String REPORTS = "reports";

    private WorklistOutput() {}

    /**
     * The course report file of a patient, relative to the output folder: named by a hash of the FHIR id, so that any
     * id (even one that is not a safe file name) gives one file and the same file in every run.
     */
    static String reportFile(String patientId) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(patientId.getBytes(StandardCharsets.UTF_8));
            return REPORTS + "/" + HexFormat.of().formatHex(hash, 0, 8) + ".html";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the reports folder owner-only and empties it of an earlier run's reports, and returns the sink that writes
     * each listed patient's report into it.
     */
    static PatientReview.ReportSink reports(Path outDir) throws IOException {
        Path dir = PrivateFiles.directory(outDir.resolve(REPORTS));
        removeEarlierReports(dir);
        return (patientId, html) -> PrivateFiles.writeString(outDir.resolve(reportFile(patientId)), html);
    }

    /**
     * A run without reports removes an earlier run's reports (patients this run may not list, data it did not write).
     */
    static void noReports(Path outDir) throws IOException {
        Path dir = outDir.resolve(REPORTS);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            removeEarlierReports(dir);
        }
    }

    private static void removeEarlierReports(Path dir) throws IOException {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path f : old.toList()) {
                if (f.getFileName().toString().endsWith(".html") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Rows shown on the page (5,000, most urgent first): a page of a million rows would not open; worklist.csv and
     * worklist.ndjson list every row, and the page says how many it leaves out.
     */
    static final int PAGE_ROWS = 5_000;

    static WorklistJob.Summary write(
            ResultSpill spill,
            ExportPartitions.Partitioned p,
            Path outDir,
            long started,
            AtomicLong peak,
            long patients,
            boolean reports)
            throws IOException {
        IssueKinds kinds = new IssueKinds();
        List<String> pageRows = new ArrayList<>();
        try (Writer ndjson = PrivateFiles.newWriter(outDir.resolve("worklist.ndjson"));
                Writer csv = PrivateFiles.newWriter(outDir.resolve("worklist.csv"));
                Writer issues = PrivateFiles.newWriter(outDir.resolve("issues.ndjson"))) {
            csv.write(PatientReview.CSV_HEADER + "\n");
            spill.rows(row -> {
                ResultSpill.line(ndjson, row);
                ResultSpill.line(csv, PatientReview.csv(row));
                if (pageRows.size() < PAGE_ROWS) {
                    pageRows.add(row);
                }
            });
            spill.issues(line -> {
                ResultSpill.line(issues, line);
                kinds.addPatient(line);
            });
            for (String line : p.lineIssues()) {
                ResultSpill.line(issues, line);
                kinds.addLine(line);
            }
        }
        WorklistJob.Summary s = new WorklistJob.Summary(
                patients,
                spill.rowCount(),
                spill.issueCount(),
                p.unreadable(),
                p.lines(),
                spill.byUrgencyMostUrgentFirst(),
                Duration.ofNanos(System.nanoTime() - started),
                peak.get(),
                spill.inCohort,
                spill.deceased);
        PrivateFiles.writeString(outDir.resolve("summary.txt"), s.describe() + "\n\n" + kinds.text() + "\n");
        List<List<String>> kindRows = kinds.kinds().stream()
                .map(k -> List.of(
                        String.format(java.util.Locale.ROOT, "%,d", k.count()),
                        k.kind(),
                        k.example() == null ? "" : k.example(),
                        k.advice()))
                .toList();
        String pageSummary = s.describe()
                + (s.withCards() > PAGE_ROWS
                        ? String.format(
                                java.util.Locale.ROOT,
                                " This page shows the %,d most urgent of the %,d listed; worklist.csv lists them all.",
                                PAGE_ROWS,
                                s.withCards())
                        : "");
        PrivateFiles.writeString(
                outDir.resolve("worklist.html"),
                org.ketaminecds.report.WorklistPage.html(
                        pageRows, pageSummary, kindRows, reports ? WorklistOutput::reportFile : id -> null));
        return s;
    }
}
