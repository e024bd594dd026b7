package org.ketaminecds.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded worklist job on a generated export: grouping, rules per course pattern, bad lines, determinism. */
class WorklistJobTest {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-12-01T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final PatientReview.Settings SETTINGS = new PatientReview.Settings(AS_OF, null, null);

    @TempDir
    static Path dir;

    static Path export;
    static Path out;
    static WorklistJob.Summary summary;

    @BeforeAll
    static void generateAndRun() throws Exception {
        export = dir.resolve("export");
        SyntheticExport.generate(export, 60, 7, AS_OF);
        // A line that is not JSON, one that names no patient, and a patient referred to but not exported.
        Files.writeString(
                export.resolve("Condition.ndjson"),
                "{not json\n"
                        + "{\"resourceType\":\"Condition\",\"id\":\"orphan\",\"code\":{\"text\":\"x\"}}\n"
                        + "{\"resourceType\":\"Condition\",\"id\":\"ghost-c\",\"subject\":{\"reference\":\"Patient/ghost\"},"
                        + "\"code\":{\"text\":\"Depression\"},\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]}}\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        out = dir.resolve("out");
        summary = WorklistJob.run(export, out, SETTINGS, 2, null);
    }

    static Map<String, JsonNode> rows(Path folder) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        for (String line : Files.readAllLines(folder.resolve("worklist.ndjson"))) {
            JsonNode row = JSON.readTree(line);
            rows.put(row.path("patient").asText(), row);
        }
        return rows;
    }

    static List<String> rules(JsonNode row) {
        List<String> ids = new ArrayList<>();
        row.path("rules").forEach(r -> ids.add(r.asText()));
        return ids;
    }

    @Test
    void eachCoursePattern_namesItsRule_andTheRelapseWindowPatient_theFollowUpRule() throws Exception {
        Map<String, JsonNode> rows = rows(out);
        assertThat(summary.patients()).isEqualTo(60);
        assertThat(rules(rows.get("syn-000001-relapse"))).contains("MNT-030");
        assertThat(rules(rows.get("syn-000002-overdue"))).contains("MNT-023");
        assertThat(rules(rows.get("syn-000003-rising"))).contains("TRJ-021");
        assertThat(rules(rows.get("syn-000004-suicidality"))).contains("TRJ-010");
        assertThat(rules(rows.get("syn-000005-incomplete"))).contains("TRJ-090");
        assertThat(rows.get("syn-000004-suicidality").path("urgency").asText()).isEqualTo("critical");
    }

    @Test
    void aRow_saysWhoTheHeadlineWhatElseTheSessionsAndTheLatestScore() throws Exception {
        JsonNode row = rows(out).get("syn-000004-suicidality");
        assertThat(row.path("name").asText()).isEqualTo("Eli suicidality Synthetic");
        assertThat(row.path("mrn").asText()).isEqualTo("SYN0000004");
        assertThat(row.path("birthDate").asText()).matches("19[5-9][0-9]-[0-9]{2}-[0-9]{2}");
        // The headline is the most urgent card, with the action it suggests; the others are counted by level.
        assertThat(row.path("headline").path("ruleId").asText()).isEqualTo("TRJ-010");
        assertThat(row.path("headline").path("indicator").asText()).isEqualTo("critical");
        assertThat(row.path("headline").path("action").asText()).contains("C-SSRS");
        int others = 0;
        for (JsonNode n : row.path("others")) {
            others += n.asInt();
        }
        assertThat(others).isEqualTo(row.path("cards").size() - 1);
        assertThat(row.path("others").has("critical")).isFalse();
        // The course: the last session is the latest completed one; the score is the trajectory the rules read.
        assertThat(row.path("lastSession").asText()).isEqualTo("2026-11-30");
        JsonNode score = row.path("latestScore");
        assertThat(score.path("instrument").asText()).isEqualTo("PHQ-9");
        int baseline = score.path("baseline").asInt();
        int total = score.path("total").asInt();
        assertThat(score.path("improvementPercent").asInt()).isEqualTo((baseline - total) * 100 / baseline);
        assertThat(Files.readAllLines(out.resolve("worklist.csv")))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("\"syn-000004-suicidality\",\"Eli suicidality Synthetic\",")
                        .contains("\"SYN0000004\",\"critical\",\"PHQ-9 item 9 scored 2")
                        .contains("\"PHQ-9 " + total + " on "));
    }

    @Test
    void theMrnSystemTheSiteNames_isTheOneShown_andNoneWhenThePatientHasNone(@TempDir Path d) throws Exception {
        PatientReview.Settings named =
                new PatientReview.Settings(AS_OF, null, null, java.util.Set.of(), null, SyntheticExport.MRN_SYSTEM);
        PatientReview.Settings other =
                new PatientReview.Settings(AS_OF, null, null, java.util.Set.of(), null, "urn:other");
        WorklistJob.run(export, d.resolve("named"), named, 2, null, false);
        WorklistJob.run(export, d.resolve("other"), other, 2, null, false);
        assertThat(rows(d.resolve("named"))
                        .get("syn-000001-relapse")
                        .path("mrn")
                        .asText())
                .isEqualTo("SYN0000001");
        assertThat(rows(d.resolve("other")).get("syn-000001-relapse").has("mrn"))
                .isFalse();
        assertThat(d.resolve("named").resolve("reports")).doesNotExist();
    }

    @Test
    void eachListedPatient_hasTheirCourseReport_linkedFromThePage() throws Exception {
        Map<String, JsonNode> rows = rows(out);
        String page = Files.readString(out.resolve("worklist.html"));
        try (java.util.stream.Stream<Path> reports = Files.list(out.resolve("reports"))) {
            assertThat(reports.count()).isEqualTo(rows.size());
        }
        for (String patient : rows.keySet()) {
            String file = WorklistOutput.reportFile(patient);
            assertThat(page).contains("href=\"" + file + "\"");
            assertThat(Files.readString(out.resolve(file)))
                    .contains("<!DOCTYPE html>")
                    .contains(patient);
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(out.resolve("reports"))))
                .isEqualTo("rwx------");
    }

    @Test
    void issuesByKind_areCounted_withAnExample_andWhatToDo() throws Exception {
        String text = Files.readString(out.resolve("summary.txt"));
        assertThat(text)
                .contains("Reading issues by kind")
                .contains("names no patient")
                .contains("Check the export's subject references");
        IssueKinds kinds = new IssueKinds();
        kinds.addLine(BulkLines.issue("A.ndjson", 3, "not a JSON object: x"));
        kinds.addLine("{\"file\":\"(all files)\",\"line\":0,\"problem\":\"..\",\"kind\":\"not a JSON object\","
                + "\"more\":41}");
        kinds.addPatient("{\"patient\":\"p\",\"issues\":[{\"resource\":\"Appointment/a1\",\"problem\":"
                + "\"appointment cancelled at 2026-11-02T10:00:00Z: not used\"},{\"resource\":\"Appointment/a2\","
                + "\"problem\":\"appointment noshow at 2026-11-09T10:00:00Z: not used\"}]}");
        assertThat(kinds.kinds())
                .extracting(IssueKinds.Kind::kind, IssueKinds.Kind::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("not a JSON object", 42L),
                        org.assertj.core.groups.Tuple.tuple("Appointment: appointment cancelled at #: not used", 1L),
                        org.assertj.core.groups.Tuple.tuple("Appointment: appointment noshow at #: not used", 1L));
        assertThat(kinds.kinds().get(0).example()).isEqualTo("A.ndjson line 3: not a JSON object: x");
    }

    @Test
    void aPatientsResourcesSpreadOverSeveralFilesAndGzipParts_areGroupedAsOne() throws Exception {
        // The generator writes a patient's even sessions to MedicationAdministration_1.ndjson and odd ones to
        // MedicationAdministration_2.ndjson.gz; the IV series has 6.
        JsonNode relapse = rows(out).get("syn-000001-relapse");
        String facts = relapse.path("cards").toString();
        assertThat(facts).contains("6 sessions completed");
        assertThat(WorklistJob.exportFiles(export))
                .extracting(p -> p.getFileName().toString())
                .contains("MedicationAdministration_1.ndjson", "MedicationAdministration_2.ndjson.gz");
    }

    @Test
    void badLines_areReportedWithFileAndLine_andTheRunGoesOn() throws Exception {
        List<JsonNode> issues = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("issues.ndjson"))) {
            issues.add(JSON.readTree(line));
        }
        int conditions =
                (int) Files.readAllLines(export.resolve("Condition.ndjson")).size();
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path("file").asText()).isEqualTo("Condition.ndjson");
            assertThat(i.path("line").asInt()).isEqualTo(conditions - 2);
            assertThat(i.path("problem").asText()).contains("not a JSON resource");
        });
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path("line").asInt()).isEqualTo(conditions - 1);
            assertThat(i.path("problem").asText()).contains("names no patient");
        });
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path("patient").asText()).isEqualTo("ghost");
            assertThat(i.path("issues").toString()).contains("no Patient resource");
        });
        assertThat(summary.unreadableLines()).isEqualTo(2);
        assertThat(rows(out)).hasSize((int) summary.withCards()).containsKey("syn-000059-incomplete");
    }

    @Test
    void output_isTheSame_withOneThreadOrTwo_mostUrgentFirst_andTheCsvHasOneLinePerRow(@TempDir Path other)
            throws Exception {
        WorklistJob.run(export, other, SETTINGS, 1, null);
        assertThat(Files.readString(other.resolve("worklist.ndjson")))
                .isEqualTo(Files.readString(out.resolve("worklist.ndjson")));
        assertThat(Files.readString(other.resolve("issues.ndjson")))
                .isEqualTo(Files.readString(out.resolve("issues.ndjson")));
        List<String> lines = Files.readAllLines(out.resolve("worklist.ndjson"));
        List<String> urgencies = new ArrayList<>();
        for (String l : lines) {
            urgencies.add(JSON.readTree(l).path("urgency").asText());
        }
        assertThat(urgencies.indexOf("critical")).isZero();
        assertThat(urgencies.lastIndexOf("critical")).isLessThan(urgencies.indexOf("warning"));
        List<String> csv = Files.readAllLines(out.resolve("worklist.csv"));
        assertThat(csv.get(0)).isEqualTo(PatientReview.CSV_HEADER);
        assertThat(csv).hasSize(lines.size() + 1);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(csv.get(1))
                .startsWith("\"" + first.path("patient").asText() + "\",\""
                        + first.path("name").asText() + "\",\""
                        + first.path("birthDate").asText() + "\",\""
                        + first.path("mrn").asText() + "\",\"critical\"");
    }

    @Test
    void theGenerator_isSeeded() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        SyntheticExport.generate(a, 12, 3, AS_OF);
        SyntheticExport.generate(b, 12, 3, AS_OF);
        for (Path f : WorklistJob.exportFiles(a)) {
            assertThat(Files.readAllBytes(b.resolve(f.getFileName())))
                    .as(f.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void patientsWithoutACourse_andTheDead_areCountedNotListed_andTheirReadingIssuesAreNotWritten(@TempDir Path d)
            throws Exception {
        Path exp = d.resolve("export");
        SyntheticExport.generate(exp, 5, 11, AS_OF);
        Files.writeString(
                exp.resolve("Patient.ndjson"),
                "{\"resourceType\":\"Patient\",\"id\":\"no-course\",\"birthDate\":\"1970-01-01\"}\n"
                        + "{\"resourceType\":\"Patient\",\"id\":\"died\",\"deceasedBoolean\":true}\n",
                StandardOpenOption.APPEND);
        Files.writeString(
                exp.resolve("Observation.ndjson"),
                "{\"resourceType\":\"Observation\",\"id\":\"odd\",\"status\":\"final\",\"subject\":"
                        + "{\"reference\":\"Patient/no-course\"},\"code\":{\"text\":\"a code nobody uses\"}}\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        WorklistJob.Summary s = WorklistJob.run(exp, d.resolve("out"), SETTINGS, 2, null);
        assertThat(s.patients()).isEqualTo(7);
        assertThat(s.inCohort()).isEqualTo(5);
        assertThat(s.deceased()).isEqualTo(1);
        assertThat(rows(d.resolve("out")).keySet()).doesNotContain("no-course", "died");
        assertThat(Files.readString(d.resolve("out").resolve("issues.ndjson")))
                .doesNotContain("no-course")
                .doesNotContain("\"died\"");
        assertThat(Files.readString(d.resolve("out").resolve("summary.txt")))
                .contains("7 patients read; 5 with a ketamine or esketamine course")
                .contains("1 without a course, 1 deceased");
    }

    @Test
    void aGroupNamedAsTheCohort_addsItsActiveMembers_andAGroupNotInTheExportIsReported(@TempDir Path d)
            throws Exception {
        Path exp = d.resolve("export");
        SyntheticExport.generate(exp, 2, 11, AS_OF);
        Files.writeString(
                exp.resolve("Patient.ndjson"),
                "{\"resourceType\":\"Patient\",\"id\":\"member-1\"}\n{\"resourceType\":\"Patient\",\"id\":\"member-2\"}\n"
                        + "{\"resourceType\":\"Patient\",\"id\":\"former\"}\n",
                StandardOpenOption.APPEND);
        Files.writeString(
                exp.resolve("Group.ndjson"),
                "{\"resourceType\":\"Group\",\"id\":\"ketamine-clinic\",\"type\":\"person\",\"actual\":true,"
                        + "\"member\":[{\"entity\":{\"reference\":\"Patient/member-1\"}},"
                        + "{\"entity\":{\"reference\":\"Patient/member-2\"}},"
                        + "{\"entity\":{\"reference\":\"Patient/former\"},\"inactive\":true}]}\n");
        PatientReview.Settings settings = new PatientReview.Settings(
                AS_OF, null, null, java.util.Set.of("Group/ketamine-clinic", "Group/elsewhere"), null, null);
        WorklistJob.Summary s = WorklistJob.run(exp, d.resolve("out"), settings, 2, null, false);
        assertThat(s.patients()).isEqualTo(5);
        assertThat(s.inCohort())
                .as("2 with a course, 2 named by the Group, not the inactive member")
                .isEqualTo(4);
        String issues = Files.readString(d.resolve("out").resolve("issues.ndjson"));
        assertThat(issues)
                .contains("Group/elsewhere is named as the cohort but the export holds no such Group")
                .doesNotContain("Group names no patient");
    }
}
