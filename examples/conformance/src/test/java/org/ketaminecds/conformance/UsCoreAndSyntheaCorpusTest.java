package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fhir.FhirReadResult;
import org.ketaminecds.fhir.FhirReader;

/**
 * Every resource of the HL7 US Core examples and of a Synthea bulk export is either mapped or reported with a reason,
 * every mapped resource's content is in the facts (an independent oracle), and the engine evaluates each result.
 */
class UsCoreAndSyntheaCorpusTest {
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-12-02T12:00:00Z");
    private static final String STAND_IN_PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"example\"}";

    @TestFactory
    Stream<DynamicTest> usCoreExamples_areMappedOrReported_withNoSilentLoss() {
        return Corpus.jsonFiles(Corpus.ROOT.resolve("us-core")).stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode example = Corpus.read(file);
                    List<JsonNode> resources = Corpus.resources(example);
                    ArrayNode input = Corpus.JSON.createArrayNode();
                    if (resources.stream()
                            .noneMatch(r -> r.path("resourceType").asText().equals("Patient"))) {
                        input.add(Corpus.JSON.readTree(STAND_IN_PATIENT));
                    }
                    input.add(example);
                    FhirReadResult result = READER.read(input, AS_OF);
                    assertThat(SilentLossOracle.losses(resources, result))
                            .as(file.toString())
                            .isEmpty();
                    Evaluation evaluation = ENGINE.evaluate(result.context());
                    assertThat(evaluation.asOf()).isNotNull();
                }));
    }

    @Test
    void syntheaBulkExport_everyPatient_isReadWithNoSilentLoss() {
        Map<String, List<JsonNode>> byPatient = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>();
        for (Path file : List.of(
                        "Patient",
                        "Condition",
                        "MedicationRequest",
                        "Medication",
                        "Procedure",
                        "Encounter",
                        "AllergyIntolerance",
                        "Immunization",
                        "Device")
                .stream()
                .map(t -> Corpus.ROOT.resolve("synthea").resolve(t + ".000.ndjson.gz"))
                .toList()) {
            all.addAll(Corpus.ndjson(file));
        }
        for (JsonNode r : all) {
            String ref = r.path("resourceType").asText().equals("Patient")
                    ? "Patient/" + r.path("id").asText()
                    : r.has("subject")
                            ? r.path("subject").path("reference").asText()
                            : r.path("patient").path("reference").asText();
            byPatient.computeIfAbsent(ref, k -> new ArrayList<>()).add(r);
        }
        assertThat(byPatient).hasSize(13);
        int resources = 0;
        int mapped = 0;
        Map<String, int[]> byType = new java.util.TreeMap<>();
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (Map.Entry<String, List<JsonNode>> patient : byPatient.entrySet()) {
            ArrayNode input = Corpus.JSON.createArrayNode();
            patient.getValue().forEach(input::add);
            FhirReadResult result = READER.read(input, AS_OF);
            assertThat(SilentLossOracle.losses(patient.getValue(), result))
                    .as(patient.getKey())
                    .isEmpty();
            ENGINE.evaluate(result.context());
            resources += patient.getValue().size();
            mapped += result.mapped();
            for (JsonNode r : patient.getValue()) {
                byType.computeIfAbsent(r.path("resourceType").asText(), k -> new int[2])[
                        result.mappedResources().contains(Corpus.label(r)) ? 0 : 1]++;
            }
            result.issues()
                    .forEach(i -> reasons.merge(
                            i.resource().replaceAll("/.*", "") + ": "
                                    + i.problem()
                                            .replaceAll("[0-9T:+\\-.]{8,}", "<time>")
                                            .replaceAll("'[^']*'", "'<x>'"),
                            1,
                            Integer::sum));
        }
        System.out.printf(
                "Synthea: %d resources of 13 patients, %d mapped, %d reported%n",
                resources, mapped, resources - mapped);
        byType.forEach((t, n) -> System.out.printf("  %s: %d mapped, %d reported%n", t, n[0], n[1]));
        reasons.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(25)
                .forEach(e -> System.out.printf("  %5d x %s%n", e.getValue(), e.getKey()));
        assertThat(resources).isEqualTo(all.size());
    }
}
