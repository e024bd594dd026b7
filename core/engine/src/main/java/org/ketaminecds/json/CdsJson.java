package org.ketaminecds.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.Explanation;
import org.ketaminecds.cds.Link;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.cds.Suggestion;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.SessionContext;

/**
 * JSON for the session-fact model and for CDS Hooks responses.
 *
 * <p>Reading is strict: unknown fields, wrong types (a string where a number belongs, a fraction where a whole
 * number belongs), unknown enum values, duplicate keys, trailing content and missing required fields are
 * rejected with an {@link InvalidFactException} whose path is a JSON path such as
 * {@code $.medications.entries[2].status}. Read limits guard against hostile input: nesting depth
 * {@value #MAX_NESTING_DEPTH}, strings of at most {@value #MAX_STRING_LENGTH} characters, numbers of at most
 * {@value #MAX_NUMBER_LENGTH} digits, documents of at most {@value #MAX_DOCUMENT_LENGTH} bytes.
 *
 * <p>Thread-safe; all methods are static.
 *
 * @since 0.1.0
 */
public final class CdsJson {
    /** Deepest nesting accepted (a session context needs 5). */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest string accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 100_000;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 32;
    /** Largest document accepted, in bytes (characters for string input). */
    public static final long MAX_DOCUMENT_LENGTH = 8L * 1024 * 1024;

    /** Key of the response extension that carries the evaluation's status and provenance. */
    public static final String EVALUATION_EXTENSION = "org.ketaminecds.evaluation";

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("ketamine-cds-strict-time")
                    .addDeserializer(java.time.Instant.class, new FastInstantDeserializer())
                    .addDeserializer(java.time.OffsetDateTime.class, new StrictTimeDeserializers.OffsetDateTimeReader())
                    .addDeserializer(java.time.LocalDate.class, new StrictTimeDeserializers.LocalDateReader()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(org.ketaminecds.fact.Medication.class, MedicationWriting.class)
            .withCoercionConfig(
                    com.fasterxml.jackson.databind.type.LogicalType.Textual,
                    c -> c.setCoercion(
                                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                                    com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                            .setCoercion(
                                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                                    com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                            .setCoercion(
                                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                                    com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
            .build();

    private CdsJson() {}

    /** How a medication entry is written: its ingredients only when the product is described by them. */
    private abstract static class MedicationWriting {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract java.util.List<org.ketaminecds.fact.ProductIngredient> ingredients();
    }

    /**
     * Reads a session context.
     *
     * @throws InvalidFactException naming the JSON path of the first problem
     *
     * @param json a session context as JSON
     * @return the validated context
     */
    public static SessionContext readContext(String json) {
        try {
            if (json.length() > MAX_DOCUMENT_LENGTH) {
                throw new InvalidFactException("$", "document is longer than " + MAX_DOCUMENT_LENGTH + " characters");
            }
            return MAPPER.readValue(json, SessionContext.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    /**
     * Reads a session context from a stream (UTF-8). @throws InvalidFactException naming the JSON path
     *
     * @param json a stream of a session context as JSON (not closed)
     * @return the validated context
     */
    public static SessionContext readContext(InputStream json) {
        try {
            return MAPPER.readValue(json, SessionContext.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a session context from a file. @throws InvalidFactException naming the JSON path
     *
     * @param file a JSON file holding a session context
     * @return the validated context
     * @throws IOException if the file cannot be read
     */
    public static SessionContext readContext(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readContext(in);
        }
    }

    /**
     * Reads a session context from a JSON tree. @throws InvalidFactException naming the JSON path
     *
     * @param tree a parsed session context
     * @return the validated context
     */
    public static SessionContext readContext(JsonNode tree) {
        try {
            return MAPPER.treeToValue(tree, SessionContext.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException jpe) {
                throw translate(jpe);
            }
            throw e;
        }
    }

    /**
     * Writes a session context (absent values are omitted). Reading the result gives an equal context.
     *
     * @param context a session context
     * @return it as pretty-printed JSON
     */
    public static String writeContext(SessionContext context) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write session context", e);
        }
    }

    /**
     * Writes an evaluation as a CDS Hooks 2.0 service response: {@code cards}, plus a response extension
     * {@value #EVALUATION_EXTENSION} with the status, checks not evaluated, unchecked medications, fired rules,
     * suppressed rules, rule-set version and policy. As CDS Hooks asks, no attribute is null or empty: empty lists
     * are omitted.
     *
     * @param evaluation an evaluation
     * @return the CDS Hooks response as JSON
     */
    public static String writeResponse(Evaluation evaluation) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(responseTree(evaluation));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CDS Hooks response", e);
        }
    }

    /**
     * The CDS Hooks response as a JSON tree (see {@link #writeResponse}).
     *
     * @param evaluation an evaluation
     * @return the CDS Hooks response as a tree
     */
    public static ObjectNode responseTree(Evaluation evaluation) {
        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode cards = response.putArray("cards");
        for (Card card : evaluation.cards()) {
            cards.add(cardTree(card));
        }
        ObjectNode ext = response.putObject("extension").putObject(EVALUATION_EXTENSION);
        ext.put("status", evaluation.status().name().toLowerCase(java.util.Locale.ROOT));
        ext.put("asOf", evaluation.asOf().toString());
        ext.put("ruleSetVersion", evaluation.ruleSetVersion());
        ext.put("policy", evaluation.policyName());
        ext.put("policyHash", evaluation.policyHash());
        if (evaluation.aboutKetamine()) {
            ArrayNode grounds = ext.putArray("ketamineTopic");
            evaluation.ketamineTopic().forEach(grounds::add);
        } else {
            ext.put("aboutKetamine", false);
        }
        if (!evaluation.notEvaluated().isEmpty()) {
            ArrayNode notEvaluated = ext.putArray("notEvaluated");
            for (NotEvaluated n : evaluation.notEvaluated()) {
                ObjectNode entry =
                        notEvaluated.addObject().put("check", n.check()).put("reason", n.reason());
                if (!n.topics().isEmpty()) {
                    n.topics().forEach(entry.putArray("topics")::add);
                }
            }
        }
        if (!evaluation.uncheckedMedications().isEmpty()) {
            ArrayNode unchecked = ext.putArray("uncheckedMedications");
            for (UncheckedMedication u : evaluation.uncheckedMedications()) {
                unchecked.addObject().put("entry", u.entry()).put("reason", u.reason());
            }
        }
        if (!evaluation.firedRules().isEmpty()) {
            ArrayNode fired = ext.putArray("firedRules");
            evaluation.firedRules().forEach(fired::add);
        }
        if (!evaluation.suppressedRules().isEmpty()) {
            ArrayNode suppressed = ext.putArray("suppressedRules");
            evaluation.suppressedRules().forEach(suppressed::add);
        }
        return response;
    }

    /**
     * One card as CDS Hooks 2.0 JSON: empty and absent attributes are omitted, as the specification asks.
     *
     * @param card a card
     * @return the CDS Hooks card as a tree
     */
    public static ObjectNode cardTree(Card card) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("uuid", card.uuid());
        node.put("summary", card.summary());
        if (card.detail() != null && !card.detail().isEmpty()) {
            node.put("detail", card.detail());
        }
        node.put("indicator", card.indicator().code());
        ObjectNode source = node.putObject("source");
        source.put("label", card.source().label());
        if (card.source().url() != null) {
            source.put("url", card.source().url());
        }
        if (card.source().topic() != null) {
            source.set("topic", coding(card.source().topic()));
        }
        if (!card.suggestions().isEmpty()) {
            ArrayNode suggestions = node.putArray("suggestions");
            for (Suggestion s : card.suggestions()) {
                ObjectNode sn = suggestions.addObject().put("label", s.label()).put("uuid", s.uuid());
                if (s.isRecommended()) {
                    sn.put("isRecommended", true);
                }
                if (!s.actions().isEmpty()) {
                    ArrayNode actions = sn.putArray("actions");
                    for (Suggestion.Action a : s.actions()) {
                        actions.addObject().put("type", a.type()).put("description", a.description());
                    }
                }
            }
            node.put("selectionBehavior", card.selectionBehavior());
        }
        if (!card.overrideReasons().isEmpty()) {
            ArrayNode reasons = node.putArray("overrideReasons");
            card.overrideReasons().forEach(r -> reasons.add(coding(r)));
        }
        if (!card.links().isEmpty()) {
            ArrayNode links = node.putArray("links");
            for (Link l : card.links()) {
                links.addObject().put("label", l.label()).put("url", l.url()).put("type", l.type());
            }
        }
        Explanation e = card.explanation();
        ObjectNode x = node.putObject("extension").putObject(Explanation.EXTENSION_KEY);
        x.put("ruleId", e.ruleId());
        x.put("ruleName", e.ruleName());
        e.guidanceIds().forEach(x.putArray("guidance")::add);
        if (!e.evidenceIds().isEmpty()) {
            e.evidenceIds().forEach(x.putArray("evidence")::add);
        }
        x.put("source", e.source());
        x.put("confidence", e.confidence());
        if (!e.facts().isEmpty()) {
            e.facts().forEach(x.putArray("facts")::add);
        }
        x.put("ruleSetVersion", e.ruleSetVersion());
        x.put("policy", e.policy());
        if (e.indicatorNote() != null) {
            x.put("indicatorNote", e.indicatorNote());
        }
        if (e.local()) {
            x.put("local", true);
        }
        return node;
    }

    private static ObjectNode coding(Coding c) {
        ObjectNode node = MAPPER.createObjectNode().put("system", c.system()).put("code", c.code());
        if (c.display() != null) {
            node.put("display", c.display());
        }
        return node;
    }

    /**
     * Reads any JSON document with the same read limits and strictness (duplicate keys, trailing content).
     *
     * @throws InvalidFactException naming where the document is malformed
     *
     * @param json JSON text
     * @return the parsed tree
     */
    public static JsonNode readTree(String json) {
        try {
            if (json == null || json.isBlank()) {
                throw new InvalidFactException("$", "the body is empty; a JSON object is expected");
            }
            if (json.length() > MAX_DOCUMENT_LENGTH) {
                throw new InvalidFactException("$", "document is longer than " + MAX_DOCUMENT_LENGTH + " characters");
            }
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    /**
     * A new empty JSON object.
     *
     * @return a new, empty JSON object
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Writes any JSON tree, pretty-printed.
     *
     * @param tree a JSON tree
     * @return it as pretty-printed JSON
     */
    public static String write(JsonNode tree) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Writes any JSON tree on one line (for NDJSON).
     *
     * @param tree a JSON tree
     * @return it as compact JSON
     */
    public static String writeCompact(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static InvalidFactException translate(JsonProcessingException e) {
        return JsonErrors.translate(e);
    }
}
