package org.ketaminecds.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.json.PolicyFile;
import org.ketaminecds.policy.SitePolicy;

/**
 * Entry point of the policy-check test kit: an engine configured with a site's policy, and fluent assertions on
 * what it concludes. Add {@code ketamine-cds-core} and {@code ketamine-cds-rules} (and {@code junit-jupiter-api},
 * plus {@code jackson-dataformat-yaml} for YAML files) as test dependencies, then:
 *
 * <pre>{@code
 * static final PolicyCheck CLINIC = PolicyCheck.withPolicyFile(Path.of("src/test/resources/clinic-policy.json"));
 *
 * @Test void sertralineIsFlagged() {
 *     CLINIC.evaluateFile(Path.of("src/test/resources/cases/sertraline.json"))
 *           .hasCard("MED-030").withIndicator(Indicator.INFO).mentioning("sertraline");
 * }
 *
 * @TestFactory Stream<DynamicTest> scenarios() {
 *     return CLINIC.scenarios(Path.of("src/test/resources/scenarios"));
 * }
 * }</pre>
 *
 * A check is immutable and thread-safe; build it once per test class.
 *
 * @since 0.1.0
 */
public final class PolicyCheck {
    private final CdsEngine engine;
    private final Map<SitePolicy, CdsEngine> variants = new ConcurrentHashMap<>();

    private PolicyCheck(CdsEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * A check of the shipped defaults.
     *
     * @return a check of the bundled rules under the shipped defaults
     */
    public static PolicyCheck withDefaults() {
        return new PolicyCheck(CdsEngine.create());
    }

    /**
     * A check of the site policy in {@code file} (JSON or YAML; see {@link PolicyFile}).
     *
     * @param file a policy file
     * @return a check of the bundled rules under that policy
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PolicyCheck withPolicyFile(Path file) {
        try {
            return withPolicy(PolicyFile.read(file).policy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        }
    }

    /**
     * A check of {@code policy}.
     *
     * @param policy the site policy
     * @return a check of the bundled rules under that policy
     */
    public static PolicyCheck withPolicy(SitePolicy policy) {
        return new PolicyCheck(CdsEngine.builder().policy(policy).build());
    }

    /**
     * A check of an engine you built, e.g. one with a local knowledge base ({@code knowledgeBase("...")}).
     *
     * @param engine the engine to check
     * @return a check of that engine
     */
    public static PolicyCheck of(CdsEngine engine) {
        return new PolicyCheck(engine);
    }

    /**
     * The engine under test.
     *
     * @return the engine
     */
    public CdsEngine engine() {
        return engine;
    }

    /**
     * Evaluates a session context.
     *
     * @param context the session context
     * @return assertions on the evaluation
     */
    public Outcome evaluate(SessionContext context) {
        return new Outcome(engine.evaluate(context), ruleIds(engine));
    }

    /**
     * Evaluates a session context given as JSON (the format of {@link CdsJson#readContext(String)}).
     *
     * @param contextJson the session context as JSON
     * @return assertions on the evaluation
     */
    public Outcome evaluate(String contextJson) {
        return evaluate(CdsJson.readContext(contextJson));
    }

    /**
     * Evaluates a session context JSON file.
     *
     * @param contextJson a JSON file holding a session context
     * @return assertions on the evaluation
     * @throws UncheckedIOException if the file cannot be read
     */
    public Outcome evaluateFile(Path contextJson) {
        try {
            return evaluate(Files.readString(contextJson));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + contextJson, e);
        }
    }

    /**
     * Every scenario under {@code folder} as a JUnit 5 dynamic test (return it from a {@code @TestFactory}). A
     * scenario's {@code policy} key holds changes applied over this check's policy.
     *
     * @param folder a folder of scenario files (searched recursively)
     * @return one dynamic test per scenario
     */
    public java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> scenarios(Path folder) {
        return ScenarioTests.from(folder, this);
    }

    /**
     * Checks one scenario.
     *
     * @param scenario the scenario
     * @throws AssertionError listing the cards produced when an expectation fails
     */
    public void check(Scenario scenario) {
        SessionContext context = CdsJson.readContext(scenario.context());
        CdsEngine scenarioEngine = engineFor(scenario);
        Outcome outcome = new Outcome(scenarioEngine.evaluate(context), ruleIds(scenarioEngine)).as(scenario.id());
        for (Scenario.Expectation e : scenario.expect()) {
            Outcome.CardAssert card = outcome.hasCard(e.rule());
            if (e.count() != null) {
                card.times(e.count());
            }
            if (e.indicator() != null) {
                card.withIndicator(org.ketaminecds.cds.Indicator.fromCode(e.indicator()));
            }
            e.mentions().forEach(card::mentioning);
            e.notMentions().forEach(card::notMentioning);
        }
        scenario.expectNot().forEach(outcome::hasNoCard);
        if ("complete".equals(scenario.expectStatus())) {
            outcome.isComplete();
        } else if ("incomplete".equals(scenario.expectStatus())) {
            outcome.isIncomplete();
        } else if ("silent".equals(scenario.expectStatus())) {
            outcome.isSilent();
        } else {
            throw new IllegalStateException(scenario.id()
                    + ": expectStatus must be complete, incomplete or silent, was " + scenario.expectStatus());
        }
        if (scenario.expectUnchecked() != null) {
            outcome.hasExactlyUnchecked(scenario.expectUnchecked());
        }
        scenario.expectFired().forEach(outcome::fired);
    }

    private static java.util.Set<String> ruleIds(CdsEngine engine) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        engine.rules().forEach(r -> ids.add(r.id()));
        return ids;
    }

    /**
     * The engine for a scenario: this check's, or one with the scenario's policy changes applied (written like a site
     * policy file: {@code settings} with a value and a reason each, {@code disabledRules}, {@code indicatorOverrides}...;
     * see {@link org.ketaminecds.json.PolicyFile#parse(SitePolicy, com.fasterxml.jackson.databind.JsonNode)}).
     *
     * @param scenario a scenario
     * @return the engine that evaluates it
     */
    public CdsEngine engineFor(Scenario scenario) {
        if (scenario.policy() == null) {
            return engine;
        }
        if (!scenario.policy().isObject()) {
            throw new IllegalArgumentException(scenario.file() + ": scenario " + scenario.id()
                    + ": policy must be a mapping written like a policy file (settings, disabledRules, ...), was "
                    + scenario.policy().getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        com.fasterxml.jackson.databind.node.ObjectNode changes =
                scenario.policy().deepCopy();
        if (!changes.has("name")) {
            changes.put("name", "scenario-policy");
        }
        SitePolicy policy =
                org.ketaminecds.json.PolicyFile.parse(engine.policy(), changes).policy();
        return variants.computeIfAbsent(
                policy, p -> engine.toBuilder().policy(p).build());
    }
}
