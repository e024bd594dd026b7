package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.json.CdsJson;

/**
 * Golden fixtures, one folder per resource type ({@code src/test/resources/fhir/golden/<Type>/*.json}): each gives an
 * input, an {@code asOf}, and the expected facts, issues, mapped resources and checks not evaluated, reviewed by
 * hand. A change of the reader that changes any of them fails here; regenerate with {@code -Dgolden.update=true} only
 * for an intended change, and review the diff.
 */
class GoldenFixturesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/fhir/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> eachFixture_readsAsExpected() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        ObjectNode fixture = (ObjectNode) JSON.readTree(file.toFile());
        JsonNode actual = outcome(fixture);
        if (UPDATE) {
            fixture.set("expected", actual);
            Files.writeString(file, JSON.writeValueAsString(fixture) + "\n");
            return;
        }
        assertThat(fixture.has("expected"))
                .as(file + " has no expected outcome")
                .isTrue();
        assertThat(actual).as(file.toString()).isEqualTo(fixture.get("expected"));
    }

    private static JsonNode outcome(JsonNode fixture) throws IOException {
        FhirReadResult r = READER.read(
                fixture.get("input"), OffsetDateTime.parse(fixture.get("asOf").asText()));
        ObjectNode out = JSON.createObjectNode();
        out.set("facts", JSON.readTree(CdsJson.writeContext(r.context())));
        ArrayNode issues = out.putArray("issues");
        r.issues().forEach(i -> issues.addArray().add(i.resource()).add(i.problem()));
        ArrayNode mapped = out.putArray("mapped");
        r.mappedResources().forEach(mapped::add);
        ArrayNode gaps = out.putArray("notEvaluated");
        r.notEvaluated().forEach(n -> gaps.addArray().add(n.check()).add(n.reason()));
        return out;
    }
}
