package org.ketaminecds.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.json.CdsJson;

/**
 * Mutated session-context JSON (truncated, wrong types, huge numbers, deep nesting, 10 MB strings, unknown fields,
 * null where required) always gives either a validation error naming a JSON path or a valid result: never another
 * exception, never an empty result for invalid input.
 */
class MutatedJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String original() throws Exception {
        return Files.readString(Path.of("../examples/samples/full-context.json"));
    }

    /** Either InvalidFactException with a $-path, or a full evaluation. */
    private static void check(String json, String what) {
        Evaluation result;
        try {
            result = ENGINE.evaluate(CdsJson.readContext(json));
        } catch (InvalidFactException e) {
            assertThat(e.path()).as("path of the error for %s", what).startsWith("$");
            assertThat(e.problem()).as("problem for %s", what).isNotBlank();
            assertThat(e.getMessage()).as(what).doesNotContain("Exception");
            return;
        }
        assertThat(result).as(what).isNotNull();
        assertThat(result.ruleSetVersion()).isNotBlank();
    }

    @Test
    void truncatedDocuments_areRejectedWithAPath() throws Exception {
        String json = original();
        int rejected = 0;
        for (int cut = 0; cut < json.length() - 1; cut += 7) {
            String truncated = json.substring(0, cut);
            try {
                CdsJson.readContext(truncated);
            } catch (InvalidFactException e) {
                rejected++;
                assertThat(e.path()).startsWith("$");
                continue;
            }
            throw new AssertionError("a truncated document was accepted at " + cut);
        }
        assertThat(rejected).isGreaterThan(100);
    }

    @Test
    void everyValueReplacedByAWrongOrExtremeValue_givesAPathOrAResult() throws Exception {
        JsonNode root = JSON.readTree(original());
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        JsonNode[] replacements = {
            F.textNode("x"),
            F.numberNode(-1),
            F.numberNode(1e308),
            F.numberNode(new java.math.BigInteger("99999999999999999999999")),
            F.booleanNode(true),
            F.nullNode(),
            F.arrayNode(),
            F.objectNode(),
            F.textNode("2026-13-45T99:00:00Z"),
            F.numberNode(0.5)
        };
        int cases = 0;
        for (String path : paths) {
            for (JsonNode replacement : replacements) {
                JsonNode copy = root.deepCopy();
                replace(copy, path, replacement);
                check(JSON.writeValueAsString(copy), path + " := " + replacement);
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    /**
     * Mutations that are invalid by type or range are always rejected, at their own JSON path, never read as
     * something else: a number or boolean in a text field, a number or digit string in a time field, a year outside
     * 1900-2100, a malformed fraction, and a number far beyond any plausible value.
     */
    @Test
    void invalidValues_areAlwaysRejected_atTheirPath() throws Exception {
        JsonNode root = JSON.readTree(original());
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        List<String> accepted = new ArrayList<>();
        int cases = 0;
        for (String path : paths) {
            JsonNode value = root.at(path);
            List<JsonNode> invalid = new ArrayList<>();
            if (value.isTextual()) {
                invalid.add(F.numberNode(123));
                invalid.add(F.booleanNode(true));
                if (value.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                    invalid.add(F.textNode("123"));
                    invalid.add(F.textNode("0000-01-01T00:00:00Z"));
                    invalid.add(F.textNode("+10000-01-01T00:00:00Z"));
                    invalid.add(F.textNode("2026-03-12T10:00:00.Z"));
                    invalid.add(F.textNode("2199-01-01T00:00:00Z"));
                    invalid.add(F.numberNode(1773309600L));
                }
            } else if (value.isNumber()) {
                invalid.add(F.numberNode(1e308));
                invalid.add(F.textNode("80"));
            }
            for (JsonNode bad : invalid) {
                JsonNode copy = root.deepCopy();
                replace(copy, path, bad);
                cases++;
                try {
                    CdsJson.readContext(JSON.writeValueAsString(copy));
                    accepted.add(path + " := " + bad);
                } catch (InvalidFactException e) {
                    String expected = "$" + path.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
                    if (!e.path().startsWith(expected) && !e.path().equals("$")) {
                        accepted.add(path + " := " + bad + " rejected at " + e.path() + ", not " + expected);
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(300);
        assertThat(accepted)
                .as("invalid values accepted or reported at another path")
                .isEmpty();
    }

    @Test
    void removedFields_andUnknownFields_giveAPathOrAResult() throws Exception {
        JsonNode root = JSON.readTree(original());
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        for (String path : paths) {
            JsonNode copy = root.deepCopy();
            remove(copy, path);
            check(JSON.writeValueAsString(copy), "without " + path);
        }
        ObjectNode unknown = root.deepCopy();
        ((ObjectNode) unknown.get("session")).put("ketamineFlavour", "mint");
        assertThatRejectedAt(JSON.writeValueAsString(unknown), "$.session.ketamineFlavour");
        ObjectNode nullRequired = root.deepCopy();
        nullRequired.putNull("asOf");
        assertThatRejectedAt(JSON.writeValueAsString(nullRequired), "$.asOf");
    }

    @Test
    void hugeStrings_deepNesting_andHugeArrays_areRejectedOrHandled() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(original());
        ObjectNode big = root.deepCopy();
        ((ObjectNode) big.get("patient")).put("id", "p".repeat(10 * 1024 * 1024));
        assertThatRejectedAt(JSON.writeValueAsString(big), "$");
        String deep = "{\"asOf\":\"2026-03-12T10:30:00-05:00\",\"patient\":{\"id\":\"p\"},\"x\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}";
        assertThatRejectedAt(deep, "$");
        ObjectNode many = root.deepCopy();
        ArrayNode vitals = many.putArray("vitals");
        for (int i = 0; i < 5000; i++) {
            vitals.addObject().put("at", "2026-03-12T14:32:00Z").put("heartRate", 60 + i % 60);
        }
        check(JSON.writeValueAsString(many), "5000 readings");
    }

    @Test
    void randomByteFlips_giveAPathOrAResult() throws Exception {
        String json = original();
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            char[] chars = json.toCharArray();
            String alphabet = "{}[]\":,0123456789abcxyz-. \\\u00e9";
            for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                chars[r.nextInt(chars.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            check(new String(chars), "flip " + i);
        }
    }

    private static void assertThatRejectedAt(String json, String pathPrefix) {
        try {
            CdsJson.readContext(json);
        } catch (InvalidFactException e) {
            assertThat(e.path()).startsWith(pathPrefix);
            return;
        }
        throw new AssertionError("accepted invalid input expected to fail at " + pathPrefix);
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                paths.add(p);
                collect(e.getValue(), p, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "/" + i;
                paths.add(p);
                collect(node.get(i), p, paths);
            }
        }
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }
}
