package org.ketaminecds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.testkit.Scenario;

/**
 * Evaluates every scenario and prints one SHA-256 over all results, so that a test can compare the results of two
 * JVMs (identity hash codes, class-loading order and hash-map iteration differ between runs, never within one).
 * With {@code reversed}, every collection of every context is given in reverse order first.
 */
public final class DeterminismProbe {
    private DeterminismProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println(digest(args.length > 0 && args[0].equals("reversed")));
    }

    static String digest(boolean reversed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Scenario s : Scenarios.all()) {
            JsonNode context = reversed ? reverseCollections(s.context()) : s.context();
            Evaluation e = ScenarioRunner.DEFAULTS.engineFor(s).evaluate(CdsJson.readContext(context));
            sha.update((s.id() + "\n" + e + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The context with each of its collections (conditions, allergies, prior sessions, vital signs, assessments, the
     * medication entries, ...) in reverse order. Arrays inside an element keep their order: some are positional
     * (the nine PHQ-9 item answers).
     */
    static JsonNode reverseCollections(JsonNode context) {
        ObjectNode copy = (ObjectNode) context.deepCopy();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        copy.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> f : fields) {
            if (f.getValue() instanceof ArrayNode array) {
                copy.set(f.getKey(), reversed(array));
            }
        }
        if (copy.path("medications").path("entries") instanceof ArrayNode entries) {
            ((ObjectNode) copy.get("medications")).set("entries", reversed(entries));
        }
        return copy;
    }

    private static ArrayNode reversed(ArrayNode array) {
        ArrayNode out = array.arrayNode();
        for (int i = array.size() - 1; i >= 0; i--) {
            out.add(array.get(i));
        }
        return out;
    }
}
