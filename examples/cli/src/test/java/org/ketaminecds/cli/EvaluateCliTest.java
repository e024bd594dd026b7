package org.ketaminecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line evaluator on the bundled samples and on bad input. */
class EvaluateCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Evaluate.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version_namesTheToolTheCommitAndTheRuleSet() {
        assertThat(run("--version")).isEqualTo(Evaluate.OK);
        assertThat(out()).contains("ketamine-cds-cli ").contains("rule set ketamine-cds-rules ");
        // Built from this repository's working copy, the commit is known.
        if (Files.isDirectory(Path.of("../../.git"))) {
            assertThat(out()).containsPattern("\\(commit [0-9a-f]{7,}\\)");
        }
    }

    @Test
    void aMissingExportFolderOrPolicyFile_isNamedAsSuch_withTheUnreadableExitCode(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-export");
        assertThat(run("worklist", missing.toString(), "-o", dir.resolve("out").toString()))
                .isEqualTo(Evaluate.UNREADABLE);
        assertThat(err())
                .contains("export folder not found")
                .contains(missing.toAbsolutePath().toString());
        err.reset();
        assertThat(run("worklist", missing.toString()))
                .as("no output folder given")
                .isEqualTo(Evaluate.USAGE);
        assertThat(err()).contains("--output");
        err.reset();
        Path policy = dir.resolve("no-such-policy.yaml");
        assertThat(run("--policy", policy.toString(), "../samples/esketamine-session.json"))
                .isEqualTo(Evaluate.UNREADABLE);
        assertThat(err()).contains("policy file not found: " + policy.toAbsolutePath());
    }

    @Test
    void worklistLimits_areOptions_checkedWhenGiven(@TempDir Path dir) throws IOException {
        Path export = dir.resolve("export");
        assertThat(run("generate-export", export.toString(), "--patients", "3", "--as-of", "2026-12-01T12:00:00Z"))
                .isEqualTo(Evaluate.OK);
        Files.writeString(export.resolve("Bad.ndjson"), "{\"resourceType\":\"Observation\"}\n".repeat(5));
        Path out = dir.resolve("out");
        assertThat(run(
                        "worklist",
                        export.toString(),
                        "-o",
                        out.toString(),
                        "--as-of",
                        "2026-12-01T12:00:00Z",
                        "--max-issues-per-kind",
                        "2",
                        "--max-file-size",
                        "64M"))
                .isEqualTo(Evaluate.OK);
        assertThat(err()).contains("patients read").doesNotContain("peak heap");
        List<String> issues = Files.readAllLines(out.resolve("issues.ndjson"));
        assertThat(issues.stream().filter(l -> l.contains("Bad.ndjson"))).hasSize(2);
        assertThat(issues).anySatisfy(l -> assertThat(l).contains("3 more lines with the problem"));
        err.reset();
        assertThat(run("worklist", export.toString(), "-o", out.toString(), "--no-reports", "--verbose"))
                .isEqualTo(Evaluate.OK);
        assertThat(err()).contains("patients reviewed in").contains("peak heap");
        assertThat(out.resolve("reports")).isEmptyDirectory();
        err.reset();
        assertThat(run("worklist", export.toString(), "-o", out.toString(), "--max-line-chars", "10"))
                .isEqualTo(Evaluate.USAGE);
        assertThat(err()).contains("--max-line-chars must be at least 1024, was 10");
        err.reset();
        assertThat(run("worklist", export.toString(), "-o", out.toString(), "--max-file-size", "lots"))
                .isEqualTo(Evaluate.USAGE);
        assertThat(err()).contains("'lots' is not a size");
        assertThat(new WorklistCommand.ByteSize().convert("64G")).isEqualTo(64L << 30);
        assertThat(new WorklistCommand.ByteSize().convert("512 MiB")).isEqualTo(512L << 20);
        assertThat(new WorklistCommand.ByteSize().convert("1000")).isEqualTo(1000L);
    }

    @Test
    void provenanceOption_showsTheFullProvenanceLine() {
        assertThat(run("--provenance", "../samples/esketamine-session.json")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .contains(
                        "Rule: MED-013 · guidance G-FAQ-05, G-VAR-01 · source: SPRAVATO US PI 7.1",
                        "E-ESK-",
                        "sha256:");
    }

    @Test
    void defaultSample_printsInteractionCardsGroupedByIndicator() {
        assertThat(run("../samples/esketamine-session.json")).isEqualTo(Evaluate.OK);
        String text = out();
        assertThat(text)
                .contains(
                        "WARNING (2)",
                        "INFO (4)",
                        "* 2 CNS depressants with ketamine: monitor sedation and breathing closely (lorazepam, oxycodone)",
                        "* Psychostimulant amphetamine with ketamine",
                        "CYP3A4 inducer st john's wort",
                        "Medication list last reconciled 48 days ago",
                        "No therapy or support recorded during the course",
                        "What to do: ",
                        "Why: ",
                        "- lorazepam: \"Ativan 1mg tab\" (1 mg, at bedtime, active)",
                        "Rule MED-013 · source: SPRAVATO US PI 7.1",
                        "· evidence H\n",
                        "NOT CHECKED for interactions (not recognised):",
                        "Ashwagandha 600 mg");
        assertThat(text.indexOf("WARNING (2)")).isLessThan(text.indexOf("INFO (4)"));
        // The clinician's view: rule, source and grade; ids of guidance and evidence, rule set and policy hash only
        // with
        // --provenance.
        assertThat(text).doesNotContain("guidance G-", "E-ESK-", "sha256:");
        assertThat(text).doesNotContain("tramadol").doesNotContain("sertraline 150 mg daily (no ingredient");
    }

    @Test
    void inSessionSample_showsTheRiseTheExperienceAndTheMonitoringPrompt() {
        assertThat(run("../samples/esketamine-in-session.json")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .contains(
                        "WARNING (3)",
                        "Blood pressure rose to 171/98 mmHg from 128/80",
                        "Not the expected pattern: anxiety",
                        "CNS depressant on board (lorazepam)",
                        "Offer an integration or therapy session");
    }

    @Test
    void dischargeSample_listsEachUnmetCriterion() {
        assertThat(run("../samples/esketamine-discharge.json")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .contains(
                        "CRITICAL",
                        "Do not discharge yet: monitoring time, sedation (unsafe now, see below)",
                        "NOT MET (unsafe now): at least 120 minutes since the dose (113 minutes)",
                        "NOT MET (unsafe now): sedation resolved (latest MOAA/S 4",
                        "met: blood pressure recovered (latest 142/86 mmHg");
    }

    @Test
    void courseFolder_showsTheCourseFromFirstSessionToMaintenance() {
        assertThat(run("../samples/esketamine-course")).isEqualTo(Evaluate.OK);
        String text = out();
        assertThat(text)
                .containsSubsequence(
                        "=== 01-day-1-first-session.json",
                        "First session: tell the patient what they may feel",
                        "=== 02-day-4-worse-before-better.json",
                        "Expected pattern: anxiety (moderate)",
                        "MADRS rose from 34 to 37 early in induction: can happen and usually passes",
                        "=== 03-week-2-gradual-improvement.json",
                        "Improving slowly (MADRS 34 to 29)",
                        "=== 04-week-5-end-of-induction.json",
                        "move to weekly maintenance",
                        "End of esketamine induction with a response: plan maintenance",
                        "=== 05-week-9-maintenance.json",
                        "sessions weekly (current interval 7 days): consider every 2 weeks if the response holds",
                        "=== 06-week-11-missed-session-and-worse.json",
                        "Missed maintenance session and symptoms worse: consider the previous, more frequent schedule");
        assertThat(text).doesNotContain("CRITICAL (");
    }

    @Test
    void missingMedicationList_saysTheEvaluationIsIncomplete() {
        assertThat(run("../samples/iv-ketamine-no-medication-list.json")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .contains(
                        "EVALUATION INCOMPLETE",
                        "medication-interactions: no medication list was provided",
                        "Medication interaction check could not run");
    }

    @Test
    void oralSample_gradesInteractionsForTheOralRoute() {
        assertThat(run("../samples/oral-ketamine-interactions.json")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .contains(
                        "may raise oral ketamine exposure",
                        "may make usual oral ketamine doses less effective",
                        "Methylxanthine theophylline",
                        "on hold",
                        "Medication list never reconciled");
        assertThat(out()).doesNotContain("lamotrigine");
    }

    @Test
    void jsonFlag_printsACdsHooksResponse() throws IOException {
        assertThat(run("--json", "../samples/esketamine-session.json")).isEqualTo(Evaluate.OK);
        JsonNode response = new ObjectMapper().readTree(out());
        assertThat(response.get("cards")).hasSize(6);
        assertThat(response.get("cards").get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(response.at("/extension/org.ketaminecds.evaluation/status").asText())
                .isEqualTo("complete");
        assertThat(response.at("/extension/org.ketaminecds.evaluation/uncheckedMedications/0/entry")
                        .asText())
                .isEqualTo("Ashwagandha 600 mg");
    }

    @Test
    void invalidInput_exitsWithItsOwnCodeAndNamesTheJsonPath(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"asOf\":\"2026-03-02T09:00:00Z\",\"patient\":{\"id\":\"p\"},"
                        + "\"vitals\":[{\"at\":\"2026-03-02T08:00:00Z\",\"spo2\":104}]}");
        assertThat(run(bad.toString())).isEqualTo(Evaluate.INVALID_INPUT);
        assertThat(err())
                .contains("$.vitals[0].spo2: must be between 0 and 100 %, was 104", "at JSON path $.vitals[0].spo2");
        assertThat(out()).isEmpty();
    }

    @Test
    void missingFile_andBadArguments_haveTheirOwnCodes() {
        assertThat(run("../samples/nope.json")).isEqualTo(Evaluate.UNREADABLE);
        assertThat(run()).isEqualTo(Evaluate.USAGE);
        assertThat(run("--frobnicate", "../samples/esketamine-session.json")).isEqualTo(Evaluate.USAGE);
        assertThat(err()).contains("no such file: ../samples/nope.json", "Usage: evaluate");
    }

    @Test
    void policyDiff_printsEachDifferenceWithItsReason_andValidatesAgainstTheRules() {
        assertThat(run("policy-diff", "../clinic/policy.yaml")).isEqualTo(Evaluate.OK);
        assertThat(out())
                .startsWith("Site policy 'example-clinic-2026-11' (sha256:")
                .contains("6 difference(s) from the shipped defaults")
                .contains("- settings.spo2Minimum: 92 -> 94\n  reason: Clinic sedation procedure SOP-12")
                .contains("- disabledTopics.therapy-integration: on -> off")
                .contains(
                        "- indicatorOverrides.MED-023 (MED-023 Thyroid hormone with ketamine: blood pressure and heart rate around the dose): info -> warning")
                .contains("Loraclin", "PSY-01")
                .contains("Validated against Ketamine CDS rule set");
    }

    @Test
    void policyDiff_rejectsAPolicyThatNamesAnUnknownRuleOrTopic(@TempDir Path dir) throws IOException {
        Path rule = dir.resolve("rule.json");
        Files.writeString(rule, "{\"name\": \"x\", \"disabledRules\": {\"MED-999\": \"typo\"}}");
        assertThat(run("policy-diff", rule.toString())).isEqualTo(Evaluate.INVALID_INPUT);
        assertThat(err()).contains("disabledRules names rule MED-999, which is not in rule set");
        Path topic = dir.resolve("topic.json");
        Files.writeString(topic, "{\"name\": \"x\", \"disabledTopics\": {\"therapy\": \"typo\"}}");
        assertThat(run("policy-diff", topic.toString())).isEqualTo(Evaluate.INVALID_INPUT);
        assertThat(err()).contains("disabledTopics names 'therapy', which is not a topic", "therapy-integration");
        Path key = dir.resolve("key.json");
        Files.writeString(key, "{\"name\": \"x\", \"spo2Minimum\": 90}");
        assertThat(run("policy-diff", key.toString())).isEqualTo(Evaluate.INVALID_INPUT);
        assertThat(err()).contains("$.spo2Minimum: unknown key");
        assertThat(out()).isEmpty();
    }

    @Test
    void policyOption_evaluatesUnderTheSitePolicy() {
        assertThat(run("--json", "--policy", "../clinic/policy.yaml", "../samples/esketamine-session.json"))
                .isEqualTo(Evaluate.OK);
        assertThat(out()).contains("\"policy\" : \"example-clinic-2026-11\"", "\"policyHash\" : \"sha256:");
        assertThat(run("--policy", "../clinic/nope.yaml", "../samples/esketamine-session.json"))
                .isEqualTo(Evaluate.UNREADABLE);
    }

    @Test
    void jsonOnAFolder_writesNdjson_skipsAFolderNamedLikeAFile_andSummarises(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 22; i++) {
            Files.copy(Path.of("../samples/esketamine-session.json"), dir.resolve(String.format("s%02d.json", i)));
        }
        Files.createDirectory(dir.resolve("x.json"));
        Files.writeString(dir.resolve("z-bad.json"), "{\"asOf\": 1}");
        assertThat(run("--json", dir.toString())).isEqualTo(Evaluate.UNREADABLE);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(23);
        for (String line : lines) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertThat(n.path("file").asText()).endsWith(".json");
            assertThat(n.has("response") || n.has("error")).isTrue();
        }
        assertThat(lines.get(0)).startsWith("{\"file\":\"s00.json\",\"response\":{\"cards\":[");
        assertThat(lines.get(22)).contains("\"file\":\"z-bad.json\"", "\"exitCode\":3");
        assertThat(err())
                .contains(
                        "skipped x.json: a folder, not a file",
                        "progress: 24 of 24 files",
                        "summary: 24 files, 22 evaluated, 1 invalid, 1 unreadable");
    }

    @Test
    void fhirInput_isReadAsTheServiceReadsIt(@TempDir Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path fixtures = Path.of("../../core/fhir/src/test/resources/fhir");
        com.fasterxml.jackson.databind.node.ObjectNode prefetch = mapper.createObjectNode();
        prefetch.set("patient", mapper.readTree(fixtures.resolve("patient.json").toFile()));
        prefetch.set(
                "medicationRequests",
                mapper.readTree(fixtures.resolve("medication-list.bundle.json").toFile()));
        prefetch.set(
                "administrations",
                mapper.readTree(fixtures.resolve("session.bundle.json").toFile()));
        Path file = dir.resolve("prefetch.json");
        Files.writeString(file, prefetch.toString());
        assertThat(run("--fhir", "--as-of", "2026-03-12T15:30:00Z", file.toString()))
                .isEqualTo(Evaluate.OK);
        assertThat(out()).contains("Ketamine CDS", "as of 2026-03-12T15:30Z", "alprazolam");
        assertThat(err()).contains("FHIR issue: MedicationRequest/mr-error");
        // With --json the FHIR issues are in the response, as the service returns them.
        out.reset();
        assertThat(run("--fhir", "--json", "--as-of", "2026-03-12T15:30:00Z", file.toString()))
                .isEqualTo(Evaluate.OK);
        com.fasterxml.jackson.databind.JsonNode issues = mapper.readTree(out())
                .path("extension")
                .path("org.ketaminecds.evaluation")
                .path("fhirIssues");
        assertThat(issues.isArray()).isTrue();
        assertThat(issues.toString()).contains("\"resource\":\"MedicationRequest/mr-error\"", "entered-in-error");
    }

    @Test
    void knowledgeBase_selectsASitesRules_forEvaluateAndPolicyDiff() {
        assertThat(run("--json", "--knowledge-base", "exampleClinic", "../samples/esketamine-in-session.json"))
                .isEqualTo(Evaluate.OK);
        assertThat(run("policy-diff", "--knowledge-base", "exampleClinic", "../clinic/policy.yaml"))
                .isEqualTo(Evaluate.OK);
        assertThat(out()).contains("knowledge base exampleClinic");
        assertThat(run("--knowledge-base", "noSuchBase", "../samples/esketamine-session.json"))
                .isEqualTo(Evaluate.INVALID_INPUT);
        assertThat(err()).contains("noSuchBase");
    }
}
