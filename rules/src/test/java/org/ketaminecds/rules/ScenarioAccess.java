package org.ketaminecds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ketaminecds.Evaluation;

/** Scenario reading and evaluation for tests in other packages. */
public final class ScenarioAccess {
    private ScenarioAccess() {}

    /** A scenario's merged session context (JSON) and its policy. */
    public record Case(String id, JsonNode context, JsonNode policy) {}

    public static List<Case> all() {
        return Scenarios.all().stream().map(s -> new Case(s.id(), s.context(), s.policy())).toList();
    }

    public static Evaluation evaluate(Case c) {
        return ScenarioRunner.engine(c.policy()).evaluate(org.ketaminecds.json.CdsJson.readContext(c.context()));
    }

    public static void validateResponse(JsonNode response) {
        CardConstraintsTest.validateResponse(response);
    }
}
