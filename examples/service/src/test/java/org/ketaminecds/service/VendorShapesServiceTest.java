package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;

/**
 * The vendor-shape requests of the conformance module ({@code examples/conformance/src/test/resources/vendor-shapes})
 * sent to the running service over HTTP: each answered as its file expects.
 */
class VendorShapesServiceTest {
    private static final Path SHAPES = Path.of("../conformance/src/test/resources/vendor-shapes");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CdsHooksServer server;
    private static String base;

    @BeforeAll
    static void start() {
        CdsHooksHandler handler = CdsHooksHandler.builder(CdsEngine.create())
                .clock(Clock.fixed(AS_OF.toInstant(), AS_OF.getOffset()))
                .build();
        server = CdsHooksServer.start(new CdsHooksServer.Config("127.0.0.1", 0, "http://localhost", null), handler);
        base = "http://127.0.0.1:" + server.port() + "/cds-services/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> eachShape_isAnsweredOverHttpAsExpected() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SHAPES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode shape = JSON.readTree(file.toFile());
                    HttpResponse<String> r = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(
                                                    base + shape.get("service").asText()))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    shape.get("request").toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    JsonNode expect = shape.get("expect");
                    String what = shape.get("description").asText();
                    assertThat(r.statusCode())
                            .as(what + ": " + r.body())
                            .isEqualTo(expect.get("status").asInt());
                    for (JsonNode text : expect.path("bodyHas")) {
                        assertThat(r.body()).as(what).contains(text.asText());
                    }
                    for (JsonNode text : expect.path("bodyLacks")) {
                        assertThat(r.body()).as(what).doesNotContain(text.asText());
                    }
                }));
    }
}
