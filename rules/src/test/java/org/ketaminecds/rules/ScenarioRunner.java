package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.Evaluation;
import org.ketaminecds.SitePolicy;
import org.ketaminecds.UncheckedMedication;
import org.ketaminecds.cds.Card;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;

/** Evaluates scenarios and checks their expectations; failure messages show every card produced. */
final class ScenarioRunner {
    private static final Map<JsonNode, CdsEngine> ENGINES = new ConcurrentHashMap<>();

    private ScenarioRunner() {}

    static Evaluation evaluate(Scenario scenario) {
        SessionContext context = CdsJson.readContext(scenario.context());
        return engine(scenario.policy()).evaluate(context);
    }

    static CdsEngine engine(JsonNode policy) {
        JsonNode key = policy == null ? com.fasterxml.jackson.databind.node.NullNode.instance : policy;
        return ENGINES.computeIfAbsent(key, k -> CdsEngine.builder().policy(policy(policy)).build());
    }

    /** The scenario policy: changes from the defaults, named "scenario-policy" unless it names itself. */
    static SitePolicy policy(JsonNode node) {
        if (node == null) {
            return SitePolicy.defaults();
        }
        com.fasterxml.jackson.databind.node.ObjectNode changes = node.deepCopy();
        if (!changes.has("name")) {
            changes.put("name", "scenario-policy");
        }
        return CdsJson.readPolicy(changes);
    }

    static void check(Scenario scenario) {
        Evaluation result = evaluate(scenario);
        String produced = describe(result);
        for (Scenario.Expectation e : scenario.expect()) {
            List<Card> cards = result.cardsOf(e.rule());
            assertThat(cards).as("%s: expected a card from %s; produced:%n%s", scenario.id(), e.rule(), produced)
                    .isNotEmpty();
            if (e.count() != null) {
                assertThat(cards).as("%s: number of %s cards; produced:%n%s", scenario.id(), e.rule(), produced)
                        .hasSize(e.count());
            }
            if (e.indicator() != null) {
                assertThat(cards).as("%s: indicator of %s; produced:%n%s", scenario.id(), e.rule(), produced)
                        .allSatisfy(c -> assertThat(c.indicator().code()).isEqualTo(e.indicator()));
            }
            for (String mention : e.mentions()) {
                assertThat(cards).as("%s: a %s card mentioning '%s'; produced:%n%s", scenario.id(), e.rule(), mention, produced)
                        .anySatisfy(c -> assertThat(c.summary() + "\n" + c.detail()).containsIgnoringCase(mention));
            }
        }
        for (String rule : scenario.expectNot()) {
            assertThat(result.cardsOf(rule)).as("%s: %s must not fire; produced:%n%s", scenario.id(), rule, produced)
                    .isEmpty();
        }
        assertThat(result.status().name().toLowerCase()).as("%s: status; produced:%n%s", scenario.id(), produced)
                .isEqualTo(scenario.expectStatus());
        if (scenario.expectUnchecked() != null) {
            assertThat(result.uncheckedMedications()).extracting(UncheckedMedication::entry)
                    .as("%s: unchecked medications", scenario.id())
                    .containsExactlyInAnyOrderElementsOf(scenario.expectUnchecked());
        }
        assertThat(result.firedRules()).as("%s: fired rules", scenario.id()).containsAll(scenario.expectFired());
    }

    static String describe(Evaluation result) {
        List<String> lines = new ArrayList<>();
        for (Card c : result.cards()) {
            lines.add("  [" + c.indicator().code() + "] " + c.ruleId() + ": " + c.summary());
        }
        if (lines.isEmpty()) {
            lines.add("  (no cards)");
        }
        lines.add("  status " + result.status() + ", fired " + result.firedRules() + ", unchecked "
                + result.uncheckedMedications().stream().map(UncheckedMedication::entry).collect(Collectors.toList()));
        return String.join("\n", lines);
    }
}
