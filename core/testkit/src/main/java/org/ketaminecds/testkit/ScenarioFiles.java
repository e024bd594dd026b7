package org.ketaminecds.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.json.Yaml;

/**
 * Reads scenario files ({@code *.yaml}/{@code *.yml}, or {@code *.json} with the same structure) from a folder and its
 * subfolders. A file has an optional {@code topic}, a {@code base} (a partial session context merged under each
 * scenario's {@code given}: objects merge, arrays and values replace) and a list of {@code scenarios}, each with
 * {@code id}, {@code title}, {@code rationale}, {@code asOf}, {@code given}, and optionally {@code policy},
 * {@code expect} ({@code rule}, {@code indicator}, {@code mentions}, {@code count}, {@code notMentions}), {@code expectNot},
 * {@code expectStatus}, {@code expectUnchecked}, {@code expectFired}. Unknown keys are errors. YAML anchors are not
 * supported. YAML files need {@code jackson-dataformat-yaml} on the test class path.
 *
 * @since 0.1.0
 */
public final class ScenarioFiles {
    private static final Set<String> FILE_KEYS = Set.of("topic", "base", "scenarios");
    private static final Set<String> SCENARIO_KEYS = Set.of(
            "id",
            "title",
            "rationale",
            "asOf",
            "policy",
            "given",
            "expect",
            "expectNot",
            "expectStatus",
            "expectUnchecked",
            "expectFired");

    private ScenarioFiles() {}

    /**
     * Every scenario of every file under {@code folder}, files in name order.
     *
     * @param folder a folder of scenario files (*.yaml, *.json; searched recursively)
     * @return the scenarios
     * @throws IllegalStateException if the folder holds no scenario file
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<Scenario> read(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Scenario> all = new ArrayList<>();
            for (Path file : files.filter(
                            p -> Yaml.isYaml(p.toString()) || p.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                all.addAll(readFile(file));
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("no scenario files (*.yaml, *.json) under " + folder.toAbsolutePath());
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scenarios of one file.
     *
     * @param file a scenario file
     * @return its scenarios
     * @throws IOException if the file cannot be read
     */
    public static List<Scenario> readFile(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = Yaml.isYaml(file.toString()) ? Yaml.readTree(text) : CdsJson.readTree(text);
        } catch (InvalidFactException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        requireKeys(root, FILE_KEYS, file.toString());
        JsonNode base = root.path("base");
        List<Scenario> result = new ArrayList<>();
        for (JsonNode s : root.path("scenarios")) {
            String id = text(s, "id", file);
            requireKeys(s, SCENARIO_KEYS, file + " " + id);
            ObjectNode context = base.isObject() ? base.deepCopy() : JsonNodeFactory.instance.objectNode();
            merge(context, s.path("given"));
            context.put("asOf", text(s, "asOf", file));
            List<Scenario.Expectation> expect = new ArrayList<>();
            for (JsonNode e : s.path("expect")) {
                requireKeys(
                        e,
                        Set.of("rule", "indicator", "mentions", "count", "notMentions"),
                        file + " " + id + " expect");
                expect.add(new Scenario.Expectation(
                        text(e, "rule", file),
                        e.path("indicator").asText(null),
                        strings(e.path("mentions")),
                        e.has("count") ? e.get("count").asInt() : null,
                        strings(e.path("notMentions"))));
            }
            result.add(new Scenario(
                    file,
                    id,
                    text(s, "title", file),
                    text(s, "rationale", file),
                    s.get("policy"),
                    context,
                    expect,
                    strings(s.path("expectNot")),
                    s.path("expectStatus").asText("complete"),
                    s.has("expectUnchecked") ? strings(s.get("expectUnchecked")) : null,
                    strings(s.path("expectFired"))));
        }
        if (result.isEmpty()) {
            throw new IllegalStateException(file + " has no scenarios");
        }
        return result;
    }

    private static void requireKeys(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalStateException(where + ": unknown key '" + name + "' (allowed: " + allowed + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalStateException(file + ": scenario field '" + field + "' is required");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static void merge(ObjectNode target, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
