package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.json.PolicyFile;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.testkit.PolicyCheck;
import org.ketaminecds.testkit.Scenario;

/**
 * Every clinical threshold of the site policy is pinned by the scenarios: moving any numeric setting one step up or
 * down (1 for whole numbers, 0.01 for doses in mg/kg) must make at least one scenario fail. A setting that survives
 * both steps would let a wrong default, or a wrong comparison, pass the whole suite unnoticed.
 */
class ThresholdMutationTest {
    @Test
    void everyNumericPolicySetting_isPinnedByAScenario_inBothDirections() throws Exception {
        SitePolicy defaults = SitePolicy.defaults();
        List<Scenario> scenarios = Scenarios.all();
        List<String> survivors = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        int mutants = 0;
        for (RecordComponent c : SitePolicy.class.getRecordComponents()) {
            Class<?> type = c.getType();
            if (type != int.class && type != double.class) {
                continue;
            }
            Object value = c.getAccessor().invoke(defaults);
            for (int direction : new int[] {+1, -1}) {
                ObjectNode change = JsonNodeFactory.instance.objectNode();
                if (type == int.class) {
                    change.put("value", (Integer) value + direction);
                } else {
                    change.put("value", Math.round(((Double) value + direction * 0.01) * 100) / 100.0);
                }
                change.put("reason", "mutation test");
                ObjectNode file = JsonNodeFactory.instance.objectNode().put("name", "mutant");
                file.putObject("settings").set(c.getName(), change);
                PolicyCheck mutant;
                try {
                    mutant = PolicyCheck.of(CdsEngine.builder()
                            .policy(PolicyFile.parse(defaults, file).policy())
                            .build());
                } catch (RuntimeException rejected) {
                    continue; // the policy's own validation refuses the value: pinned there, not counted here
                }
                mutants++;
                String name = c.getName() + " " + value + " -> " + change.get("value");
                switch (verdict(mutant, scenarios)) {
                    case KILLED -> {}
                    case SURVIVED -> survivors.add(name);
                    default -> crashes.add(name);
                }
            }
        }
        assertThat(mutants)
                .as("mutated settings the policy accepted and the scenarios evaluated")
                .isGreaterThan(40);
        assertThat(crashes)
                .as("mutants that made the engine fail instead of giving other cards (a crash is a defect, not a kill)")
                .isEmpty();
        assertThat(survivors)
                .as("policy thresholds no scenario notices when moved by one step")
                .isEmpty();
    }

    private enum Verdict {
        KILLED,
        SURVIVED,
        CRASHED
    }

    /** Killed when a scenario's expectations fail; a crash of the engine is its own verdict. */
    private static Verdict verdict(PolicyCheck mutant, List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            try {
                mutant.check(s);
            } catch (AssertionError expectationFailed) {
                return Verdict.KILLED;
            } catch (RuntimeException crash) {
                return Verdict.CRASHED;
            }
        }
        return Verdict.SURVIVED;
    }
}
