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
        com.fasterxml.jackson.databind.JsonNode patient;
        try (java.io.BufferedReader in = WorklistJob.open(
                Corpus.ROOT.resolve("synthea/Patient.000.ndjson.gz"), org.ketaminecds.worklist.ReadLimits.DEFAULTS)) {
            patient = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(in.lines()
                            .filter(l -> !l.contains("\"deceased"))
                            .findFirst()
                            .orElseThrow());
        }
        String living = patient.path("id").asText();
        WorklistJob.Summary s = WorklistJob.run(
                Corpus.ROOT.resolve("synthea"),
                out,
                new PatientReview.Settings(
                        OffsetDateTime.parse("2026-12-01T12:00:00Z"), null, null, java.util.Set.of(living), null, null),
                2,
                null);
        assertThat(s.inCohort()).isEqualTo(1);
        assertThat(s.deceased()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("9 without a course");
    }

    @Test
    void aSyntheaPatientGivenEsketamine_isListedWithTheExportsIdentity(@TempDir Path dir) throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        try (java.util.stream.Stream<Path> files = Files.list(Corpus.ROOT.resolve("synthea"))) {
            for (Path f : files.toList()) {
                Files.copy(f, export.resolve(f.getFileName()));
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode patient;
        try (java.io.BufferedReader in = WorklistJob.open(
                export.resolve("Patient.000.ndjson.gz"), org.ketaminecds.worklist.ReadLimits.DEFAULTS)) {
            patient = json.readTree(in.lines()
                    .filter(l -> !l.contains("\"deceased"))
                    .findFirst()
                    .orElseThrow());
        }
        // One esketamine session (RxNorm 2201625, SPRAVATO) a week before the review: a course on record.
        Files.writeString(
                export.resolve("MedicationAdministration.ndjson"),
                "{\"resourceType\":\"MedicationAdministration\",\"id\":\"esk-1\",\"status\":\"completed\","
                        + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\","
                        + "\"code\":\"2201625\"}]},\"subject\":{\"reference\":\"Patient/"
                        + patient.path("id").asText()
                        + "\"},\"effectiveDateTime\":\"2026-11-24T10:00:00Z\"}\n");
        Path out = dir.resolve("out");
        WorklistJob.Summary s = WorklistJob.run(
                export,
                out,
                new PatientReview.Settings(OffsetDateTime.parse("2026-12-01T12:00:00Z"), null, null),
                2,
                null);
        assertThat(s.inCohort()).isEqualTo(1);
        assertThat(s.withCards()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode row = json.readTree(Files.readString(out.resolve("worklist.ndjson")));
        com.fasterxml.jackson.databind.JsonNode official = patient.path("name").get(0);
        assertThat(official.path("use").asText()).isEqualTo("official");
        assertThat(row.path("name").asText())
                .startsWith(official.path("given").get(0).asText())
                .endsWith(official.path("family").asText());
        String mr = null;
        for (com.fasterxml.jackson.databind.JsonNode id : patient.path("identifier")) {
            if (id.path("type").path("coding").path(0).path("code").asText().equals("MR")) {
                mr = id.path("value").asText();
            }
        }
        assertThat(row.path("mrn").asText())
                .as("the identifier typed MR, not the SSN beside it")
                .isEqualTo(mr);
        assertThat(row.path("birthDate").asText())
                .isEqualTo(patient.path("birthDate").asText());
        assertThat(row.path("lastSession").asText()).isEqualTo("2026-11-24");
        assertThat(Files.readString(out.resolve("worklist.html")))
                .contains(official.path("family").asText());
    }
}
