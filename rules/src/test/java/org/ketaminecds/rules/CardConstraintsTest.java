package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.json.CdsJson;

/**
 * Every card of every scenario, as sent on the wire, satisfies CDS Hooks 2.0: checked on the JSON with a validator
 * written from the specification, independent of the card model's own checks.
 */
class CardConstraintsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> CARD_FIELDS = Set.of(
            "uuid",
            "summary",
            "detail",
            "indicator",
            "source",
            "suggestions",
            "selectionBehavior",
            "overrideReasons",
            "links",
            "extension");

    @TestFactory
    Stream<DynamicTest> everyCardOfEveryScenario_meetsCdsHooks() {
        return Scenarios.all().stream()
                .map(s -> DynamicTest.dynamicTest(s.displayName(), () -> {
                    Evaluation evaluation = ScenarioRunner.evaluate(s);
                    JsonNode response = JSON.readTree(CdsJson.writeResponse(evaluation));
                    validateResponse(response);
                    assertThat(response.get("cards")).hasSize(evaluation.cards().size());
                }));
    }

    static void validateResponse(JsonNode response) {
        assertThat(response.get("cards")).as("cards array").isNotNull();
        assertThat(response.get("cards").isArray()).isTrue();
        noNullOrEmpty(response.get("extension"), "$.extension");
        for (JsonNode card : response.get("cards")) {
            validateCard(card);
        }
    }

    static void validateCard(JsonNode card) {
        String where = "card " + card.path("uuid").asText();
        card.fieldNames()
                .forEachRemaining(
                        f -> assertThat(CARD_FIELDS).as("%s field %s", where, f).contains(f));
        noNullOrEmpty(card, where);
        assertThat(card.path("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String summary = card.path("summary").asText();
        assertThat(summary)
                .as("%s summary", where)
                .isNotBlank()
                .hasSizeLessThan(140)
                .doesNotContain("\n");
        assertThat(card.path("indicator").asText()).as("%s indicator", where).isIn(INDICATORS);
        JsonNode source = card.get("source");
        assertThat(source).as("%s source", where).isNotNull();
        assertThat(source.path("label").asText()).as("%s source.label", where).isNotBlank();
        if (source.has("topic")) {
            assertThat(source.get("topic").path("system").asText()).isNotBlank();
            assertThat(source.get("topic").path("code").asText()).isNotBlank();
        }
        if (card.has("suggestions")) {
            assertThat(card.path("selectionBehavior").asText())
                    .as("%s selectionBehavior", where)
                    .isIn("at-most-one", "any");
            for (JsonNode s : card.get("suggestions")) {
                assertThat(s.path("label").asText()).isNotBlank();
                for (JsonNode a : s.path("actions")) {
                    assertThat(a.path("type").asText()).isIn("create", "update", "delete");
                    assertThat(a.path("description").asText()).isNotBlank();
                }
            }
        } else {
            assertThat(card.has("selectionBehavior"))
                    .as("%s selectionBehavior without suggestions", where)
                    .isFalse();
        }
        for (JsonNode reason : card.path("overrideReasons")) {
            assertThat(reason.path("system").asText()).isNotBlank();
            assertThat(reason.path("code").asText()).isNotBlank();
            assertThat(reason.path("display").asText())
                    .as("%s override reason display", where)
                    .isNotBlank();
        }
        for (JsonNode link : card.path("links")) {
            assertThat(link.path("label").asText()).isNotBlank();
            assertThat(link.path("url").asText()).isNotBlank();
            assertThat(link.path("type").asText()).isIn("absolute", "smart");
        }
        JsonNode why = card.path("extension").path("org.ketaminecds.explanation");
        assertThat(why.isObject()).as("%s explanation extension", where).isTrue();
        String ruleId = why.path("ruleId").asText();
        assertThat(ruleId).matches("[A-Z]+-\\d{3}");
        assertThat(why.path("guidance").size()).isPositive();
        assertThat(why.path("source").asText()).isNotBlank();
        assertThat(why.path("confidence").asText()).isIn("H", "M", "L");
        assertThat(why.path("facts").size()).as("%s triggering facts", where).isPositive();
        assertThat(why.path("ruleSetVersion").asText()).isNotBlank();
        String detail = card.path("detail").asText();
        // Texts are escaped in the markdown; read back without the escapes, they are the explanation's own words.
        String unescaped = detail.replaceAll("\\\\([\\\\`*_\\[\\]<>|~!#&{}@:.])", "$1");
        assertThat(unescaped)
                .as("%s detail explains in plain words", where)
                .contains(
                        "**Why:**",
                        "**Based on:**",
                        "**Rule:** " + ruleId,
                        why.path("source").asText());
    }

    private static void noNullOrEmpty(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        assertThat(node.isNull()).as("%s is null", path).isFalse();
        if (node.isTextual()) {
            assertThat(node.asText()).as("%s is an empty string", path).isNotEmpty();
        }
        if (node.isContainerNode()) {
            assertThat(node.size()).as("%s is empty", path).isPositive();
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                noNullOrEmpty(f.getValue(), path + "." + f.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNullOrEmpty(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
