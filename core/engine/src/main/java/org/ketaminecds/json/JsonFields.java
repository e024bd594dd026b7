package org.ketaminecds.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ketaminecds.fact.InvalidFactException;

/**
 * Checks of a JSON tree read by hand (a policy file): each either returns the value or throws an
 * {@link InvalidFactException} naming the field by its path.
 */
final class JsonFields {
    private JsonFields() {}

    interface ReasonConsumer {
        void accept(String key, String reason);
    }

    static void reasons(JsonNode node, String path, ReasonConsumer consumer) {
        if (node.isMissingNode()) {
            return;
        }
        object(node, path);
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new InvalidFactException(path + "." + e.getKey(), "needs a written reason (a non-empty string)");
            }
            consumer.accept(e.getKey(), e.getValue().asText());
        }
    }

    static List<String> strings(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        array(node, path);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                throw new InvalidFactException(path + "[" + i + "]", "must be a non-empty string");
            }
            values.add(node.get(i).asText());
        }
        return values;
    }

    static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidFactException(path + "." + field, "is required (a non-empty string)");
        }
        return value.asText();
    }

    static void keys(JsonNode node, String path, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidFactException(
                        path + "." + name, "unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    static void object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidFactException(
                    path,
                    "must be a JSON object, was " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }

    static void array(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new InvalidFactException(
                    path,
                    "must be a JSON array, was " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }
}
