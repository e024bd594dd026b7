package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminecds.worklist.PatientReview;
import org.ketaminecds.worklist.WorklistJob;

/**
 * The population worklist over a real Synthea bulk export of 13 patients, none of whom was ever given ketamine and 3
 * of whom died decades ago: nobody is listed, everybody is counted, and no patient's reading issues are written (they
 * are not the clinic's ketamine patients).
 */
class SyntheaWorklistTest {
    @Test
    void anExportWithoutKetaminePatients_listsNobody_andCountsEveryone(@TempDir Path out) throws Exception {
        WorklistJob.Summary s = WorklistJob.run(
                Corpus.ROOT.resolve("synthea"),
                out,
                new PatientReview.Settings(OffsetDateTime.parse("2026-12-01T12:00:00Z"), null, null),
                2,
                null);
        assertThat(s.patients()).isEqualTo(13);
        assertThat(s.inCohort()).isZero();
        assertThat(s.withCards()).isZero();
        assertThat(s.deceased()).isEqualTo(3);
        assertThat(Files.readAllLines(out.resolve("worklist.ndjson"))).isEmpty();
        List<String> issues = Files.readAllLines(out.resolve("issues.ndjson"));
        assertThat(issues).noneMatch(l -> l.startsWith("{\"patient\""));
        assertThat(Files.readString(out.resolve("summary.txt")))
                .contains("13 patients read; 0 with a ketamine or esketamine course")
                .contains("10 without a course, 3 deceased");
    }

    @Test
    void aPatientTheSiteNames_isInTheCohort_evenWithoutACourse(@TempDir Path out) throws Exception {
        String living;
        try (java.io.BufferedReader in = WorklistJob.open(
                Corpus.ROOT.resolve("synthea/Patient.000.ndjson.gz"), org.ketaminecds.worklist.ReadLimits.DEFAULTS)) {
            living = in.lines()
                    .filter(l -> !l.contains("\"deceased"))
                    .map(l -> l.replaceAll(".*?\"id\" ?: ?\"([^\"]+)\".*", "$1"))
                    .findFirst()
                    .orElseThrow();
        }
        WorklistJob.Summary s = WorklistJob.run(
                Corpus.ROOT.resolve("synthea"),
                out,
                new PatientReview.Settings(
                        OffsetDateTime.parse("2026-12-01T12:00:00Z"), null, null, java.util.Set.of(living), null),
                2,
                null);
        assertThat(s.inCohort()).isEqualTo(1);
        assertThat(s.deceased()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("9 without a course");
    }
}
