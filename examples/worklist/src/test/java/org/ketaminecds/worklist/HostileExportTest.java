package org.ketaminecds.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports made to hurt: a line far too long, a compression bomb, thousands of unreadable lines, a symbolic link to a
 * file outside the export, a patient with too many resources, an output placed as a link. Each is reported with its
 * file and the run goes on; every other patient is still reviewed and the outputs are the owner's alone.
 */
class HostileExportTest {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-12-01T12:00:00Z");
    static final PatientReview.Settings SETTINGS = new PatientReview.Settings(AS_OF, null, null);
    /** Small limits, so that each is crossed cheaply; the gzip ratio is the default's (checked after 64 MiB). */
    static final ReadLimits SMALL = new ReadLimits(64 << 10, 100, 1L << 30, 1_000, 200);

    @TempDir
    Path dir;

    @Test
    void hostileFiles_areReportedAndSkipped_andEveryPatientIsStillReviewed() throws Exception {
        Path export = dir.resolve("export");
        SyntheticExport.generate(export, 5, 3, AS_OF);
        try (OutputStream out = Files.newOutputStream(export.resolve("Long.ndjson"))) {
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            out.write(chunk); // 1 Mi characters, beyond the 64 Ki of SMALL

            out.write("\n{not json\n".getBytes(StandardCharsets.US_ASCII));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(export.resolve("Bomb.ndjson.gz")))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
        }
        Files.writeString(
                export.resolve("Bad.ndjson"),
                "{\"resourceType\":\"Observation\"}\n".repeat(SMALL.issuesPerKind() + 500));
        Path outside = dir.resolve("outside-secret.txt");
        Files.writeString(outside, "{\"resourceType\":\"Patient\",\"id\":\"from-outside\"}\n");
        Files.createSymbolicLink(export.resolve("Linked.ndjson"), outside);

        Path out = dir.resolve("out");
        WorklistJob.Summary summary = WorklistJob.run(
                export, out, new PatientReview.Settings(AS_OF, null, null, Set.of(), SMALL, null), 2, null);

        assertThat(summary.patients())
                .as("the five generated patients, none from outside")
                .isEqualTo(5);
        assertThat(summary.unreadableLines()).isGreaterThanOrEqualTo(SMALL.issuesPerKind() + 500 + 2);
        List<String> issues = Files.readAllLines(out.resolve("issues.ndjson"));
        assertThat(issues)
                .anySatisfy(l -> assertThat(l)
                        .contains("Long.ndjson")
                        .contains("\"line\":1,")
                        .contains("line longer than 65536 characters (--max-line-chars)"))
                .anySatisfy(l -> assertThat(l)
                        .contains("Long.ndjson")
                        .contains("\"line\":2,")
                        .contains("not a JSON"))
                .anySatisfy(l -> assertThat(l).contains("Bomb.ndjson.gz").contains("compression bomb"))
                .anySatisfy(l -> assertThat(l).contains("Linked.ndjson").contains("symbolic link: not read"))
                .anySatisfy(
                        l -> assertThat(l).contains("500 more lines with the problem 'Observation names no patient'"))
                .noneSatisfy(l -> assertThat(l).contains("from-outside"));
        assertThat(issues.stream().filter(l -> l.contains("Bad.ndjson"))).hasSize(SMALL.issuesPerKind());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rwx------");
        for (String file :
                List.of("worklist.csv", "worklist.ndjson", "issues.ndjson", "summary.txt", "worklist.html")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aFileBeyondTheSizeLimit_isReadToTheLimit_andTheRestReported() throws Exception {
        Path export = dir.resolve("export");
        SyntheticExport.generate(export, 3, 3, AS_OF);
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 200_000; i++) {
            big.append("{\"resourceType\":\"Observation\",\"id\":\"o").append(i).append("\"}\n");
        }
        Files.writeString(export.resolve("Big.ndjson"), big);
        Path out = dir.resolve("out");
        ReadLimits limits = new ReadLimits(64 << 10, 100, 100_000, 1_000, 100_000);
        WorklistJob.Summary summary = WorklistJob.run(
                export, out, new PatientReview.Settings(AS_OF, null, null, Set.of(), limits, null), 1, null);
        assertThat(summary.patients()).isEqualTo(3);
        List<String> issues = Files.readAllLines(out.resolve("issues.ndjson"));
        assertThat(issues)
                .anySatisfy(l -> assertThat(l)
                        .contains("Big.ndjson")
                        .contains("holds more than 100000 bytes (--max-file-size): not read further"));
        long bigLines = big.chars().filter(c -> c == '\n').count();
        assertThat(issues.stream().filter(l -> l.contains("Big.ndjson") && l.contains("names no patient")))
                .as("lines within the first 100,000 bytes are read (each reported: no patient); the rest are not")
                .hasSizeBetween(1, (int) (bigLines - 1));
    }

    @Test
    void limits_belowTheirLeast_areRefusedNamingTheOption() {
        assertThatThrownBy(() -> new ReadLimits(10, 100, 1L << 30, 1, 1))
                .hasMessage("--max-line-chars must be at least 1024, was 10");
        assertThatThrownBy(() -> new ReadLimits(1 << 20, 100, 1L << 30, 0, 1))
                .hasMessage("--max-resources-per-patient must be at least 1, was 0");
    }

    @Test
    void anOutputPlacedAsASymbolicLink_isNotWrittenThrough() throws Exception {
        Path export = dir.resolve("export");
        SyntheticExport.generate(export, 2, 3, AS_OF);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path target = dir.resolve("target.txt");
        Files.writeString(target, "keep me");
        Files.createSymbolicLink(out.resolve("worklist.csv"), target);
        assertThatThrownBy(() -> WorklistJob.run(export, out, SETTINGS, 1, null))
                .hasMessageContaining("worklist.csv is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    void aPatientWithTooManyResources_isReviewedOnWhatWasRead_andListedAsNotFullyReviewed() throws Exception {
        Path part = dir.resolve("part");
        StringBuilder lines = new StringBuilder("p1\t{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
        for (int i = 0; i < 5; i++) {
            lines.append("p1\t{\"resourceType\":\"Observation\",\"id\":\"o")
                    .append(i)
                    .append("\",\"subject\":{\"reference\":\"Patient/p1\"},\"status\":\"final\"}\n");
        }
        Files.writeString(part, lines);
        List<PatientReview.Result> results = PartitionReview.review(
                part,
                PatientReview.of(SETTINGS),
                Set.of("Patient", "Observation"),
                new ConcurrentHashMap<>(),
                new AtomicLong(),
                3,
                null);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.patientId()).isEqualTo("p1");
            assertThat(r.issues())
                    .contains(
                            "3 resources beyond the first 3 were not read (--max-resources-per-patient): not fully reviewed");
        });
    }

    @Test
    void csvCells_thatASpreadsheetWouldRunAsAFormula_areNeutralised() {
        assertThat(PatientReview.quote("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(PatientReview.quote("+1")).isEqualTo("\"'+1\"");
        assertThat(PatientReview.quote("-2")).isEqualTo("\"'-2\"");
        assertThat(PatientReview.quote("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(PatientReview.quote("pt-\u202Eabc")).isEqualTo("\"pt-abc\"");
        assertThat(PatientReview.quote("a=b")).isEqualTo("\"a=b\"");
    }
}
