package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ketaminecds.cli.Evaluate;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.CdsService;
import org.ketaminecds.hooks.HookResponse;

/**
 * A CDS Hooks request built from the FHIR fixtures returns the same cards as the equivalent session-fact JSON
 * ({@code samples/fhir-fixtures-equivalent.json}) through the command-line evaluator.
 */
class FhirEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyService_fromFhir_matchesTheSessionFactJsonThroughTheCli() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Evaluate.run(
                new String[] {"--json", "../samples/fhir-fixtures-equivalent.json"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isEqualTo(Evaluate.OK);
        JsonNode cli = JSON.readTree(out.toString(StandardCharsets.UTF_8));

        CdsHooksHandler handler = ServiceFixtures.standardHandler();
        int compared = 0;
        for (CdsService service : handler.services()) {
            if (service.hook().equals("appointment-book") || service.hook().startsWith("order-")) {
                continue; // these add a proposed appointment or a draft order that the session-fact file has not
            }
            HookResponse response = handler.invoke(
                    service.id(),
                    JSON.writeValueAsString(ServiceFixtures.request(service.hook(), ServiceFixtures.fullPrefetch())));
            assertThat(response.status()).isEqualTo(200);
            Set<String> fromFhir = cards(JSON.readTree(response.body()), service.topics());
            Set<String> fromJson = cards(cli, service.topics());
            assertThat(fromFhir).as("cards of %s", service.id()).isNotEmpty().isEqualTo(fromJson);
            compared++;
        }
        assertThat(compared).isEqualTo(2);
    }

    /** Each card as rule id, indicator, summary, uuid and facts, for the given topics. */
    private static Set<String> cards(JsonNode response, Set<String> topics) {
        Set<String> cards = new TreeSet<>();
        for (JsonNode c : response.path("cards")) {
            if (topics.contains(c.path("source").path("topic").path("code").asText())) {
                JsonNode x = c.path("extension").path("org.ketaminecds.explanation");
                cards.add(x.path("ruleId").asText() + " | "
                        + c.path("indicator").asText() + " | "
                        + c.path("summary").asText() + " | " + c.path("uuid").asText() + " | " + x.path("facts"));
            }
        }
        return cards;
    }
}
