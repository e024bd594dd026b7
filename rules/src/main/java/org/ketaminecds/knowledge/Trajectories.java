package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.policy.SitePolicy;

/**
 * The scores of each depression instrument over the course ({@link InstrumentTrajectory}, derived by TRJ-001) and the
 * per-instrument thresholds the trajectory rules compare them with. Values only: the verdicts are the rules'.
 *
 * @since 0.4.0
 */
public final class Trajectories {
    private Trajectories() {}

    /**
     * One trajectory per scored depression instrument (PHQ-9, MADRS, QIDS-SR16) with at least one assessment: its values
     * only. Response, remission, worsening and an earlier response are decided by the rules (TRJ-070 to TRJ-073) and
     * are false here, and the benefit and improvement levels (TRJ-074, TRJ-075) are null; read them from the evaluation ({@code CdsEngine.derived(context, InstrumentTrajectory.class)}).
     */
    public static List<InstrumentTrajectory> of(SessionContext c, SitePolicy p) {
        Map<Instrument, List<Assessment>> by = new EnumMap<>(Instrument.class);
        for (Assessment a : c.assessments()) {
            if (depressionRating(a)) {
                by.computeIfAbsent(a.instrument(), k -> new ArrayList<>()).add(a);
            }
        }
        List<InstrumentTrajectory> result = new ArrayList<>();
        for (Map.Entry<Instrument, List<Assessment>> e : by.entrySet()) {
            List<Assessment> list = e.getValue();
            list.sort(Comparator.comparing(Assessment::at).thenComparing(Assessment::total));
            List<Integer> totals = new ArrayList<>(list.size());
            List<java.time.Instant> times = new ArrayList<>(list.size());
            for (Assessment a : list) {
                totals.add(a.total());
                times.add(a.at());
            }
            int baseline = totals.get(0);
            int latest = totals.get(totals.size() - 1);
            Integer improvement = baseline == 0 ? null : (int) Math.floor((baseline - latest) * 100.0 / baseline);
            int trailingWorse = 0;
            for (int i = totals.size() - 1; i >= 1 && totals.get(i) > baseline; i--) {
                trailingWorse++;
            }
            result.add(new InstrumentTrajectory(
                    e.getKey(),
                    totals,
                    list.get(0).at(),
                    list.get(list.size() - 1).at(),
                    latest - baseline,
                    improvement,
                    false,
                    false,
                    false,
                    trailingWorse,
                    null,
                    false,
                    false,
                    times,
                    remissionMax(e.getKey(), p),
                    relapseMin(e.getKey(), p),
                    null));
        }
        Instrument primary = null;
        for (Instrument preferred : List.of(Instrument.MADRS, Instrument.QIDS_SR16, Instrument.PHQ_9)) {
            if (primary == null
                    && result.stream()
                            .anyMatch(t -> t.instrument() == preferred
                                    && t.assessments() >= CourseEvidence.TRAJECTORY_MIN_ASSESSMENTS)) {
                primary = preferred;
            }
        }
        for (int i = 0; i < result.size(); i++) {
            InstrumentTrajectory t = result.get(i);
            if (t.instrument() == primary) {
                result.set(i, t.asPrimary());
            }
        }
        return result;
    }

    /**
     * The highest total that counts as remission on an instrument (PHQ-9 4, QIDS-SR16 5, MADRS the site's setting), or
     * null for an instrument without a remission threshold here (E-TRJ-REMISSION).
     */
    public static Integer remissionMax(Instrument instrument, SitePolicy p) {
        return switch (instrument) {
            case MADRS -> p.madrsRemissionMax();
            case PHQ_9 -> CourseEvidence.PHQ9_REMISSION_BELOW - 1;
            case QIDS_SR16 -> CourseEvidence.QIDS_REMISSION_MAX;
            default -> null;
        };
    }

    /**
     * The total at or above which a rise after response or remission counts towards relapse: MADRS 22 (SUSTAIN-1),
     * QIDS-SR16 11 (STAR*D), PHQ-9 the site's setting (no source defines it); null for other instruments
     * (E-TRJ-RELAPSE-MADRS, E-TRJ-RELAPSE-QIDS, E-POL-PHQ9-RELAPSE).
     */
    public static Integer relapseMin(Instrument instrument, SitePolicy p) {
        return switch (instrument) {
            case MADRS -> CourseEvidence.MADRS_RELAPSE_MIN;
            case PHQ_9 -> p.phq9RelapseMin();
            case QIDS_SR16 -> CourseEvidence.QIDS_RELAPSE_MIN;
            default -> null;
        };
    }

    /**
     * The trajectory the course is judged on (see {@link InstrumentTrajectory#primary()}), or empty; its values only, as
     * {@link #of}.
     */
    public static List<InstrumentTrajectory> primary(SessionContext c, SitePolicy p) {
        return of(c, p).stream().filter(InstrumentTrajectory::primary).toList();
    }

    /** The depression rating scales the trajectory is judged on. */
    static boolean depressionRating(Assessment a) {
        return a.total() != null
                && (a.instrument() == Instrument.PHQ_9
                        || a.instrument() == Instrument.MADRS
                        || a.instrument() == Instrument.QIDS_SR16);
    }
}
