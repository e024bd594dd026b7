package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.Sex;

/**
 * The ketamine topic (SYS-010 to SYS-012): decision support speaks about a record with a ketamine session today, a
 * course on record or a ketamine order it could not evaluate, and is silent about every other record.
 */
class KetamineTopicTest {
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T10:00:00Z");

    /** A patient on an opioid, a benzodiazepine and nothing ketamine: the medicines alone are no reason to speak. */
    private static SessionContext.Builder noCourse() {
        return SessionContext.builder(AS_OF, new Patient("p", null, 50, Sex.FEMALE, null, null, null))
                .medications(new MedicationList(
                        List.of(Medication.active("oxycodone 10 mg"), Medication.active("lorazepam 1 mg")), null));
    }

    @Test
    void aRecordWithoutACourse_isSilent_whateverItHolds() {
        Evaluation e = ENGINE.evaluate(noCourse().build());
        assertThat(e.aboutKetamine()).isFalse();
        assertThat(e.cards()).isEmpty();
        assertThat(e.notEvaluated()).isEmpty();
        assertThat(e.status()).isEqualTo(EvaluationStatus.COMPLETE);
        assertThat(e.withNotEvaluated(List.of(new NotEvaluated("x", "y", "trajectory"))))
                .as("a silent evaluation stays silent")
                .isEqualTo(e);
        assertThat(ENGINE.evaluate(noCourse()
                                .priorSessions(List.of(new PriorSession(
                                        Instant.parse("2026-03-05T14:00:00Z"),
                                        Attendance.MISSED,
                                        null,
                                        null,
                                        null,
                                        null)))
                                .build())
                        .aboutKetamine())
                .as("a missed appointment is not a course")
                .isFalse();
    }

    @Test
    void aRecordWithoutACourse_runsOnlyTheTopicRules() {
        // The topic rules are evaluated first and alone; without a topic nothing else runs (before, the
        // classification rules ran for every record, about ten of them fired here, and the cards were then dropped).
        assertThat(ENGINE.evaluate(noCourse().build()).firedRules())
                .as("no topic rule fired, and no other rule ran")
                .isEmpty();
        Evaluation course = ENGINE.evaluate(noCourse()
                .priorSessions(List.of(new PriorSession(
                        Instant.parse("2026-03-05T14:00:00Z"), null, Product.ESKETAMINE, null, null, null)))
                .build());
        assertThat(course.firedRules()).contains("SYS-011", "MED-013").hasSizeGreaterThan(5);
    }

    @Test
    void aCompletedSessionOnRecord_makesItAboutKetamine() {
        Evaluation e = ENGINE.evaluate(noCourse()
                .priorSessions(List.of(new PriorSession(
                        Instant.parse("2026-03-05T14:00:00Z"), null, Product.ESKETAMINE, null, null, null)))
                .build());
        assertThat(e.ketamineTopic()).containsExactly("course-on-record: a completed session on record");
        assertThat(e.cardsOf("MED-013")).as("the depressants now matter").hasSize(1);
    }

    @Test
    void aKetamineOrderThatCouldNotBeEvaluated_isSaidOnACard() {
        Evaluation e = ENGINE.evaluate(
                noCourse().build(),
                List.of(new NotEvaluated(
                        NotEvaluated.KETAMINE_ORDER,
                        "MedicationRequest/x is a ketamine order about another patient",
                        "medication-interaction")));
        assertThat(e.aboutKetamineBy(List.of("unevaluated-order"))).isTrue();
        assertThat(e.cardsOf("SYS-001"))
                .singleElement()
                .satisfies(c -> assertThat(c.explanation().facts().toString())
                        .contains("ketamine order about another patient"));
    }

    @Test
    void aKnowledgeBaseWithoutTopicRules_evaluatesEveryRecord() {
        CdsEngine medicationOnly =
                CdsEngine.builder().knowledgeBase("ketamineCdsMedication").build();
        Evaluation e = medicationOnly.evaluate(noCourse().build());
        assertThat(e.ketamineTopic())
                .singleElement()
                .satisfies(t -> assertThat(t).startsWith("assumed"));
        assertThat(e.cards()).isNotEmpty();
    }
}
