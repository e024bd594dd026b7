package org.ketaminecds.rules;

import java.nio.file.Path;
import java.util.List;
import org.ketaminecds.testkit.Scenario;
import org.ketaminecds.testkit.ScenarioFiles;

/** Our scenario files, read with the test kit that integrators use for theirs (read once). */
final class Scenarios {
    static final Path ROOT = Path.of("src/test/resources/scenarios");
    private static List<Scenario> all;

    private Scenarios() {}

    static synchronized List<Scenario> all() {
        if (all == null) {
            all = ScenarioFiles.read(ROOT);
        }
        return all;
    }
}
