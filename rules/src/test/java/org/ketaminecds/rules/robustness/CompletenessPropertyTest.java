package org.ketaminecds.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;

/**
 * "Complete" means "checked": for random contexts, however incomplete, the checks reported as not evaluated are exactly
 * those whose input is missing (computed here independently of the rules), and the result is complete only when there
 * are none. A result that says complete with no cards therefore really means nothing to report.
 */
class CompletenessPropertyTest {
    private static final CdsEngine ENGINE = CdsEngine.create();

    @Property(tries = 400, seed = "20261202")
    void notEvaluated_isExactlyWhatTheInputLacks_andCompleteMeansChecked(@ForAll long seed) {
        SessionContext context = RandomContexts.of(seed);
        Evaluation result = ENGINE.evaluate(context);
        Set<String> reported = new TreeSet<>();
        result.notEvaluated().forEach(n -> reported.add(n.check()));
        assertThat(reported).as("not evaluated for seed %s", seed).isEqualTo(expectedGaps(context));
        assertThat(result.status())
                .isEqualTo(reported.isEmpty() ? EvaluationStatus.COMPLETE : EvaluationStatus.INCOMPLETE);
        assertThat(result.notEvaluated())
                .allSatisfy(n -> assertThat(n.topics()).as(n.check()).isNotEmpty());
    }

    /**
     * What cannot be checked, judged from the input alone; nothing for a record that is not about ketamine (no session
     * today and no completed session), which gets a silent evaluation.
     */
    static Set<String> expectedGaps(SessionContext c) {
        Set<String> gaps = new TreeSet<>();
        boolean aboutKetamine =
                c.session() != null || c.priorSessions().stream().anyMatch(p -> p.attendance() == Attendance.COMPLETED);
        if (!aboutKetamine) {
            return gaps;
        }
        if (c.medications() == null) {
            gaps.add("medication-interactions");
        }
        boolean rating = c.assessments().stream()
                .anyMatch(a -> a.instrument() == Instrument.PHQ_9
                        || a.instrument() == Instrument.MADRS
                        || a.instrument() == Instrument.QIDS_SR16);
        if (!rating) {
            gaps.add("response-trajectory");
        }
        boolean screen = c.assessments().stream()
                .anyMatch(a -> a.instrument() == Instrument.C_SSRS
                        || (a.instrument() == Instrument.PHQ_9 && (!a.items().isEmpty() || a.item9() != null)));
        if (!screen) {
            gaps.add("suicide-screen");
        }
        // The latest completed session; entries at the same instant are one session, a detail known when exactly one
        // value is recorded among them.
        java.time.Instant latest = c.priorSessions().stream()
                .filter(p -> p.attendance() == Attendance.COMPLETED)
                .map(PriorSession::at)
                .max(java.util.Comparator.naturalOrder())
                .orElse(null);
        List<PriorSession> atLatest = c.priorSessions().stream()
                .filter(p -> p.attendance() == Attendance.COMPLETED && p.at().equals(latest))
                .toList();
        boolean productKnown = atLatest.stream()
                        .map(PriorSession::product)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .count()
                == 1;
        boolean esketamineAtLatest = productKnown && atLatest.stream().anyMatch(p -> p.product() == Product.ESKETAMINE);
        boolean phaseKnown = atLatest.stream()
                        .map(PriorSession::phase)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .count()
                == 1;
        boolean placeable =
                latest != null || (c.session() != null && c.session().number() == 1);
        if (!placeable || (c.session() == null && !productKnown)) {
            gaps.add("course-progress");
        } else if (c.session() == null && !phaseKnown && !esketamineAtLatest) {
            gaps.add("maintenance-schedule"); // an esketamine phase is derived from the label's weeks
        }
        if (c.session() != null
                && c.session().product() == Product.RACEMIC_KETAMINE
                && c.session().route() == Route.INTRAVENOUS
                && c.session().dose() != null
                && c.session().dose().unit() == DoseUnit.MG
                && c.patient().weightKg() == null) {
            gaps.add("racemic-dose");
        }
        return gaps;
    }

    @Property(tries = 100, seed = "20261202")
    void everyReportedGap_namesWhatWasMissing(@ForAll long seed) {
        for (NotEvaluated n : ENGINE.evaluate(RandomContexts.of(seed)).notEvaluated()) {
            assertThat(n.reason()).isNotBlank().doesNotContain("null");
        }
    }
}
