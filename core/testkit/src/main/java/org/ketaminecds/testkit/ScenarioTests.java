package org.ketaminecds.testkit;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a folder of scenario files (the format our own rules are tested with; see {@link ScenarioFiles}) as JUnit 5
 * dynamic tests, one per scenario, named "ID title" and linked to its file:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> clinicScenarios() {
 *     return ScenarioTests.from(Path.of("src/test/resources/scenarios"), PolicyCheck.withPolicyFile(CLINIC_POLICY));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ScenarioTests {
    private ScenarioTests() {}

    /**
     * The scenarios under {@code folder}, checked against the shipped defaults.
     *
     * @param folder a folder of scenario files
     * @return one dynamic test per scenario
     */
    public static Stream<DynamicTest> from(Path folder) {
        return from(folder, PolicyCheck.withDefaults());
    }

    /**
     * The scenarios under {@code folder}, checked by {@code check} (its policy, its engine).
     *
     * @param folder a folder of scenario files
     * @param check the policy check whose engine evaluates them
     * @return one dynamic test per scenario
     */
    public static Stream<DynamicTest> from(Path folder, PolicyCheck check) {
        return ScenarioFiles.read(folder).stream()
                .map(s -> DynamicTest.dynamicTest(s.displayName(), s.file().toUri(), () -> check.check(s)));
    }
}
