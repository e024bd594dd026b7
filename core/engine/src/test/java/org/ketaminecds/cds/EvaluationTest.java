package org.ketaminecds.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The result's own operations, which the services build their answers from: which grounds make a record about
 * ketamine, the copies a service shows (some cards, silence, more checks not evaluated) and the card lookups.
 */
class EvaluationTest {
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:00:00Z");

    private static Card card(String ruleId, Indicator indicator) {
        return new Card(
                "uuid-" + ruleId,
                "summary of " + ruleId,
                "detail",
                indicator,
                new Source("a label section", null, null),
                List.of(),
                null,
                List.of(),
                List.of(),
                new Explanation(
                        ruleId,
                        ruleId + " a rule",
                        List.of("G-1"),
                        List.of("E-1"),
                        "a label section",
                        "H",
                        List.of("a fact"),
                        "1.0",
                        "defaults",
                        null,
                        false));
    }

    private static Evaluation evaluation(List<Card> cards, List<NotEvaluated> gaps, List<String> topic) {
        return new Evaluation(
                AS_OF,
                gaps.isEmpty() ? EvaluationStatus.COMPLETE : EvaluationStatus.INCOMPLETE,
                cards,
                gaps,
                List.of(new UncheckedMedication("Zyxorin 10 mg", "not recognised")),
                List.of("MED-001", "MED-010"),
                List.of("THR-010"),
                "1.0",
                "defaults",
                "sha256:00",
                topic);
    }

    private static final Card WARNING = card("MED-010", Indicator.WARNING);
    private static final Card CRITICAL = card("MON-002", Indicator.CRITICAL);
    private static final Card INFO = card("MED-010", Indicator.INFO);
    private static final NotEvaluated NO_LIST =
            new NotEvaluated("medication-interactions", "no medication list", "medication-interaction");
    private static final NotEvaluated NO_SCALE =
            new NotEvaluated("response-trajectory", "no rating scale", "trajectory");

    @Test
    void theGroundsOfTheTopic_decideWhoSpeaks() {
        Evaluation session =
                evaluation(List.of(WARNING), List.of(), List.of("session-today: dosed esketamine session"));
        assertThat(session.aboutKetamine()).isTrue();
        assertThat(session.aboutKetamineBy(Set.of("session-today"))).isTrue();
        assertThat(session.aboutKetamineBy(Set.of("unevaluated-order", "course-on-record")))
                .isFalse();
        Evaluation none = evaluation(List.of(), List.of(), List.of());
        assertThat(none.aboutKetamine()).isFalse();
        assertThat(none.aboutKetamineBy(Set.of("session-today"))).isFalse();
    }

    @Test
    void aServicesCopies_changeOnlyWhatTheySay() {
        Evaluation e = evaluation(List.of(CRITICAL, WARNING), List.of(NO_SCALE), List.of("course-on-record: x"));
        Evaluation some = e.withCards(List.of(WARNING));
        assertThat(some.cards()).containsExactly(WARNING);
        assertThat(some.withCards(e.cards())).isEqualTo(e);
        Evaluation silent = e.silent();
        assertThat(silent.cards()).isEmpty();
        assertThat(silent.notEvaluated()).isEmpty();
        assertThat(silent.uncheckedMedications()).isEmpty();
        assertThat(silent.status()).isEqualTo(EvaluationStatus.COMPLETE);
        assertThat(silent.aboutKetamine()).isFalse();
        assertThat(silent.firedRules()).as("kept for audit").isEqualTo(e.firedRules());
        assertThat(silent.suppressedRules()).isEqualTo(e.suppressedRules());
    }

    @Test
    void moreChecksNotEvaluated_makeItIncomplete_onceEach_andSilenceStaysSilent() {
        Evaluation complete = evaluation(List.of(WARNING), List.of(), List.of("session-today: x"));
        assertThat(complete.withNotEvaluated(List.of())).isSameAs(complete);
        Evaluation more = complete.withNotEvaluated(List.of(NO_SCALE, NO_LIST));
        assertThat(more.status()).isEqualTo(EvaluationStatus.INCOMPLETE);
        assertThat(more.notEvaluated()).as("sorted by check").containsExactly(NO_LIST, NO_SCALE);
        assertThat(more.withNotEvaluated(List.of(new NotEvaluated("response-trajectory", "said again", "trajectory")))
                        .notEvaluated())
                .as("a check already listed is not repeated")
                .containsExactly(NO_LIST, NO_SCALE);
        assertThat(more.cards()).isEqualTo(complete.cards());
        Evaluation none = evaluation(List.of(), List.of(), List.of());
        assertThat(none.withNotEvaluated(List.of(NO_LIST))).isSameAs(none);
    }

    @Test
    void cardsAreFound_byIndicatorAndByRule() {
        Evaluation e = evaluation(List.of(CRITICAL, WARNING, INFO), List.of(), List.of("session-today: x"));
        assertThat(e.cards(Indicator.CRITICAL)).containsExactly(CRITICAL);
        assertThat(e.cards(Indicator.INFO)).containsExactly(INFO);
        assertThat(e.cardsOf("MED-010")).containsExactly(WARNING, INFO);
        assertThat(e.cardsOf("MON-002")).containsExactly(CRITICAL);
        assertThat(e.cardsOf("TRJ-010")).isEmpty();
        assertThat(CRITICAL.ruleId()).isEqualTo("MON-002");
    }

    @Test
    void aCheckNotEvaluated_touchesTheTopicsItNames() {
        assertThat(NO_LIST.touches(Set.of("medication-interaction", "caution"))).isTrue();
        assertThat(NO_LIST.touches(Set.of("trajectory"))).isFalse();
        assertThat(NO_LIST.touches(Set.of())).isFalse();
    }
}
