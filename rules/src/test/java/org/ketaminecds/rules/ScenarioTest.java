package org.ketaminecds.rules;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every scenario file under {@code src/test/resources/scenarios} as a dynamic test named by its title. */
class ScenarioTest {
    @TestFactory
    Stream<DynamicTest> scenarios() {
        return Scenarios.all().stream()
                .map(s -> DynamicTest.dynamicTest(s.displayName(), s.file().toUri(), () -> ScenarioRunner.check(s)));
    }
}
