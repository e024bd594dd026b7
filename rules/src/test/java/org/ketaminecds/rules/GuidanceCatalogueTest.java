package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.RuleDescription;

/** The guidance catalogue in {@code seeds/} and the rule set agree with each other. */
class GuidanceCatalogueTest {
    static final Path CATALOGUE = Path.of("../seeds/guidance.yaml");
    private static final Set<String> STATUSES = Set.of("encoded", "planned", "out-of-scope");

    private static final Map<String, JsonNode> ENTRIES = new HashMap<>();
    private static List<RuleDescription> rules;

    @BeforeAll
    static void load() throws IOException {
        JsonNode root = new YAMLMapper().readTree(CATALOGUE.toFile());
        for (JsonNode entry : root.path("entries")) {
            String id = entry.path("id").asText();
            assertThat(ENTRIES.put(id, entry))
                    .as("duplicate guidance id %s", id)
                    .isNull();
        }
        rules = CdsEngine.create().rules();
    }

    @Test
    void catalogue_coversTheArticleWithWellFormedEntries() {
        assertThat(ENTRIES).hasSizeGreaterThanOrEqualTo(20);
        for (JsonNode e : ENTRIES.values()) {
            String id = e.path("id").asText();
            assertThat(id).matches("G-[A-Z]+-\\d{2}");
            assertThat(e.path("section").asText()).as("section of %s", id).isNotBlank();
            assertThat(e.path("statement").asText()).as("statement of %s", id).isNotBlank();
            String status = e.path("status").asText();
            assertThat(status).as("status of %s", id).isIn(STATUSES);
            switch (status) {
                case "planned" ->
                    assertThat(e.path("issue").asInt())
                            .as("issue of planned %s", id)
                            .isPositive();
                case "out-of-scope" ->
                    assertThat(e.path("reason").asText()).as("reason of %s", id).isNotBlank();
                default -> {}
            }
        }
    }

    @Test
    void everyRule_citesOnlyKnownGuidanceIds() {
        List<String> unknown = new ArrayList<>();
        for (RuleDescription rule : rules) {
            for (String g : rule.guidanceIds()) {
                if (!ENTRIES.containsKey(g)) {
                    unknown.add(rule.id() + " cites " + g);
                }
            }
        }
        assertThat(unknown)
                .as("rules citing guidance ids missing from %s", CATALOGUE)
                .isEmpty();
    }

    @Test
    void everyEncodedEntry_namesExistingRulesThatCiteIt() {
        Map<String, RuleDescription> byId = new HashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        for (JsonNode e : ENTRIES.values()) {
            String id = e.path("id").asText();
            if (!e.path("status").asText().equals("encoded")) {
                assertThat(e.has("rules"))
                        .as("%s is not encoded but lists rules", id)
                        .isFalse();
                continue;
            }
            assertThat(e.path("rules").size())
                    .as("encoded entry %s names no rule", id)
                    .isPositive();
            for (JsonNode r : e.path("rules")) {
                RuleDescription rule = byId.get(r.asText());
                assertThat(rule)
                        .as("%s names rule %s, which does not exist", id, r.asText())
                        .isNotNull();
                assertThat(rule.guidanceIds())
                        .as("rule %s must cite %s", rule.id(), id)
                        .contains(id);
            }
        }
    }

    @Test
    void everyGuidanceIdCitedByARule_isMarkedEncodedAndListsThatRule() {
        Set<String> problems = new HashSet<>();
        for (RuleDescription rule : rules) {
            for (String g : rule.guidanceIds()) {
                JsonNode entry = ENTRIES.get(g);
                if (entry == null) {
                    continue;
                }
                List<String> listed = new ArrayList<>();
                entry.path("rules").forEach(n -> listed.add(n.asText()));
                if (!entry.path("status").asText().equals("encoded") || !listed.contains(rule.id())) {
                    problems.add(g + " should be encoded and list " + rule.id());
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
