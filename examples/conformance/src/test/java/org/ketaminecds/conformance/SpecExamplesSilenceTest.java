package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;

/**
 * The CDS Hooks specification's own order examples (a puréed diet, amoxicillin, an MRA of the knee: nothing ketamine)
 * sent to the order services as whole requests: no card, no 412 for data the question does not need (no FHIR server is
 * reachable and nothing is prefetched), and no card either when a medication list is sent along.
 */
class SpecExamplesSilenceTest {
    private static final CdsHooksHandler HANDLER =
            CdsHooksHandler.standard(CdsEngine.create(), null, java.time.ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> orderExamplesForOtherDrugs_getNoCard() {
        List<String> examples = List.of(
                "order-sign-00",
                "order-sign-01",
                "order-sign-02",
                "order-select-00",
                "order-select-01",
                "order-select-02");
        return examples.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    JsonNode block = Corpus.read(Corpus.ROOT.resolve(Path.of("cds-hooks", name + ".json")));
                    String hook = name.substring(0, name.lastIndexOf('-'));
                    ObjectNode request = Corpus.JSON
                            .createObjectNode()
                            .put("hook", hook)
                            .put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
                    request.set("context", block.get("context"));
                    String service = "ketamine-" + hook;
                    for (boolean withMedicationList : new boolean[] {false, true}) {
                        if (withMedicationList) {
                            request.putObject("prefetch").set("medicationRequests", Corpus.JSON.readTree("""
                                    {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":
                                    "https://ehr.example.org/fhir/MedicationRequest/m1","resource":{"resourceType":
                                    "MedicationRequest","id":"m1","status":"active","intent":"order","subject":
                                    {"reference":"Patient/1288992"},"medicationCodeableConcept":{"text":
                                    "lorazepam 1 mg"}}}]}"""));
                        }
                        HookResponse r = HANDLER.invoke(service, request.toString());
                        assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(200);
                        JsonNode body = Corpus.read(r.body());
                        assertThat(body.path("cards").size())
                                .as(name + ": " + r.body())
                                .isZero();
                        assertThat(body.path("extension")
                                        .path("org.ketaminecds.evaluation")
                                        .path("aboutKetamine")
                                        .asBoolean(true))
                                .isFalse();
                    }
                }));
    }
}
