package org.ketaminecds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;

/**
 * The vendor-shape requests ({@code src/test/resources/vendor-shapes}): each answered as its file expects, and the FHIR
 * inside each valid R4 by HAPI FHIR's validator.
 */
class VendorShapesConformanceTest {
    static final Path SHAPES = Path.of("src/test/resources/vendor-shapes");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final CdsHooksHandler HANDLER = CdsHooksHandler.builder(CdsEngine.create())
            .clock(Clock.fixed(AS_OF.toInstant(), AS_OF.getOffset()))
            .build();

    @TestFactory
    Stream<DynamicTest> eachShape_isAnsweredAsExpected() {
        List<Path> files = Corpus.jsonFiles(SHAPES);
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode shape = Corpus.read(file);
                    HookResponse r = HANDLER.invoke(
                            shape.get("service").asText(), shape.get("request").toString());
                    expect(shape, r.status(), r.body());
                }));
    }

    @TestFactory
    Stream<DynamicTest> theFhirInsideEachShape_validates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.jsonFiles(SHAPES)) {
            JsonNode request = Corpus.read(file).get("request");
            Iterator<Map.Entry<String, JsonNode>> prefetch =
                    request.path("prefetch").fields();
            while (prefetch.hasNext()) {
                Map.Entry<String, JsonNode> e = prefetch.next();
                tests.add(DynamicTest.dynamicTest(
                        file.getFileName() + " " + e.getKey(),
                        () -> assertThat(HapiReferee.errors(e.getValue().toString()))
                                .isEmpty()));
            }
            if (request.path("context").has("draftOrders")) {
                tests.add(DynamicTest.dynamicTest(
                        file.getFileName() + " draftOrders",
                        () -> assertThat(HapiReferee.errors(request.path("context")
                                        .get("draftOrders")
                                        .toString()))
                                .isEmpty()));
            }
        }
        return tests.stream();
    }

    /** Checks a response against a shape's {@code expect}: status, text the body has, text it lacks. */
    static void expect(JsonNode shape, int status, String body) {
        JsonNode expect = shape.get("expect");
        assertThat(status)
                .as(shape.get("description").asText() + ": " + body)
                .isEqualTo(expect.get("status").asInt());
        for (JsonNode text : expect.path("bodyHas")) {
            assertThat(body).as(shape.get("description").asText()).contains(text.asText());
        }
        for (JsonNode text : expect.path("bodyLacks")) {
            assertThat(body).as(shape.get("description").asText()).doesNotContain(text.asText());
        }
    }
}
