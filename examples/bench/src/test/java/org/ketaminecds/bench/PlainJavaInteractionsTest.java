package org.ketaminecds.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.testkit.ScenarioFiles;

/**
 * The plain-Java baseline of the benchmark gives the same outputs as the medication rules (the medication-only
 * knowledge base): the same cards (rule and indicator, with multiplicity) and the same unchecked entries, on every
 * medication scenario that uses the default policy, on the three benchmark contexts and on 50 varied ones.
 */
class PlainJavaInteractionsTest {
    static final CdsEngine RULES =
            CdsEngine.builder().knowledgeBase("ketamineCdsMedication").build();
    static final PlainJavaInteractions PLAIN = new PlainJavaInteractions(DrugTable.bundled(), SitePolicy.defaults());

    @TestFactory
    Stream<DynamicTest> sameOutputsAsTheRules() {
        Stream<DynamicTest> scenarios =
                ScenarioFiles.read(Path.of("../../rules/src/test/resources/scenarios/medication")).stream()
                        .filter(s -> s.policy() == null)
                        .map(s -> DynamicTest.dynamicTest(s.id(), () -> compare(CdsJson.readContext(s.context()))));
        Stream<DynamicTest> contexts = Stream.of(
                DynamicTest.dynamicTest("minimal", () -> compare(Contexts.minimal())),
                DynamicTest.dynamicTest("typical", () -> {
                    assertThat(RULES.evaluate(Contexts.typical()).cards())
                            .as("the typical context has interactions")
                            .isNotEmpty();
                    compare(Contexts.typical());
                }),
                DynamicTest.dynamicTest("heavy", () -> compare(Contexts.heavy())));
        Stream<DynamicTest> varied = java.util.stream.LongStream.rangeClosed(1, 50)
                .mapToObj(seed -> DynamicTest.dynamicTest("varied " + seed, () -> compare(Contexts.varied(seed))));
        return Stream.concat(Stream.concat(scenarios, contexts), varied);
    }

    static void compare(SessionContext context) {
        Evaluation rules = RULES.evaluate(context);
        PlainJavaInteractions.Result plain = PLAIN.evaluate(context);
        List<String> fromRules = rules.cards().stream()
                .map(c -> c.ruleId() + " " + c.indicator().code())
                .sorted()
                .toList();
        List<String> fromPlain = plain.findings().stream()
                .map(f -> f.ruleId() + " " + f.indicator())
                .sorted()
                .toList();
        assertThat(fromPlain).as("cards").isEqualTo(fromRules);
        assertThat(plain.unchecked().stream()
                        .map(UncheckedMedication::entry)
                        .sorted()
                        .toList())
                .as("unchecked")
                .isEqualTo(rules.uncheckedMedications().stream()
                        .map(UncheckedMedication::entry)
                        .sorted()
                        .toList());
    }
}
