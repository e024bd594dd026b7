package org.ketaminecds.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ketaminecds.fact.Instrument;

/**
 * A derived fact: one instrument's scores over the course. The baseline is the instrument's earliest assessment;
 * lower scores are better on every instrument the rules read. TRJ-001 derives the values; the verdicts
 * ({@code response}, {@code remission}, {@code worsening}, {@code earlierResponse}) start false and are set by the
 * classification rules TRJ-070 to TRJ-073, whose conditions state each comparison, and the levels ({@code benefitMax},
 * {@code improvedMax}) start null and are stated by TRJ-074 and TRJ-075 (the fact is replaced by a copy with the
 * verdict or level set, as the phase rules do with {@link CourseProgress}).
 *
 * @param instrument the instrument
 * @param totals the totals in time order (the first is the baseline)
 * @param baselineAt when the baseline was taken
 * @param latestAt when the latest was taken
 * @param changePoints latest minus baseline (negative = better)
 * @param improvementPercent (baseline - latest) / baseline x 100, rounded down; null when the baseline is 0
 * @param response at least 50% improvement (set by TRJ-070)
 * @param remission at or below the instrument's remission threshold (set by TRJ-071)
 * @param worsening latest at least the site's worsening percentage above the baseline (set by TRJ-072)
 * @param trailingWorse how many of the latest assessments, counted back from the latest, are above the baseline
 * @param improvedMax the highest total improved by at least the site's non-response percentage on the baseline (-1
 *     when none can be: a baseline of 0), set by TRJ-075; null before. {@link #trailingNotImproved()} counts from it
 * @param earlierResponse whether an assessment before the latest met response or remission (set by TRJ-073)
 * @param primary whether the course is judged on this instrument: MADRS (clinician-rated) if it has at least two
 *     assessments, else QIDS-SR16, else PHQ-9
 * @param times when each total was taken, in the same order as {@code totals}
 * @param remissionMax the highest total that counts as remission on this instrument, or null if none is defined here
 * @param relapseMin the total at or above which a rise after response or remission counts towards relapse (MADRS 22,
 *     SUSTAIN-1; QIDS-SR16 11, STAR*D; PHQ-9 the site's setting), or null if none is defined here
 * @param benefitMax the highest total that meets response or remission on this trajectory (-1 when none can), set by
 *     TRJ-074; null before. When the course first reached either, and whether it held, compare totals with it
 * @since 0.1.0
 */
public record InstrumentTrajectory(
        Instrument instrument,
        List<Integer> totals,
        Instant baselineAt,
        Instant latestAt,
        int changePoints,
        Integer improvementPercent,
        boolean response,
        boolean remission,
        boolean worsening,
        int trailingWorse,
        Integer improvedMax,
        boolean earlierResponse,
        boolean primary,
        List<Instant> times,
        Integer remissionMax,
        Integer relapseMin,
        Integer benefitMax) {

    public InstrumentTrajectory {
        Objects.requireNonNull(instrument, "instrument");
        totals = List.copyOf(totals);
        times = List.copyOf(times);
        if (times.size() != totals.size()) {
            throw new IllegalArgumentException("times: one per total (" + totals.size() + "), got " + times.size());
        }
    }

    /** The same trajectory, marked as the one the course is judged on. */
    InstrumentTrajectory asPrimary() {
        return copy(response, remission, worsening, earlierResponse, true, improvedMax, benefitMax);
    }

    /** The same trajectory with response set: for TRJ-070, whose conditions decide it. */
    public InstrumentTrajectory withResponse() {
        return copy(true, remission, worsening, earlierResponse, primary, improvedMax, benefitMax);
    }

    /** The same trajectory with remission set: for TRJ-071, whose conditions decide it. */
    public InstrumentTrajectory withRemission() {
        return copy(response, true, worsening, earlierResponse, primary, improvedMax, benefitMax);
    }

    /** The same trajectory with worsening set: for TRJ-072, whose conditions decide it. */
    public InstrumentTrajectory withWorsening() {
        return copy(response, remission, true, earlierResponse, primary, improvedMax, benefitMax);
    }

    /** The same trajectory with an earlier response or remission set: for TRJ-073, whose conditions decide it. */
    public InstrumentTrajectory withEarlierResponse() {
        return copy(response, remission, worsening, true, primary, improvedMax, benefitMax);
    }

    /** The same trajectory with its benefit level: for TRJ-074, which states it. */
    public InstrumentTrajectory withBenefitMax(int value) {
        return copy(response, remission, worsening, earlierResponse, primary, improvedMax, value);
    }

    /** The same trajectory with its improvement level: for TRJ-075, which states it. */
    public InstrumentTrajectory withImprovedMax(int value) {
        return copy(response, remission, worsening, earlierResponse, primary, value, benefitMax);
    }

    /** This trajectory's values with the verdicts and levels given (the one place the copies are made). */
    private InstrumentTrajectory copy(
            boolean response,
            boolean remission,
            boolean worsening,
            boolean earlierResponse,
            boolean primary,
            Integer improvedMax,
            Integer benefitMax) {
        return new InstrumentTrajectory(
                instrument,
                totals,
                baselineAt,
                latestAt,
                changePoints,
                improvementPercent,
                response,
                remission,
                worsening,
                trailingWorse,
                improvedMax,
                earlierResponse,
                primary,
                times,
                remissionMax,
                relapseMin,
                benefitMax);
    }

    /**
     * (latest - baseline) / baseline x 100, rounded down (at or above a whole percentage exactly when the unrounded
     * rise is); null when the baseline is 0. The value TRJ-072 compares with the site's worsening percentage.
     */
    public Integer risePercent() {
        return baseline() == 0 ? null : (int) Math.floor((latest() - baseline()) * 100.0 / baseline());
    }

    /**
     * The lowest total between the baseline and the latest (both excluded), or null with fewer than three assessments:
     * the assessment before the latest most likely to have met response or remission (TRJ-073).
     */
    public Integer earlierBest() {
        // A loop, not a stream: rule conditions read it at every re-evaluation of a trajectory (measured: the stream
        // was 4% of an evaluation's allocation).
        Integer best = null;
        for (int i = 1; i < totals.size() - 1; i++) {
            if (best == null || totals.get(i) < best) {
                best = totals.get(i);
            }
        }
        return best;
    }

    /** {@link #earlierBest()}'s improvement on the baseline in percent, rounded down; null without one or at baseline 0. */
    public Integer earlierBestImprovementPercent() {
        Integer best = earlierBest();
        return best == null || baseline() == 0 ? null : (int) Math.floor((baseline() - best) * 100.0 / baseline());
    }

    /** The lowest (best) total of the course. */
    public int best() {
        int best = totals.get(0);
        for (int total : totals) {
            best = Math.min(best, total);
        }
        return best;
    }

    /** When the best total was first reached. */
    public Instant bestAt() {
        return times.get(totals.indexOf(best()));
    }

    /** Latest minus best: how far the scores have climbed back from the best of the course (0 = at the best). */
    public int aboveBest() {
        return latest() - best();
    }

    /**
     * How many of the latest assessments after the baseline, counted back, are above the improvement level TRJ-075
     * stated (improved by less than the site's non-response percentage); 0 before it is stated.
     */
    public int trailingNotImproved() {
        int n = 0;
        for (int i = totals.size() - 1; improvedMax != null && i >= 1 && totals.get(i) > improvedMax; i--) {
            n++;
        }
        return n;
    }

    /** Whether a total, taken after the baseline, is at or below the benefit level TRJ-074 stated. */
    private boolean benefit(int total) {
        return benefitMax != null && total <= benefitMax;
    }

    /** When response or remission was first reached after the baseline, or null if never. */
    public Instant benefitReachedAt() {
        for (int i = 1; i < totals.size(); i++) {
            if (benefit(totals.get(i))) {
                return times.get(i);
            }
        }
        return null;
    }

    /**
     * Whether response or remission held on consecutive assessments at some point of the course (the "sustained" state
     * SUSTAIN-1 asks of a stable responder before relapse is judged).
     */
    public boolean benefitSustained() {
        for (int i = 1; i + 1 < totals.size(); i++) {
            if (benefit(totals.get(i)) && benefit(totals.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many of the latest assessments, counted back from the latest and after response or remission was first
     * reached, are at or above a total.
     *
     * @param total the total, e.g. {@link #relapseMin()}
     * @return the count; 0 when response or remission was never reached
     */
    public int trailingAtOrAbove(int total) {
        Instant reached = benefitReachedAt();
        int n = 0;
        for (int i = totals.size() - 1;
                reached != null && i >= 1 && times.get(i).isAfter(reached);
                i--) {
            if (totals.get(i) < total) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * Days from the first to the last of the latest assessments at the relapse level ({@link #trailingAtRelapseLevel()}):
     * SUSTAIN-1 confirmed relapse on two assessments 5-15 days apart; 0 with fewer than two.
     */
    public long relapseConfirmationDays() {
        int n = trailingAtRelapseLevel();
        return n < CourseEvidence.RELAPSE_CONSECUTIVE_ASSESSMENTS
                ? 0
                : java.time.Duration.between(times.get(times.size() - n), times.get(times.size() - 1))
                        .toDays();
    }

    /** {@link #trailingAtOrAbove(int)} at the relapse threshold; 0 when the instrument has none. */
    public int trailingAtRelapseLevel() {
        return relapseMin == null ? 0 : trailingAtOrAbove(relapseMin);
    }

    public int baseline() {
        return totals.get(0);
    }

    public int latest() {
        return totals.get(totals.size() - 1);
    }

    public int assessments() {
        return totals.size();
    }

    /** Latest above the assessment before it. */
    public boolean rising() {
        return totals.size() > 1
                && latest() > totals.get(totals.size() - 2); // not a clinical number: the rating before the latest
    }

    /** A response or remission reached earlier is no longer there. */
    public boolean lostResponse() {
        return earlierResponse && !response && !remission;
    }

    /** Latest above baseline. */
    public boolean worseThanBaseline() {
        return latest() > baseline();
    }

    /** "MADRS 34 at baseline, 28 now (18% better) over 4 assessments: 34, 31, 30, 28" */
    public String describe() {
        String change = improvementPercent == null
                ? (changePoints > 0 ? changePoints + " points worse" : "no change from 0")
                : improvementPercent >= 0 ? improvementPercent + "% better" : (-improvementPercent) + "% worse";
        return instrument.label() + " " + baseline() + " at baseline, " + latest() + " now (" + change + ") over "
                + assessments() + " assessments: "
                + totals.toString().replace("[", "").replace("]", "")
                + (remission
                        ? "; in remission" + (instrument == Instrument.MADRS ? " (MADRS cut-off: site policy)" : "")
                        : response ? "; response" : "");
    }

    /**
     * The course as a trajectory in words: "PHQ-9 21 at baseline, best 4 (2026-04-01), 16 now; response or remission
     * first reached 2026-03-10".
     */
    public String describeCourse() {
        Instant reached = benefitReachedAt();
        return instrument.label() + " " + baseline() + " at baseline, best " + best() + " (" + bestAt() + "), "
                + latest() + " now (" + aboveBest() + (aboveBest() == 1 ? " point" : " points") + " above the best)"
                + (reached == null
                        ? "; response or remission never reached"
                        : "; response or remission first reached " + reached)
                + (relapseMin == null ? "" : "; relapse level " + relapseMin + " or more");
    }

    /** The instrument's label in lower-case prose, e.g. for sentences. */
    public String label() {
        return instrument.label().toLowerCase(Locale.ROOT).equals("madrs") ? "MADRS" : instrument.label();
    }
}
