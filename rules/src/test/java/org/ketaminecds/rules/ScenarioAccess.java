package org.ketaminecds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.testkit.Scenario;

/** Scenario reading and evaluation for tests in other packages. */
public final class ScenarioAccess {
    private ScenarioAccess() {}

    public static List<Scenario> all() {
        return Scenarios.all();
    }

    public static Evaluation evaluate(Scenario scenario) {
        return ScenarioRunner.evaluate(scenario);
    }

    public static void validateResponse(JsonNode response) {
        CardConstraintsTest.validateResponse(response);
    }
}
