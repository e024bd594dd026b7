package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.RuleSetException;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.TherapyType;
import org.ketaminecds.policy.IndicatorOverride;
import org.ketaminecds.policy.SitePolicy;

/** The engine facade: policy validation, provenance on results, ordering and sharing across threads. */
class EngineTest {
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-02T09:00:00Z");

    /**
     * A chart review between sessions with everything the course checks need (a completed session, a PHQ-9 with item
     * 9, ongoing therapy), so that the medication list is the only thing that varies.
     */
    private static SessionContext withMedications(String patientId, String... texts) {
        List<Medication> meds = new ArrayList<>();
        for (String t : texts) {
            meds.add(Medication.active(t));
        }
        java.time.Instant lastWeek = AS_OF.toInstant().minus(java.time.Duration.ofDays(2));
        return SessionContext.builder(AS_OF, Patient.of(patientId))
                .priorSessions(List.of(
                        new PriorSession(lastWeek, null, Product.ESKETAMINE, Route.INTRANASAL, null, Phase.INDUCTION)))
                .assessments(List.of(new Assessment(
                        Instrument.PHQ_9, lastWeek, null, List.of(2, 2, 2, 2, 1, 1, 1, 1, 0), null, null)))
                .therapy(List.of(new TherapyEngagement(
                        TherapyType.PSYCHOTHERAPY, AS_OF.toLocalDate().minusYears(1), null, true)))
                .medications(new MedicationList(meds, AS_OF.toInstant()))
                .build();
    }

    @Test
    void policyNamingAnUnknownRule_isRejectedAtBuild() {
        SitePolicy policy = SitePolicy.defaults().withDisabledRules(Set.of("MED-999"));
        assertThatThrownBy(() -> CdsEngine.builder().policy(policy).build())
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(
                        "site policy 'ketamine-cds-defaults': disabledRules names rule MED-999, which is not in rule set");
    }

    @Test
    void policyDisablingAClassificationRule_isRejected() {
        SitePolicy policy = SitePolicy.defaults().withDisabledRules(Set.of("MED-001"));
        assertThatThrownBy(() -> CdsEngine.builder().policy(policy).build())
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("a classification rule");
    }

    @Test
    void indicatorOverride_withoutReason_isRejected() {
        assertThatThrownBy(() -> new IndicatorOverride(Indicator.INFO, " "))
                .hasMessage("reason: an indicator override needs a written reason");
    }

    @Test
    void result_recordsRuleSetVersionAndPolicy_andCardsCarryThem() {
        CdsEngine engine = CdsEngine.builder()
                .policy(SitePolicy.defaults().withName("clinic-a"))
                .build();
        Evaluation result = engine.evaluate(withMedications("p1", "oxycodone 5 mg"));
        assertThat(result.ruleSetVersion())
                .isEqualTo(engine.ruleSetVersion())
                .isNotBlank()
                .isNotEqualTo("unknown");
        assertThat(result.policyName()).isEqualTo("clinic-a");
        assertThat(result.policyHash())
                .matches("sha256:[0-9a-f]{64}")
                .isNotEqualTo(CdsEngine.create()
                        .evaluate(withMedications("p1", "oxycodone 5 mg"))
                        .policyHash());
        assertThat(result.status()).isEqualTo(EvaluationStatus.COMPLETE);
        assertThat(result.cards()).singleElement().satisfies(card -> {
            assertThat(card.explanation().policy()).isEqualTo("clinic-a (" + result.policyHash() + ")");
            assertThat(card.explanation().local()).isFalse();
            assertThat(card.explanation().ruleSetVersion()).isEqualTo(engine.ruleSetVersion());
            assertThat(card.detail()).contains("policy clinic-a", "rule set " + engine.ruleSetVersion());
        });
    }

    @Test
    void cards_areOrderedMostUrgentFirst() {
        Evaluation result = CdsEngine.create().evaluate(withMedications("p1", "naltrexone 50 mg", "oxycodone 5 mg"));
        assertThat(result.cards()).extracting(c -> c.indicator()).containsExactly(Indicator.WARNING, Indicator.INFO);
    }

    @Test
    void cardUuid_isStableForTheSameInputAndDiffersByPatient() {
        CdsEngine engine = CdsEngine.create();
        String a1 = engine.evaluate(withMedications("p1", "oxycodone"))
                .cards()
                .get(0)
                .uuid();
        String a2 = engine.evaluate(withMedications("p1", "oxycodone"))
                .cards()
                .get(0)
                .uuid();
        String b = engine.evaluate(withMedications("p2", "oxycodone"))
                .cards()
                .get(0)
                .uuid();
        assertThat(a1).isEqualTo(a2).isNotEqualTo(b);
    }

    @Test
    void overriddenIndicator_isExplainedOnTheCard() {
        SitePolicy policy = SitePolicy.defaults()
                .withIndicatorOverrides(
                        Map.of("MED-010", new IndicatorOverride(Indicator.CRITICAL, "Respiratory events at our site")));
        Evaluation result =
                CdsEngine.builder().policy(policy).build().evaluate(withMedications("p1", "fentanyl patch"));
        assertThat(result.cards()).singleElement().satisfies(card -> {
            assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(card.explanation().indicatorNote())
                    .contains("from warning to critical", "Respiratory events at our site");
        });
    }

    @Test
    void oneEngine_sharedByThreads_givesTheSequentialResults() throws Exception {
        CdsEngine engine = CdsEngine.create();
        List<SessionContext> contexts = List.of(
                withMedications("p1", "Xanax", "oxycodone"),
                withMedications("p2", "Nardil", "Adderall", "Synthroid"),
                withMedications("p3", "Vitamin D"),
                SessionContext.builder(AS_OF, Patient.of("p4")).build());
        List<Evaluation> expected = contexts.stream().map(engine::evaluate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int k = i % contexts.size();
                        if (!engine.evaluate(contexts.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
