package org.ketaminecds.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The content hash of a site policy: the full SHA-256 over its JSON in the JSON Canonicalization Scheme (RFC 8785:
 * members sorted, numbers and strings in one form, no whitespace) with set-valued settings sorted, so the same
 * content gives the same hash however the file was written. Every result records it.
 *
 * @since 0.1.0
 */
public final class PolicyHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PolicyHash() {}

    /**
     * {@code sha256:} and the 64 hex digits of the SHA-256 of {@link #canonicalForm}.
     *
     * @param policy the policy
     * @return {@code sha256:} and 64 hex digits
     */
    public static String of(SitePolicy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm(policy).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the site policy", e);
        }
    }

    /**
     * The policy as RFC 8785 canonical JSON, set-valued settings sorted: what {@link #of} hashes.
     *
     * @param policy the policy
     * @return its canonical JSON
     */
    public static String canonicalForm(SitePolicy policy) {
        try {
            JsonNode tree = sortArrays(CANONICAL.valueToTree(policy));
            return new org.erdtman.jcs.JsonCanonicalizer(CANONICAL.writeValueAsString(tree)).getEncodedString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot hash the site policy", e);
        }
    }

    private static JsonNode sortArrays(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            it.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                o.set(e.getKey(), sortArrays(e.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            List<JsonNode> items = new ArrayList<>();
            a.forEach(n -> items.add(sortArrays(n)));
            items.sort((x, y) -> x.toString().compareTo(y.toString()));
            a.removeAll();
            items.forEach(a::add);
        }
        return node;
    }
}
