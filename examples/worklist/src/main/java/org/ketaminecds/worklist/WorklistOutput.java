package org.ketaminecds.worklist;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
        try (Stream<Path> old = Files.list(dir)) {
            for (Path f : old.toList()) {
                if (f.getFileName().toString().endsWith(".html") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f);
                }
            }
        }
        return (patientId, html) -> PrivateFiles.writeString(outDir.resolve(reportFile(patientId)), html);
    }

    static WorklistJob.Summary write(
            List<PatientReview.Result> results,
            WorklistJob.Partitioned p,
            Path outDir,
            long started,
            AtomicLong peak,
            long patients,
            boolean reports)
            throws IOException {
        results.sort(WorklistJob.ORDER);
        Map<String, Long> byUrgency = new java.util.LinkedHashMap<>();
        IssueKinds kinds = new IssueKinds();
        long withCards = 0;
        long withIssues = 0;
        try (Writer ndjson = PrivateFiles.newWriter(outDir.resolve("worklist.ndjson"));
                Writer csv = PrivateFiles.newWriter(outDir.resolve("worklist.csv"));
                Writer issues = PrivateFiles.newWriter(outDir.resolve("issues.ndjson"))) {
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
                    kinds.addPatient(r.issues());
                    withIssues++;
                }
            }
            for (String line : p.lineIssues()) {
                issues.write(line);
                issues.write('\n');
                kinds.addLine(line);
            }
        }
        long inCohort = results.stream()
                .filter(r -> r.cohort() == PatientReview.Cohort.COURSE || r.cohort() == PatientReview.Cohort.NAMED)
                .count();
        long deceased = results.stream()
                .filter(r -> r.cohort() == PatientReview.Cohort.DECEASED)
                .count();
        WorklistJob.Summary s = new WorklistJob.Summary(
                patients,
                withCards,
                withIssues,
                p.unreadable(),
                p.lines(),
                byUrgency,
                Duration.ofNanos(System.nanoTime() - started),
                peak.get(),
                inCohort,
                deceased);
        PrivateFiles.writeString(outDir.resolve("summary.txt"), s.describe() + "\n\n" + kinds.text() + "\n");
        List<String> rows = new ArrayList<>();
        for (PatientReview.Result r : results) {
            if (r.row() != null) {
                rows.add(r.row());
            }
        }
        List<List<String>> kindRows = kinds.kinds().stream()
                .map(k -> List.of(
                        String.format(java.util.Locale.ROOT, "%,d", k.count()),
                        k.kind(),
                        k.example() == null ? "" : k.example(),
                        k.advice()))
                .toList();
        PrivateFiles.writeString(
                outDir.resolve("worklist.html"),
                org.ketaminecds.report.WorklistPage.html(
                        rows, s.describe(), kindRows, reports ? WorklistOutput::reportFile : id -> null));
        return s;
    }
}
