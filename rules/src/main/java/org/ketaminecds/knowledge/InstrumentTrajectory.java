package org.ketaminecds.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ketaminecds.fact.Instrument;

/**
 * A derived fact: one instrument's scores over the course. The baseline is the instrument's earliest assessment;
 * lower scores are better on every instrument the rules read.
 *
 * @param instrument the instrument
 * @param totals the totals in time order (the first is the baseline)
 * @param baselineAt when the baseline was taken
 * @param latestAt when the latest was taken
 * @param changePoints latest minus baseline (negative = better)
 * @param improvementPercent (baseline - latest) / baseline x 100, rounded down; null when the baseline is 0
 * @param response at least 50% improvement
 * @param remission at or below the instrument's remission threshold
 * @param worsening latest at least the site's worsening percentage above the baseline
 * @param trailingWorse how many of the latest assessments, counted back from the latest, are above the baseline
 * @param trailingNotImproved how many of the latest assessments after the baseline, counted back, improved by less
 *     than the site's non-response percentage
 * @param earlierResponse whether an assessment before the latest met response or remission
 * @param primary whether the course is judged on this instrument: MADRS (clinician-rated) if it has at least two
 *     assessments, else QIDS-SR16, else PHQ-9
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
        int trailingNotImproved,
        boolean earlierResponse,
        boolean primary) {

    public InstrumentTrajectory {
        Objects.requireNonNull(instrument, "instrument");
        totals = List.copyOf(totals);
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

    /** The instrument's label in lower-case prose, e.g. for sentences. */
    public String label() {
        return instrument.label().toLowerCase(Locale.ROOT).equals("madrs") ? "MADRS" : instrument.label();
    }
}
