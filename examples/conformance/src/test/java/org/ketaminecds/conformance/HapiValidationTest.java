package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;

/**
 * HAPI FHIR's validator as referee: the project's own FHIR fixtures, the FHIR inside its sample CDS Hooks requests, and
 * every OperationOutcome the service returns are valid R4 (apart from US Core profiles, which we do not claim).
 */
class HapiValidationTest {
    private static final CdsHooksHandler HANDLER =
            CdsHooksHandler.standard(CdsEngine.create(), null, java.time.ZoneOffset.UTC);

    private static List<Path> ownFixtures() {
        List<Path> all = new ArrayList<>(Corpus.jsonFiles(Corpus.OWN_FHIR));
        all.addAll(Corpus.jsonFiles(Corpus.OWN_FHIR.resolve("us-core")));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> ownFhirFixtures_validate() {
        return ownFixtures().stream()
                .map(file -> DynamicTest.dynamicTest(
                        file.getFileName().toString(),
                        () -> assertThat(HapiReferee.errors(Corpus.read(file).toString()))
                                .as(file.toString())
                                .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> goldenFixtureInputs_validate() throws java.io.IOException {
        List<Path> files;
        try (Stream<Path> walk = java.nio.file.Files.walk(Corpus.OWN_FHIR.resolve("golden"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(
                        file.getParent().getFileName() + "/" + file.getFileName(),
                        () -> assertThat(HapiReferee.errors(
                                        Corpus.read(file).get("input").toString()))
                                .as(file.toString())
                                .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> fhirInsideTheSampleRequests_validates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.jsonFiles(Corpus.OWN_REQUESTS)) {
            JsonNode request = Corpus.read(file);
            List<JsonNode> fhir = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> prefetch =
                    request.path("prefetch").fields();
            while (prefetch.hasNext()) {
                fhir.add(prefetch.next().getValue());
            }
            for (String key : List.of("draftOrders", "appointments")) {
                if (request.path("context").has(key)) {
                    fhir.add(request.path("context").get(key));
                }
            }
            for (int i = 0; i < fhir.size(); i++) {
                JsonNode resource = fhir.get(i);
                if (resource.isObject() && resource.has("resourceType")) {
                    tests.add(DynamicTest.dynamicTest(
                            file.getFileName() + " #" + i + " "
                                    + resource.get("resourceType").asText(),
                            () -> assertThat(HapiReferee.errors(resource.toString()))
                                    .isEmpty()));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(10);
        return tests.stream();
    }

    @Test
    void everyOperationOutcomeTheServiceReturns_validates() {
        List<HookResponse> errors = List.of(
                HANDLER.invoke("ketamine-course-overview", "{not json"),
                HANDLER.invoke("ketamine-course-overview", "[]"),
                HANDLER.invoke("ketamine-course-overview", """
                        {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                         "context":{"userId":"Practitioner/1","patientId":"p1"}}"""),
                HANDLER.invoke("no-such-service", "{}"),
                HANDLER.invoke("ketamine-course-overview", """
                        {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                         "context":{"userId":"Practitioner/1","patientId":"p1"},
                         "prefetch":{"patient":{"resourceType":"Observation","status":"final"}}}"""));
        for (HookResponse r : errors) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(Corpus.read(r.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(HapiReferee.errors(r.body())).as(r.body()).isEmpty();
        }
    }
}
