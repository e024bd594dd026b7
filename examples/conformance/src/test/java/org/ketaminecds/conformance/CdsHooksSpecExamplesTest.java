package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;

/**
 * The CDS Hooks specification's own example requests, sent to our service for their hook: each gets a CDS Hooks
 * response or a clear 4xx OperationOutcome that HAPI validates, never a server error. (The examples name servers we
 * cannot reach and patients we do not have; no fetcher is configured, so missing data is a 412, not a fetch.)
 */
class CdsHooksSpecExamplesTest {
    private static final CdsHooksHandler HANDLER =
            CdsHooksHandler.standard(CdsEngine.create(), null, java.time.ZoneOffset.UTC);
    private static final Map<String, String> SERVICE_FOR_HOOK = Map.of(
            "patient-view", "ketamine-course-overview",
            "order-select", "ketamine-order-select",
            "order-sign", "ketamine-order-sign",
            "appointment-book", "ketamine-appointment-book",
            "encounter-start", "ketamine-session-day");

    @TestFactory
    Stream<DynamicTest> specExampleRequests_getAResponseOrAValidOperationOutcome_neverAServerError() {
        List<Path> requests = Corpus.jsonFiles(Corpus.ROOT.resolve("cds-hooks")).stream()
                .filter(f -> {
                    JsonNode n = tryRead(f);
                    return n != null && n.has("hook") && n.has("hookInstance");
                })
                .toList();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(4);
        return requests.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode request = Corpus.read(file);
                    String service = SERVICE_FOR_HOOK.get(request.get("hook").asText());
                    HookResponse response = HANDLER.invoke(service, request.toString());
                    assertThat(response.status()).as(response.body()).isIn(200, 400, 412);
                    JsonNode body = Corpus.read(response.body());
                    if (response.status() == 200) {
                        assertThat(body.path("cards").isArray()).isTrue();
                    } else {
                        assertThat(body.path("resourceType").asText()).isEqualTo("OperationOutcome");
                        assertThat(body.path("issue")
                                        .path(0)
                                        .path("diagnostics")
                                        .asText())
                                .isNotBlank();
                        assertThat(HapiReferee.errors(response.body())).isEmpty();
                    }
                }));
    }

    /**
     * Every other block of the specification (responses, discovery documents, fragments, some not even JSON), sent
     * as if it were a request: a 4xx OperationOutcome naming the problem, never a server error or a card.
     */
    @TestFactory
    Stream<DynamicTest> everyOtherSpecBlock_sentAsARequest_isRejectedCleanly() {
        return Corpus.jsonFiles(Corpus.ROOT.resolve("cds-hooks")).stream()
                .filter(f -> {
                    JsonNode n = tryRead(f);
                    return n == null || !(n.has("hook") && n.has("hookInstance"));
                })
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String text = java.nio.file.Files.readString(file);
                    for (String service : SERVICE_FOR_HOOK.values()) {
                        HookResponse response = HANDLER.invoke(service, text);
                        assertThat(response.status())
                                .as(service + " " + response.body())
                                .isBetween(400, 499);
                        assertThat(Corpus.read(response.body())
                                        .path("resourceType")
                                        .asText())
                                .isEqualTo("OperationOutcome");
                    }
                }));
    }

    private static JsonNode tryRead(Path file) {
        try {
            return Corpus.JSON.readTree(file.toFile());
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
