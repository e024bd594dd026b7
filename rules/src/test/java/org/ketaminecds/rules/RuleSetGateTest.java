package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.testkit.Scenario;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;

/**
 * Build gates: every DRL compiled into the knowledge base (an empty or partial knowledge base fails), every rule
 * carries its metadata under a unique id, and every rule is covered by scenarios (fires, and must not fire).
 */
class RuleSetGateTest {
    private static final Path DRL_ROOT = Path.of("src/main/resources");
    private static final Pattern RULE = Pattern.compile("(?m)^rule\\s+\"([A-Z]+-\\d{3}) [^\"]+\"");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

    private final CdsEngine engine = CdsEngine.create();

    @Test
    void knowledgeBase_holdsEveryRuleDeclaredInTheDrlSources() throws IOException {
        Set<String> declared = declaredRuleIds();
        assertThat(declared).as("DRL rule declarations under %s", DRL_ROOT).isNotEmpty();
        assertThat(engine.rules()).extracting(RuleDescription::id).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyDrlFile_declaresThePackageOfItsFolder() throws IOException {
        for (Path drl : drlFiles()) {
            Matcher m = PACKAGE.matcher(Files.readString(drl));
            assertThat(m.find()).as("%s declares a package", drl).isTrue();
            String folder = DRL_ROOT.relativize(drl.getParent()).toString().replace('/', '.');
            assertThat(m.group(1)).as("package of %s", drl).isEqualTo(folder);
        }
    }

    @Test
    void everyRule_hasUniqueIdAndCompleteMetadata() {
        List<RuleDescription> rules = engine.rules();
        Set<String> ids = new HashSet<>();
        for (RuleDescription rule : rules) {
            assertThat(ids.add(rule.id())).as("unique id %s", rule.id()).isTrue();
            assertThat(rule.id()).matches("[A-Z]+-\\d{3}");
            assertThat(rule.name()).startsWith(rule.id() + " ").hasSizeLessThanOrEqualTo(100);
            assertThat(rule.packageName()).startsWith("org.ketaminecds.rules.");
            assertThat(rule.kind()).isIn("classification", "recommendation");
            assertThat(rule.guidanceIds()).as("guidance of %s", rule.id()).isNotEmpty();
            assertThat(rule.source()).as("source of %s", rule.id()).isNotBlank();
            assertThat(rule.confidence()).as("confidence of %s", rule.id()).isIn("H", "M", "L");
            if (rule.isRecommendation()) {
                assertThat(rule.severity()).as("severity of %s", rule.id()).isNotNull();
                assertThat(rule.topic()).as("topic of %s", rule.id()).isNotBlank();
            }
        }
    }

    @Test
    void everyRecommendationRule_hasAScenarioWhereItFiresAndOneWhereItMustNot() {
        Set<String> fires = new TreeSet<>();
        Set<String> mustNot = new TreeSet<>();
        for (Scenario s : Scenarios.all()) {
            s.expect().forEach(e -> fires.add(e.rule()));
            mustNot.addAll(s.expectNot());
        }
        List<String> missing = new ArrayList<>();
        for (RuleDescription rule : engine.rules()) {
            if (!rule.isRecommendation()) {
                continue;
            }
            if (!fires.contains(rule.id())) {
                missing.add(rule.id() + " (no scenario where it fires)");
            }
            if (!mustNot.contains(rule.id())) {
                missing.add(rule.id() + " (no scenario where it must not fire)");
            }
        }
        assertThat(missing).as("recommendation rules without scenario coverage").isEmpty();
    }

    /**
     * Derived facts before recommendations: a recommendation rule that asks for the absence of a derived fact
     * ({@code not}, {@code collect}) must not fire while the rule that derives it is still waiting. Drools orders rules
     * of equal salience by load order, which follows file names, so the layers are explicit: classification rules
     * above 0 (facts from the record 30, facts from those 20, discharge criteria 10), recommendations at 0, the
     * completeness card last.
     */
    @Test
    void classificationRules_runBeforeRecommendationRules() throws IOException {
        Pattern block = Pattern.compile("(?ms)^rule\\s+\"([A-Z]+-\\d{3}) [^\"]+\"(.*?)^when\\b");
        Pattern salience = Pattern.compile("(?m)^\\s*salience\\s+(-?\\d+)\\s*$");
        List<String> wrong = new ArrayList<>();
        int classification = 0;
        for (Path drl : drlFiles()) {
            Matcher m = block.matcher(Files.readString(drl));
            while (m.find()) {
                Matcher sal = salience.matcher(m.group(2));
                int value = sal.find() ? Integer.parseInt(sal.group(1)) : 0;
                boolean classifies = m.group(2).contains("@kind(\"classification\")");
                classification += classifies ? 1 : 0;
                if (classifies ? value <= 0 : value > 0) {
                    wrong.add(m.group(1) + " (salience " + value + ")");
                }
            }
        }
        assertThat(classification)
                .as("classification rules found in the DRL sources")
                .isGreaterThan(20);
        assertThat(wrong)
                .as("classification rules without a positive salience, or recommendations with one")
                .isEmpty();
    }

    /**
     * The layers, checked fact by fact: a rule that asks for the absence of a fact type, or gathers all of them
     * ({@code not}, {@code exists}, {@code collect}, {@code accumulate}), runs at a lower salience than every rule that
     * inserts that type, so it sees them all.
     */
    @Test
    void aRuleAskingForAbsenceOrAllOfAFact_runsAfterEveryRuleThatDerivesIt() throws IOException {
        Pattern block =
                Pattern.compile("(?ms)^rule\\s+\"([A-Z]+-\\d{3}) [^\"]+\"(.*?)^when\\b(.*?)^then\\b(.*?)^end\\b");
        Pattern salience = Pattern.compile("(?m)^\\s*salience\\s+(-?\\d+)\\s*$");
        Pattern created = Pattern.compile("insert\\(\\s*new\\s+(\\w+)\\s*\\(");
        Pattern insertedVariable = Pattern.compile("insert\\(\\s*(\\$\\w+)\\s*\\)");
        Pattern gathered = Pattern.compile("(?:\\bnot|\\bexists|collect\\(|accumulate\\()\\s*\\(?\\s*(\\w+)\\s*\\(");
        record Rule(String id, int salience, String when, String then) {}
        List<Rule> rules = new ArrayList<>();
        for (Path drl : drlFiles()) {
            Matcher m = block.matcher(Files.readString(drl));
            while (m.find()) {
                Matcher sal = salience.matcher(m.group(2));
                rules.add(
                        new Rule(m.group(1), sal.find() ? Integer.parseInt(sal.group(1)) : 0, m.group(3), m.group(4)));
            }
        }
        java.util.Map<String, List<Rule>> producers = new java.util.HashMap<>();
        for (Rule r : rules) {
            Set<String> types = new TreeSet<>();
            Matcher c = created.matcher(r.then());
            while (c.find()) {
                types.add(c.group(1));
            }
            Matcher v = insertedVariable.matcher(r.then());
            while (v.find()) {
                Matcher bound = Pattern.compile(Pattern.quote(v.group(1)) + "\\s*:\\s*(\\w+)\\s*\\(")
                        .matcher(r.when());
                if (bound.find()) {
                    types.add(bound.group(1));
                }
            }
            types.forEach(
                    t -> producers.computeIfAbsent(t, k -> new ArrayList<>()).add(r));
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Rule r : rules) {
            Matcher g = gathered.matcher(r.when());
            while (g.find()) {
                for (Rule p : producers.getOrDefault(g.group(1), List.of())) {
                    checked++;
                    if (p.salience() <= r.salience() && !p.id().equals(r.id())) {
                        wrong.add(r.id() + " (salience " + r.salience() + ") reads all or none of " + g.group(1)
                                + ", derived by " + p.id() + " (salience " + p.salience() + ")");
                    }
                }
            }
        }
        assertThat(producers).as("derived fact types found").containsKeys("AbnormalVital", "DischargeCriterion");
        assertThat(checked)
                .as("absence and collect patterns over derived facts")
                .isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    private static final CdsEngine WITHOUT_MONITORING = CdsEngine.builder()
            .knowledgeBase("ketamineCdsDischargeWithoutMonitoring")
            .build();

    private static List<Scenario> dischargeScenarios() {
        return Scenarios.all().stream()
                .filter(s -> s.file().toString().contains("/discharge/"))
                .toList();
    }

    /**
     * A knowledge base that leaves out the rules a discharge criterion depends on never says "discharge criteria met":
     * the criteria no rule judged are a check not evaluated (DIS-008), and the evaluation is incomplete.
     */
    @Test
    void dischargeWithoutTheRulesACriterionNeeds_isNeverReportedReady() {
        int ready = 0;
        for (Scenario s : dischargeScenarios()) {
            Evaluation full = ScenarioRunner.evaluate(s);
            Evaluation partial = WITHOUT_MONITORING.evaluate(CdsJson.readContext(s.context()));
            assertThat(partial.cardsOf("DIS-011")).as(s.id()).isEmpty();
            assertThat(partial.cardsOf("DIS-012")).as(s.id()).isEmpty();
            assertThat(full.firedRules()).as(s.id()).doesNotContain("DIS-008");
            if (full.firedRules().contains("DIS-001")) {
                assertThat(partial.status()).as(s.id()).isEqualTo(org.ketaminecds.cds.EvaluationStatus.INCOMPLETE);
                assertThat(partial.notEvaluated())
                        .as(s.id())
                        .anySatisfy(n -> assertThat(n.reason())
                                .startsWith("discharge criteria not judged: sedation, dissociation, respiration"));
            }
            ready += full.cardsOf("DIS-011").size();
        }
        assertThat(ready).as("discharge scenarios where every criterion is met").isPositive();
    }

    @Test
    void everyClassificationRule_firesInSomeScenario() {
        Set<String> fired = new TreeSet<>();
        for (Scenario s : Scenarios.all()) {
            fired.addAll(ScenarioRunner.evaluate(s).firedRules());
        }
        // DIS-008 is a safeguard that cannot fire with every rule present; it fires without the monitoring rules.
        for (Scenario s : dischargeScenarios()) {
            fired.addAll(WITHOUT_MONITORING
                    .evaluate(CdsJson.readContext(s.context()))
                    .firedRules());
        }
        // SYS-012 reads a gap only a reader of the record reports (a ketamine order it could not evaluate).
        fired.addAll(engine.evaluate(
                        CdsJson.readContext(Scenarios.all().get(0).context()),
                        List.of(new org.ketaminecds.cds.NotEvaluated(
                                org.ketaminecds.cds.NotEvaluated.KETAMINE_ORDER, "an order about another patient")))
                .firedRules());
        List<String> never = engine.rules().stream()
                .filter(r -> !r.isRecommendation())
                .map(RuleDescription::id)
                .filter(id -> !fired.contains(id))
                .toList();
        assertThat(never).as("classification rules that no scenario exercises").isEmpty();
    }

    @Test
    void scenarioIds_areUnique() {
        Set<String> ids = new HashSet<>();
        for (Scenario s : Scenarios.all()) {
            assertThat(ids.add(s.id()))
                    .as("duplicate scenario id %s in %s", s.id(), s.file())
                    .isTrue();
        }
    }

    @Test
    void scenarios_onlyNameRulesThatExist() {
        Set<String> known = new HashSet<>();
        engine.rules().forEach(r -> known.add(r.id()));
        for (Scenario s : Scenarios.all()) {
            s.expect().forEach(e -> assertThat(known).as("%s expects", s.id()).contains(e.rule()));
            assertThat(known).as("%s expectNot", s.id()).containsAll(s.expectNot());
        }
    }

    @Test
    void knowledgeBase_comparesFactsByIdentity() {
        // kmodule.xml sets equalsBehavior="identity" (equality would hash every inserted record deeply on insert).
        KieBase kieBase = KieServices.get().getKieClasspathContainer().getKieBase("ketamineCds");
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(new UncheckedMedication("Zyxorin 10 mg", "not recognised"));
            session.insert(new UncheckedMedication("Zyxorin 10 mg", "not recognised"));
            assertThat(session.getFactCount()).isEqualTo(2);
        } finally {
            session.dispose();
        }
    }

    @Test
    void noScenario_producesTheSameCardTwice() {
        // With identity comparison, a rule set that inserted an equal finding twice would show it twice.
        for (Scenario s : Scenarios.all()) {
            Evaluation e = ScenarioRunner.evaluate(s);
            assertThat(e.cards())
                    .extracting(c -> c.uuid())
                    .as("card uuids of %s", s.id())
                    .doesNotHaveDuplicates();
            assertThat(e.uncheckedMedications())
                    .as("unchecked medications of %s", s.id())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void evaluation_isDeterministic_acrossJvms_andIndependentOfInputOrder() throws Exception {
        String here = DeterminismProbe.digest(false);
        assertThat(DeterminismProbe.digest(false)).as("the same JVM, again").isEqualTo(here);
        assertThat(DeterminismProbe.digest(true))
                .as("every collection of every context in reverse order")
                .isEqualTo(here);
        // Another JVM: other identity hash codes, class-loading order and hash-map iteration.
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DeterminismProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String there = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("exit status of the second JVM").isZero();
        assertThat(there).as("all scenario results in a second JVM").isEqualTo(here);
    }

    private static Set<String> declaredRuleIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Path drl : drlFiles()) {
            Matcher m = RULE.matcher(Files.readString(drl));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static List<Path> drlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DRL_ROOT)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
    }
}
