package org.ketaminecds.rules;

import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.testkit.PolicyCheck;
import org.ketaminecds.testkit.Scenario;

/** Evaluates and checks scenarios against the shipped defaults, through the integrators' test kit. */
final class ScenarioRunner {
    static final PolicyCheck DEFAULTS = PolicyCheck.withDefaults();

    private ScenarioRunner() {}

    static Evaluation evaluate(Scenario scenario) {
        return DEFAULTS.engineFor(scenario).evaluate(CdsJson.readContext(scenario.context()));
    }

    static void check(Scenario scenario) {
        DEFAULTS.check(scenario);
    }
}
