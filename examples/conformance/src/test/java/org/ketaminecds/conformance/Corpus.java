package org.ketaminecds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The conformance corpus (see {@code src/test/resources/corpus/README.md}) and the project's own fixtures. */
final class Corpus {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of("src/test/resources/corpus");
    /** The project's own FHIR fixtures and sample requests (module paths from examples/conformance). */
    static final Path OWN_FHIR = Path.of("../../core/fhir/src/test/resources/fhir");

    static final Path OWN_REQUESTS = Path.of("../requests");

    private Corpus() {}

    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every resource of a gzip NDJSON bulk-export file. */
    static List<JsonNode> ndjson(Path file) {
        List<JsonNode> all = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    all.add(JSON.readTree(line));
                }
            }
        } catch (java.io.EOFException e) {
            return all; // an empty export file is an empty gzip stream
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /**
     * The resources a FHIR input holds, as the reader sees them: a resource, the entries of a Bundle (nested), the
     * items of an array, or the values of a CDS Hooks prefetch map. Bundles and OperationOutcomes are containers or
     * messages, not resources to map, and are not listed.
     */
    static List<JsonNode> resources(JsonNode input) {
        List<JsonNode> all = new ArrayList<>();
        collect(input, all);
        return all;
    }

    private static void collect(JsonNode node, List<JsonNode> all) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, all));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("resourceType").asText(null);
        if (type == null) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                collect(fields.next().getValue(), all);
            }
        } else if (type.equals("Bundle")) {
            node.path("entry").forEach(e -> collect(e.get("resource"), all));
        } else if (!type.equals("OperationOutcome")) {
            all.add(node);
        }
    }

    /** "Type/id", or the type alone, as the reader labels a resource. */
    static String label(JsonNode r) {
        String type = r.path("resourceType").asText("resource");
        return r.hasNonNull("id") ? type + "/" + r.get("id").asText() : type;
    }
}
